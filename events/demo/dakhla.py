"""Dakhla: the US investor visit, the Dakhla Connect B2B day and the entrepreneurs' training programme.

Days count from the mission's first day (day 1); times are wall-clock times in Dakhla. Morocco leaves
UTC+1 for UTC+0 during Ramadan, so the same 09:00 is a different UTC instant depending on the date;
the loader converts through the stop's ZoneInfo, never a fixed offset.
"""

DAKHLA = "Dakhla"
REGION = "Dakhla-Oued Eddahab"
# Dakhla keeps Moroccan time; the home zone of these missions is the one Moroccan partners use.
MOROCCAN_TIME = "Africa/Casablanca"
CRI = "cri-dakhla-oued-eddahab"

INVESTOR_VISIT_SESSIONS = [
    {
        "title": "Welcome by the Regional Investment Centre (CRI Dakhla-Oued Eddahab)",
        "kind": "business_briefing",
        "day": 1,
        "time": ("10:00", "12:30"),
        "venue": "Centre Régional d'Investissement, Dakhla",
        "audience": "delegation",
        "sectors": ["renewable-energy", "logistics", "tourism", "fisheries-aquaculture", "agriculture"],
        "description": "The region's investment map, incentives, free zones and the one-stop procedures of the CRI.",
    },
    {
        "title": "Visit of the Dakhla free zone and the Dakhla Atlantic port project",
        "kind": "site_visit",
        "day": 2,
        "time": ("09:00", "13:00"),
        "venue": "Dakhla free zone",
        "audience": "delegation",
        "sectors": ["logistics"],
        "description": "Industrial and logistics plots of the free zone, then the site of the deep-water "
        "Atlantic port that will link the region to West Africa and the Americas.",
    },
    {
        "title": "Visit of oyster farms and a desalination-irrigated farm",
        "kind": "site_visit",
        "day": 2,
        "time": ("15:00", "18:00"),
        "venue": "Dakhla bay",
        "audience": "delegation",
        "sectors": ["fisheries-aquaculture", "agriculture"],
        "description": "Aquaculture in the bay, then greenhouses watered by the desalination project.",
    },
    {
        "title": "Renewable-energy site visit: wind farm and green-hydrogen project",
        "kind": "site_visit",
        "day": 3,
        "time": ("09:00", "13:00"),
        "venue": "Wind farm north of Dakhla",
        "audience": "delegation",
        "sectors": ["renewable-energy"],
        "description": "Some of the strongest and steadiest trade winds of the Atlantic coast; plans for "
        "green hydrogen and ammonia.",
    },
    {
        "title": "Round table with local investors",
        "kind": "round_table",
        "day": 3,
        "time": ("16:00", "18:30"),
        "venue": "Centre Régional d'Investissement, Dakhla",
        "audience": "invited",
        "sectors": ["tourism", "fisheries-aquaculture", "logistics"],
        "description": "Moroccan investors of the region share what works, what to watch and where they seek partners.",
    },
    {
        "title": "B2B meetings with Dakhla companies",
        "kind": "b2b_meetings",
        "day": 4,
        "time": ("09:00", "13:00"),
        "venue": "Centre Régional d'Investissement, Dakhla",
        "audience": "companies",
        "registration_mode": "approval",
        "capacity": 40,
        "sectors": ["renewable-energy", "logistics", "tourism", "fisheries-aquaculture", "agriculture"],
        "description": "Local companies and cooperatives meet the US investors one-to-one.",
    },
]

INVESTORS = [
    {
        "full_name": "Robert Callahan",
        "role": "head",
        "job_title": "Managing Partner",
        "organization": "chesapeake-renewable-partners",
        "email": "robert.callahan@chesapeake-renewable-partners.example.com",
        "sectors": ["renewable-energy"],
    },
    {
        "full_name": "Jennifer Ortiz",
        "job_title": "Vice President, Business Development",
        "organization": "gulfstream-logistics-group",
        "email": "jennifer.ortiz@gulfstream-logistics-group.example.com",
        "sectors": ["logistics"],
    },
    {
        "full_name": "David Kim",
        "job_title": "Director of International Projects",
        "organization": "blue-harbor-aquaculture",
        "email": "david.kim@blue-harbor-aquaculture.example.com",
        "sectors": ["fisheries-aquaculture"],
    },
    {
        "full_name": "Amanda Price",
        "job_title": "Principal",
        "organization": "coastal-hospitality-investments",
        "email": "amanda.price@coastal-hospitality-investments.example.com",
        "sectors": ["tourism"],
    },
    {
        "full_name": "Thomas Whitaker",
        "job_title": "Chief Executive Officer",
        "organization": "sunbelt-agritech",
        "email": "thomas.whitaker@sunbelt-agritech.example.com",
        "sectors": ["agriculture"],
    },
    {
        "full_name": "Nora Bensouda",
        "role": "staff",
        "job_title": "Delegation coordinator",
        "organization": "moroccan-american-network",
        "email": "nora.bensouda@moroccan-american-network.example.com",
        "languages": ["en", "fr", "ar"],
    },
]

