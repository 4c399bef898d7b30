"""Organizations of the demo, keyed by slug.

Public bodies named in the seeds keep their real names and have no website; companies, cooperatives
and people are invented, with example.* addresses only, so the demo never points at a real inbox.
"""

SPONSORS_AND_PARTNERS = [
    {
        "slug": "ustda",
        "name": "U.S. Trade and Development Agency (USTDA)",
        "kind": "sponsor",
        "country": "US",
        "city": "Arlington",
        "description": "Links U.S. businesses to infrastructure projects in emerging economies; "
        "hosts reverse trade missions of foreign decision-makers.",
        "sectors": ["e-government", "cloud-computing", "data-centres", "smart-cities"],
    },
    {
        "slug": "mepi",
        "name": "U.S. Middle East Partnership Initiative (MEPI)",
        "kind": "sponsor",
        "country": "US",
        "city": "Washington",
        "description": "U.S. Department of State programme funding economic opportunity projects, "
        "among them Dakhla Connect and Laayoune Connect.",
        "sectors": ["small-business", "e-commerce", "handicrafts"],
    },
    {
        "slug": "je-austin-associates",
        "name": "JE Austin Associates",
        "kind": "implementer",
        "country": "US",
        "city": "Washington",
        "description": "International consultancy with a regional office in Rabat; implements the "
        "project “Promoting economic opportunities in Laayoune and Dakhla”.",
        "sectors": ["small-business", "e-commerce"],
    },
    {
        "slug": "cri-dakhla-oued-eddahab",
        "name": "Centre Régional d'Investissement Dakhla-Oued Eddahab",
        "kind": "investment_centre",
        "country": "MA",
        "city": "Dakhla",
        "description": "Regional Investment Centre: the investor's single window for the region, "
        "its free zones and the Dakhla Atlantic port project.",
        "sectors": ["renewable-energy", "logistics", "tourism", "fisheries-aquaculture", "agriculture"],
    },
    {
        "slug": "moroccan-american-network",
        "name": "Moroccan American Network",
        "kind": "association",
        "country": "US",
        "city": "Alexandria",
        "description": "Supports small businesses building bridges between Morocco and the United States; "
        "organises the Small Business Summit on Morocco Day in Virginia.",
        "sectors": ["small-business"],
    },
]

MOROCCAN_PUBLIC_BODIES = [
    {
        "slug": "ministry-digital-transition",
        "name": "Ministry of Digital Transition and Administrative Reform",
        "kind": "government_agency",
        "country": "MA",
        "city": "Rabat",
        "description": "Leads the Maroc Digital 2030 strategy and the digital transformation of public services.",
        "sectors": ["e-government", "digital-inclusion", "artificial-intelligence"],
    },
    {
        "slug": "add-digital-development-agency",
        "name": "Digital Development Agency (ADD)",
        "kind": "government_agency",
        "country": "MA",
        "city": "Rabat",
        "description": "Agence de Développement du Digital: runs the state's digital platforms and programmes.",
        "sectors": ["e-government", "cloud-computing", "digital-inclusion"],
    },
    {
        "slug": "anrt",
        "name": "National Telecommunications Regulatory Agency (ANRT)",
        "kind": "government_agency",
        "country": "MA",
        "city": "Rabat",
        "description": "Regulates telecommunications and the roll-out of broadband, including to rural areas.",
        "sectors": ["telecommunications", "digital-inclusion"],
    },
    {
        "slug": "dgssi",
        "name": "General Directorate of Information Systems Security (DGSSI)",
        "kind": "government_agency",
        "country": "MA",
        "city": "Rabat",
        "description": "National authority for the cybersecurity of administrations and critical infrastructure.",
        "sectors": ["cybersecurity"],
    },
    {
        "slug": "amdie",
        "name": "Moroccan Investment and Export Development Agency (AMDIE)",
        "kind": "government_agency",
        "country": "MA",
        "city": "Rabat",
        "description": "Promotes foreign investment in Morocco, including in the digital sector.",
        "sectors": ["e-government", "data-centres", "artificial-intelligence"],
    },
    {
        "slug": "city-of-casablanca",
        "name": "City of Casablanca",
        "kind": "government_agency",
        "country": "MA",
        "city": "Casablanca",
        "description": "Runs the city's smart-city programme: mobility, lighting and an urban data platform.",
        "sectors": ["smart-cities"],
    },
]

