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