INVESTOR_PRIORITIES = [
    {
        "sector": "renewable-energy",
        "seeking": "Land, grid access and local partners for a 200 MW wind project feeding green hydrogen.",
        "budget_band": "over_20m",
        "timeline": "later",
    },
    {
        "sector": "logistics",
        "seeking": "Cold-chain warehousing in the free zone, connected to the future Atlantic port.",
        "budget_band": "5m_20m",
        "timeline": "24m",
    },
    {
        "sector": "fisheries-aquaculture",
        "seeking": "Joint ventures with oyster and mussel farmers of the bay, with export certification.",
        "budget_band": "1m_5m",
        "timeline": "12m",
    },
    {
        "sector": "tourism",
        "seeking": "Sites for an eco-lodge and kitesurfing resort on the lagoon.",
        "budget_band": "5m_20m",
        "timeline": "24m",
    },
    {
        "sector": "agriculture",
        "seeking": "Greenhouse growers to supply with desalinated irrigation and export contracts.",
        "budget_band": "1m_5m",
        "timeline": "12m",
    },
]

INVESTOR_VISIT = {
    "slug": "dakhla-investor-visit",
    "title": "Dakhla Investor Visit: Free Zones and the Atlantic Gateway",
    "kind": "investor_visit",
    "status": "published",
    "sponsor": CRI,
    "implementers": ["moroccan-american-network"],
    "starts": {"weeks_ahead": 10, "weekday": "monday"},
    "days": 4,
    "time_zone": MOROCCAN_TIME,
    "sectors": ["renewable-energy", "logistics", "tourism", "fisheries-aquaculture", "agriculture"],
    "summary": "A US business delegation discovers Dakhla, its free zones and its investment opportunities.",
    "description": "Announced at the Small Business Summit in Virginia, this visit gives US investors an "
    "in-depth look at the opportunities of Dakhla and its free zones: renewable energy, logistics around "
    "the Atlantic port, tourism, fisheries and aquaculture, and agriculture.",
    "contact_name": "CRI Dakhla-Oued Eddahab, investor relations",
    "contact_email": "investors@cri-dakhla.example.ma",
    "stops": [
        {
            "order": 1,
            "city": DAKHLA,
            "region": REGION,
            "country": "MA",
            "time_zone": MOROCCAN_TIME,
            "days": (1, 4),
            "sessions": INVESTOR_VISIT_SESSIONS,
        }
    ],
    "delegations": [
        {
            "name": "US investors delegation",
            "country": "US",
            "description": "US investors in energy, logistics, aquaculture, tourism and agriculture.",
            "languages": ["en"],
            "delegates": INVESTORS,
            "priorities": INVESTOR_PRIORITIES,
        }
    ],
}

CONNECT_DAY_SESSIONS = [
    {
        "title": "Opening: the Dakhla Connect platform",
        "kind": "business_briefing",
        "day": 1,
        "time": ("09:00", "09:45"),
        "venue": "Centre Régional d'Investissement, Dakhla",
        "audience": "public",
        "registration_mode": "open",
        "capacity": 150,
        "description": "MEPI, JE Austin Associates and the CRI present Dakhla Connect and how to use it.",
    },
    {
        "title": "B2B meetings: company to company",
        "kind": "b2b_meetings",
        "day": 1,
        "time": ("10:00", "13:00"),
        "venue": "Centre Régional d'Investissement, Dakhla",
        "audience": "companies",
        "registration_mode": "open",
        "capacity": 80,
        "sectors": ["handicrafts", "fisheries-aquaculture", "tourism", "agriculture", "logistics"],
        "description": "Every registered company may request a meeting with any other, matched by sector.",
    },
    {
        "title": "Round table: selling Dakhla's products to national and international buyers",
        "kind": "round_table",
        "day": 1,
        "time": ("14:30", "16:00"),
        "venue": "Centre Régional d'Investissement, Dakhla",
        "audience": "companies",
        "registration_mode": "open",
        "capacity": 40,
        "sectors": ["handicrafts", "fisheries-aquaculture", "agriculture", "e-commerce"],
        "description": "Buyers, exporters and platforms on certification, logistics and online sales.",
    },
]