MOROCCAN_COMPANIES = [
    {
        "slug": "atlas-data-centres",
        "name": "Atlas Data Centres",
        "kind": "company",
        "country": "MA",
        "city": "Casablanca",
        "website": "https://atlas-data-centres.example.com",
        "description": "Builds and operates colocation and sovereign-cloud data centres.",
        "sectors": ["data-centres", "cloud-computing"],
    },
    {
        "slug": "tamesna-bank",
        "name": "Tamesna Bank",
        "kind": "company",
        "country": "MA",
        "city": "Casablanca",
        "website": "https://tamesna-bank.example.com",
        "description": "Retail bank moving its core systems to the cloud and its customers to mobile banking.",
        "sectors": ["cloud-computing", "cybersecurity", "digital-inclusion"],
    },
    {
        "slug": "argan-analytics",
        "name": "Argan Analytics",
        "kind": "company",
        "country": "MA",
        "city": "Rabat",
        "website": "https://argan-analytics.example.com",
        "description": "Start-up building Arabic, Darija and French language models for public help desks.",
        "sectors": ["artificial-intelligence", "e-government"],
    },
]

US_COMPANIES = [
    {
        "slug": "lone-star-cloud-systems",
        "name": "Lone Star Cloud Systems",
        "city": "Austin",
        "description": "Hybrid and sovereign cloud platforms for governments; migration services.",
        "sectors": ["cloud-computing", "data-centres", "e-government"],
    },
    {
        "slug": "bluebonnet-cyber-defense",
        "name": "Bluebonnet Cyber Defense",
        "city": "Austin",
        "description": "Managed security operations centres, threat intelligence and analyst training.",
        "sectors": ["cybersecurity"],
    },
    {
        "slug": "hill-country-govtech",
        "name": "Hill Country GovTech",
        "city": "Austin",
        "description": "Citizen portals, digital identity and e-signature for state and local governments.",
        "sectors": ["e-government", "digital-inclusion"],
    },
    {
        "slug": "congress-avenue-ai",
        "name": "Congress Avenue AI",
        "city": "Austin",
        "description": "Document automation and multilingual virtual assistants for public services.",
        "sectors": ["artificial-intelligence", "e-government"],
    },
    {
        "slug": "guadalupe-smart-infrastructure",
        "name": "Guadalupe Smart Infrastructure",
        "city": "San Antonio",
        "description": "Adaptive traffic signals, connected street lighting and urban data platforms.",
        "sectors": ["smart-cities"],
    },
    {
        "slug": "redwood-data-centers",
        "name": "Redwood Data Centers",
        "city": "San Jose",
        "description": "Designs energy-efficient data centres with liquid cooling; operations partner abroad.",
        "sectors": ["data-centres", "renewable-energy"],
    },
    {
        "slug": "coyote-valley-networks",
        "name": "Coyote Valley Networks",
        "city": "San Jose",
        "description": "Rural broadband and fixed-wireless networks, from design to operations.",
        "sectors": ["telecommunications", "digital-inclusion"],
    },
    {
        "slug": "pecos-payments",
        "name": "Pecos Payments",
        "city": "El Paso",
        "country": "US",
        "description": "Online marketplaces and mobile payments for small producers, artisans and cooperatives.",
        "sectors": ["e-commerce", "small-business"],
    },
    {
        "slug": "bayou-marketplaces",
        "name": "Bayou Marketplaces",
        "city": "Houston",
        "country": "US",
        "description": "Builds and runs online marketplaces with payments and delivery for craft cooperatives.",
        "sectors": ["e-commerce"],
    },
    {
        "slug": "mission-peak-identity",
        "name": "Mission Peak Identity",
        "city": "Fremont",
        "description": "Privacy-preserving digital identity and once-only data exchange between agencies.",
        "sectors": ["e-government", "cybersecurity"],
    },
]

