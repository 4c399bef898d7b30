"""The sectors trade missions in the seeds talk about: (slug, English, French)."""

SECTORS = [
    ("e-government", "E-government", "Administration électronique"),
    ("data-centres", "Data centres", "Centres de données"),
    ("artificial-intelligence", "Artificial intelligence", "Intelligence artificielle"),
    ("cybersecurity", "Cybersecurity", "Cybersécurité"),
    ("cloud-computing", "Cloud computing", "Informatique en nuage"),
    ("smart-cities", "Smart cities", "Villes intelligentes"),
    ("digital-inclusion", "Digital inclusion", "Inclusion numérique"),
    ("e-commerce", "E-commerce", "Commerce électronique"),
    ("renewable-energy", "Renewable energy", "Énergies renouvelables"),
    ("logistics", "Logistics", "Logistique"),
    ("tourism", "Tourism", "Tourisme"),
    ("agriculture", "Agriculture", "Agriculture"),
    ("fisheries-aquaculture", "Fisheries and aquaculture", "Pêche et aquaculture"),
    ("handicrafts", "Handicrafts", "Artisanat"),
    ("telecommunications", "Telecommunications", "Télécommunications"),
    ("small-business", "Small business and entrepreneurship", "Petites entreprises et entrepreneuriat"),
]

# The same sectors' names in Arabic (Modern Standard Arabic), for the Arabic interface.
ARABIC_NAMES = {
    "e-government": "الإدارة الإلكترونية",
    "data-centres": "مراكز البيانات",
    "artificial-intelligence": "الذكاء الاصطناعي",
    "cybersecurity": "الأمن السيبراني",
    "cloud-computing": "الحوسبة السحابية",
    "smart-cities": "المدن الذكية",
    "digital-inclusion": "الإدماج الرقمي",
    "e-commerce": "التجارة الإلكترونية",
    "renewable-energy": "الطاقات المتجددة",
    "logistics": "اللوجستيك",
    "tourism": "السياحة",
    "agriculture": "الفلاحة",
    "fisheries-aquaculture": "الصيد البحري وتربية الأحياء المائية",
    "handicrafts": "الصناعة التقليدية",
    "telecommunications": "الاتصالات",
    "small-business": "المقاولات الصغرى وريادة الأعمال",
}

# Each sector's industry codes: NAICS 2022 (United States, the funder's and U.S. companies' registries) and
# NACE Rev. 2 (the EU's, which Morocco's nomenclature NMAE follows). Two sectors sharing a code are
# neighbours (cloud computing and data centres both host: NAICS 518210, NACE 63.11): a company in one is a
# partial match for a priority in the other (events.matching).
INDUSTRY_CODES = {
    "e-government": {"naics": ("541511", "541512"), "nace": ("62.01", "62.02")},
    "data-centres": {"naics": ("518210", "236220"), "nace": ("63.11", "41.20")},
    "artificial-intelligence": {"naics": ("541511", "541715"), "nace": ("62.01", "72.19")},
    "cybersecurity": {"naics": ("541512", "541519"), "nace": ("62.02", "62.09")},
    "cloud-computing": {"naics": ("518210", "541512"), "nace": ("63.11", "62.02")},
    "smart-cities": {"naics": ("541330", "237130"), "nace": ("71.12", "42.22")},
    "digital-inclusion": {"naics": ("611420", "517111"), "nace": ("85.59", "61.10")},
    "e-commerce": {"naics": ("455219", "541511"), "nace": ("47.91", "62.01")},
    "renewable-energy": {"naics": ("221114", "221115", "237130"), "nace": ("35.11", "42.22")},
    "logistics": {"naics": ("488510", "493110"), "nace": ("52.10", "52.29")},
    "tourism": {"naics": ("721110", "561510"), "nace": ("55.10", "79.11")},
    "agriculture": {"naics": ("111998", "115112"), "nace": ("01.13", "01.61")},
    "fisheries-aquaculture": {"naics": ("114111", "112511", "311710"), "nace": ("03.11", "03.21", "10.20")},
    "handicrafts": {"naics": ("339999",), "nace": ("32.99",)},
    "telecommunications": {"naics": ("517111", "517112"), "nace": ("61.10", "61.20")},
    "small-business": {"naics": ("541611",), "nace": ("70.22",)},
}


def industry_codes(slug: str) -> frozenset[str]:
    """The sector's codes as "NAICS 518210" and "NACE 63.11" (empty for a sector outside the taxonomy)."""
    codes = INDUSTRY_CODES.get(slug, {})
    return frozenset(
        [f"NAICS {code}" for code in codes.get("naics", ())] + [f"NACE {code}" for code in codes.get("nace", ())]
    )