CONNECT_DAY = {
    "slug": "dakhla-connect-b2b-day",
    "title": "Dakhla Connect B2B Day",
    "kind": "b2b_matchmaking",
    "status": "published",
    "sponsor": "mepi",
    "implementers": ["je-austin-associates", CRI],
    "starts": {"weeks_ahead": 12, "weekday": "wednesday"},
    "days": 1,
    "time_zone": MOROCCAN_TIME,
    "sectors": ["handicrafts", "fisheries-aquaculture", "tourism", "agriculture", "logistics", "renewable-energy"],
    "summary": "Local companies, cooperatives and investors of Dakhla meet one-to-one, matched by sector.",
    "description": "Dakhla Connect, funded by the U.S. Middle East Partnership Initiative, brings out the "
    "economic strengths of Dakhla and makes B2B meetings, investment and cooperation easier, nationally "
    "and internationally: agriculture, fisheries and aquaculture, renewable energy, tourism and logistics.",
    "contact_name": "Dakhla Connect team",
    "contact_email": "connect@cri-dakhla.example.ma",
    "stops": [
        {
            "order": 1,
            "city": DAKHLA,
            "region": REGION,
            "country": "MA",
            "time_zone": MOROCCAN_TIME,
            "days": (1, 1),
            "sessions": CONNECT_DAY_SESSIONS,
        }
    ],
    "delegations": [],
}


def _training(title, day, description, sectors):
    return {
        "title": title,
        "kind": "training",
        "day": day,
        "time": ("09:30", "12:30"),
        "venue": "Centre Régional d'Investissement, Dakhla, training room",
        "audience": "invited",
        "capacity": 50,
        # Cooperatives put their entrepreneurs forward and the CRI confirms them.
        "registration_mode": "approval",
        "attendees_per_company": 5,  # a cooperative sends several of its members
        "sectors": sectors,
        "description": description,
    }


TRAINING_SESSIONS = [
    _training(
        "Social media marketing: building an audience",
        1,
        "Choosing platforms, telling the story of a product, photographing it well.",
        ["small-business", "e-commerce"],
    ),
    _training(
        "Social media marketing: advertising and measuring results",
        2,
        "Small advertising budgets, targeting, and reading the figures that matter.",
        ["small-business", "e-commerce"],
    ),
    _training(
        "E-commerce: opening an online shop",
        3,
        "Product pages, prices and delivery, customer service.",
        ["e-commerce"],
    ),
    _training(
        "Selling handicrafts online with Dakhla Market",
        4,
        "Creating an e-shop on the Dakhla Market platform, adding products, following orders and taking "
        "electronic payments.",
        ["handicrafts", "e-commerce"],
    ),
    _training(
        "Networking: pitching your business and meeting buyers",
        8,
        "A three-minute pitch, business cards and follow-up; rehearsal with buyers from Dakhla Connect.",
        ["small-business"],
    ),
    {
        # The rehearsal done, the trainees meet real buyers one to one (demo/outcomes.py: what came of it).
        "title": "Networking: meet the buyers",
        "kind": "b2b_meetings",
        "day": 8,
        "time": ("14:30", "16:30"),
        "venue": "Centre Régional d'Investissement, Dakhla",
        "audience": "companies",
        "registration_mode": "approval",
        "capacity": 20,
        "sectors": ["handicrafts", "tourism"],
        "description": "After the morning's rehearsal, the cooperatives meet lodges, a tour operator and a "
        "hotel investor who buy crafts, twenty minutes each.",
    },
    {
        "title": "Certificate ceremony for 50 young entrepreneurs",
        "kind": "ceremony",
        "day": 11,
        "time": ("16:00", "18:00"),
        "venue": "Centre Régional d'Investissement, Dakhla",
        "audience": "invited",
        "description": "The entrepreneurs receive their certificates in the presence of the U.S. Embassy, "
        "MEPI, JE Austin Associates and the CRI.",
    },
]

TRAINING_PROGRAMME = {
    "slug": "dakhla-young-entrepreneurs-training",
    "title": "Dakhla Young Entrepreneurs Training Programme",
    "kind": "training_programme",
    "status": "published",
    "sponsor": "mepi",
    "implementers": ["je-austin-associates", CRI],
    # Over already (three weeks ago): its certificates are issued, so the demo shows them.
    "starts": {"weeks_ahead": -3, "weekday": "monday"},
    "days": 11,
    "time_zone": MOROCCAN_TIME,
    "sectors": ["small-business", "e-commerce", "handicrafts"],
    "summary": "Fifty young entrepreneurs of Dakhla trained in social media marketing, e-commerce and "
    "networking, closing with a certificate ceremony.",
    "description": "Part of the project “Promoting economic opportunities in Laayoune and Dakhla”, funded "
    "by MEPI and implemented by JE Austin Associates with the CRI. Artisans, cooperatives and GIE learn to "
    "sell online, including on Dakhla Market, the marketplace for the handicrafts of Dakhla-Oued Eddahab.",
    "contact_name": "JE Austin Associates, Rabat office",
    "contact_email": "dakhla.training@jeaustin.example.com",
    "stops": [
        {
            "order": 1,
            "city": DAKHLA,
            "region": REGION,
            "country": "MA",
            "time_zone": MOROCCAN_TIME,
            "days": (1, 11),
            "sessions": TRAINING_SESSIONS,
        }
    ],
    "delegations": [],
}