# The investors of the Dakhla visit: US companies too, from other states and trades.
US_INVESTORS = [
    {
        "slug": "chesapeake-renewable-partners",
        "name": "Chesapeake Renewable Partners",
        "city": "Richmond",
        "description": "Invests in utility-scale wind, solar and green-hydrogen projects.",
        "sectors": ["renewable-energy"],
    },
    {
        "slug": "gulfstream-logistics-group",
        "name": "Gulfstream Logistics Group",
        "city": "Houston",
        "description": "Port terminals, cold-chain warehousing and freight forwarding.",
        "sectors": ["logistics"],
    },
    {
        "slug": "blue-harbor-aquaculture",
        "name": "Blue Harbor Aquaculture",
        "city": "Seattle",
        "description": "Shellfish and finfish farming, hatcheries and seafood export certification.",
        "sectors": ["fisheries-aquaculture"],
    },
    {
        "slug": "coastal-hospitality-investments",
        "name": "Coastal Hospitality Investments",
        "city": "Miami",
        "description": "Develops eco-lodges and resort hotels on coasts with strong wind-sports tourism.",
        "sectors": ["tourism"],
    },
    {
        "slug": "sunbelt-agritech",
        "name": "Sunbelt AgriTech",
        "city": "Fresno",
        "description": "Greenhouse farming irrigated by desalinated water; export produce.",
        "sectors": ["agriculture", "renewable-energy"],
    },
]

# Beneficiaries of Dakhla Connect: the cooperatives, GIE and small companies of the region.
DAKHLA_BUSINESSES = [
    {
        "slug": "cooperative-al-melhfa-dakhla",
        "name": "Coopérative Al Melhfa Dakhla",
        "kind": "cooperative",
        "description": "Women's cooperative weaving and dyeing the traditional melhfa.",
        "sectors": ["handicrafts", "e-commerce"],
    },
    {
        "slug": "cooperative-tifawin-artisanes",
        "name": "Coopérative Tifawin des Artisanes",
        "kind": "cooperative",
        "description": "Leatherwork, jewellery and Sahrawi tea sets, sold on Dakhla Market.",
        "sectors": ["handicrafts", "e-commerce"],
    },
    {
        "slug": "gie-oued-eddahab-artisanat",
        "name": "GIE Oued Eddahab Artisanat",
        "kind": "cooperative",
        "description": "Economic interest group pooling the marketing of twelve craft workshops.",
        "sectors": ["handicrafts"],
    },
    {
        "slug": "cooperative-huitres-lagune-dakhla",
        "name": "Coopérative des Huîtres de la Lagune de Dakhla",
        "kind": "cooperative",
        "description": "Oyster farming in Dakhla bay, with depuration and packing for Moroccan buyers.",
        "sectors": ["fisheries-aquaculture"],
    },
    {
        "slug": "gie-peche-artisanale-lassarga",
        "name": "GIE Pêche Artisanale Lassarga",
        "kind": "cooperative",
        "description": "Small-scale fishers of Lassarga selling octopus and fresh fish together.",
        "sectors": ["fisheries-aquaculture"],
    },
    {
        "slug": "dakhla-bay-seafood",
        "name": "Dakhla Bay Seafood",
        "kind": "company",
        "website": "https://dakhla-bay-seafood.example.com",
        "description": "Processes and freezes fish and cephalopods for export.",
        "sectors": ["fisheries-aquaculture", "logistics"],
    },
    {
        "slug": "dakhla-lagoon-kite-lodge",
        "name": "Dakhla Lagoon Kite Lodge",
        "kind": "company",
        "website": "https://dakhla-lagoon-kite-lodge.example.com",
        "description": "Eco-lodge and kitesurfing school on the lagoon.",
        "sectors": ["tourism"],
    },
    {
        "slug": "oued-eddahab-desert-tours",
        "name": "Oued Eddahab Desert Tours",
        "kind": "company",
        "website": "https://oued-eddahab-desert-tours.example.com",
        "description": "Desert and White Dune excursions for visitors of Dakhla.",
        "sectors": ["tourism"],
    },
    {
        "slug": "cooperative-agricole-bir-anzarane",
        "name": "Coopérative Agricole Bir Anzarane",
        "kind": "cooperative",
        "description": "Grows cherry tomatoes and melons under greenhouses for export.",
        "sectors": ["agriculture"],
    },
]


def _us_company(entry):
    return {"kind": "company", "country": "US", "website": f"https://{entry['slug']}.example.com", **entry}


def _dakhla_business(entry):
    return {"country": "MA", "city": "Dakhla", **entry}


ORGANIZATIONS = [
    *SPONSORS_AND_PARTNERS,
    *MOROCCAN_PUBLIC_BODIES,
    *MOROCCAN_COMPANIES,
    *(_us_company(entry) for entry in US_COMPANIES + US_INVESTORS),
    *(_dakhla_business(entry) for entry in DAKHLA_BUSINESSES),
]
