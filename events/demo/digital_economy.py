"""USTDA's reverse trade mission: fifteen Moroccan digital-economy leaders tour Austin and Silicon Valley.

Days count from the mission's first day (day 1); times are wall-clock times at the stop.
"""

MINISTRY = "ministry-digital-transition"
# What companies pitch at the briefing; the mission also studies digital inclusion with US cities.
TOPICS = ["e-government", "data-centres", "artificial-intelligence", "cybersecurity", "cloud-computing", "smart-cities"]

SESSIONS_IN_AUSTIN = [
    {
        "title": "Welcome reception",
        "kind": "reception",
        "day": 1,
        "time": ("18:30", "20:30"),
        "venue": "Downtown Austin hotel, Capitol Room",
        "audience": "invited",
        "description": "USTDA welcomes the delegation and introduces the programme of the two weeks.",
    },
    {
        "title": "Round table: digital services of the State of Texas",
        "kind": "round_table",
        "day": 2,
        "time": ("09:00", "11:30"),
        "venue": "Texas State Capitol, Austin",
        "audience": "delegation",
        "sectors": ["e-government", "cloud-computing"],
        "description": "State officials share how they run shared cloud services, digital identity and "
        "data governance across agencies.",
    },
    {
        "title": "Site visit: IBM",
        "kind": "site_visit",
        "day": 2,
        "time": ("14:00", "17:00"),
        "venue": "IBM Austin campus",
        "audience": "delegation",
        "sectors": ["artificial-intelligence", "cloud-computing", "data-centres"],
        "description": "Hybrid cloud and AI for public administrations: demonstrations and lab tour.",
    },
    {
        "title": "Workshop: cloud for government, sovereign and hybrid",
        "kind": "workshop",
        "day": 3,
        "time": ("09:00", "12:00"),
        "venue": "Downtown Austin hotel, Salon B",
        "audience": "companies",
        "registration_mode": "approval",
        "capacity": 30,
        "sectors": ["cloud-computing", "data-centres"],
        "description": "How ministries move applications to a government cloud: architecture, data "
        "residency, migration and the skills to run it.",
    },
    {
        "title": "Round table: smart city and digital inclusion with the City of Austin",
        "kind": "round_table",
        "day": 3,
        "time": ("14:00", "16:30"),
        "venue": "Austin City Hall",
        "audience": "delegation",
        "sectors": ["smart-cities", "digital-inclusion"],
        "description": "Mobility data, connected lighting and the city's digital inclusion programme.",
    },
    {
        "title": "USTDA business briefing: Morocco's digital economy",
        "title_fr": "Réunion d'information de l'USTDA : l'économie numérique du Maroc",
        "title_ar": "إحاطة USTDA للأعمال: الاقتصاد الرقمي في المغرب",
        "kind": "business_briefing",
        "day": 4,
        "time": ("09:00", "12:00"),
        "venue": "AT&T Hotel and Conference Center, Austin",
        "audience": "public",
        "registration_mode": "open",
        "capacity": 120,
        "sectors": TOPICS,
        "description": "The delegation presents Morocco's procurement priorities and upcoming business "
        "opportunities under Maroc Digital 2030. Open to U.S. companies; registration required.",
    },
    {
        "title": "One-to-one meetings with the delegates",
        "title_fr": "Rendez-vous individuels avec les délégués",
        "title_ar": "اجتماعات ثنائية مع أعضاء الوفد",
        "kind": "b2b_meetings",
        "day": 4,
        "time": ("13:30", "17:30"),
        "venue": "AT&T Hotel and Conference Center, Austin",
        "audience": "companies",
        "registration_mode": "approval",
        "capacity": 60,
        "sectors": ["e-government", "data-centres", "artificial-intelligence", "cybersecurity", "cloud-computing"],
        "description": "Twenty-minute meetings in which U.S. companies present their products and services "
        "to the delegates of their choice.",
    },
]

SESSIONS_IN_SILICON_VALLEY = [
    {
        "title": "Site visit: Amazon",
        "kind": "site_visit",
        "day": 6,
        "time": ("10:00", "13:00"),
        "venue": "Amazon offices, Sunnyvale",
        "audience": "delegation",
        "sectors": ["cloud-computing", "data-centres", "artificial-intelligence"],
        "description": "Cloud infrastructure for the public sector and the operation of large data centres.",
    },
    {
        "title": "Site visit: Juniper Networks",
        "kind": "site_visit",
        "day": 7,
        "time": ("09:30", "12:30"),
        "venue": "Juniper Networks headquarters, Sunnyvale",
        "audience": "delegation",
        "sectors": ["cybersecurity", "telecommunications", "data-centres"],
        "description": "Secure, automated networks for government and data-centre backbones.",
    },
    {
        "title": "Workshop: cybersecurity of networks and critical infrastructure",
        "kind": "workshop",
        "day": 7,
        "time": ("14:00", "17:00"),
        "venue": "San Jose convention centre, room 210",
        "audience": "companies",
        "registration_mode": "approval",
        "capacity": 30,
        "sectors": ["cybersecurity"],
        "description": "Security operations centres, incident response and training analysts at scale.",
    },
    {
        "title": "Round table: artificial intelligence in public services",
        "kind": "round_table",
        "day": 8,
        "time": ("09:00", "12:00"),
        "venue": "San Jose convention centre, room 210",
        "audience": "companies",
        "registration_mode": "approval",
        "capacity": 25,
        "sectors": ["artificial-intelligence", "e-government"],
        "description": "Multilingual assistants (Arabic, Darija, French), document automation and the "
        "governance of AI in administrations.",
    },
    {
        "title": "Round table: the City of San José smart-city programme",
        "kind": "round_table",
        "day": 8,
        "time": ("14:00", "16:00"),
        "venue": "San José City Hall",
        "audience": "delegation",
        "sectors": ["smart-cities", "digital-inclusion"],
        "description": "Local government best practice: open data, broadband equity and smart mobility.",
    },
    {
        "title": "Workshop: data centres, energy efficiency and operations",
        "kind": "workshop",
        "day": 9,
        "time": ("09:00", "12:00"),
        "venue": "San Jose convention centre, room 210",
        "audience": "companies",
        "registration_mode": "approval",
        "capacity": 30,
        "sectors": ["data-centres", "renewable-energy"],
        "description": "Designing Tier III/IV facilities for a hot climate, renewable power purchase and "
        "operations partnerships.",
    },
    {
        "title": "Round table: start-up acceleration and venture capital",
        "kind": "round_table",
        "day": 10,
        "time": ("10:00", "12:30"),
        "venue": "Sand Hill Road, Menlo Park",
        "audience": "invited",
        "sectors": ["artificial-intelligence", "small-business"],
        "description": "How accelerators and investors support start-ups, and what Morocco's incentives offer.",
    },
    {
        "title": "Closing reception",
        "kind": "reception",
        "day": 11,
        "time": ("18:30", "21:00"),
        "venue": "San Jose, Signia hotel terrace",
        "audience": "invited",
        "description": "The delegation thanks its hosts; companies met during the mission are invited.",
    },
]

LANGUAGES = ["ar", "fr", "en"]

DELEGATES = [
    {
        "full_name": "Sarah Lamrani",
        "role": "head",
        "job_title": "Secretary General, Ministry of Digital Transition and Administrative Reform",
        "organization": MINISTRY,
        "email": "sarah.lamrani@digital.example.ma",
        "sectors": ["e-government", "digital-inclusion", "artificial-intelligence"],
    },
    {
        "full_name": "Karim Alaoui",
        "job_title": "Director of Digital Public Services",
        "organization": MINISTRY,
        "email": "karim.alaoui@digital.example.ma",
        "sectors": ["e-government", "cloud-computing"],
    },
    {
        "full_name": "Nadia Berrada",
        "job_title": "Director of Digital Transformation Programmes",
        "organization": "add-digital-development-agency",
        "email": "nadia.berrada@add.example.ma",
        "sectors": ["e-government", "digital-inclusion"],
    },
    {
        # The demo delegate account signs in with this address.
        "full_name": "Omar Tazi",
        "job_title": "Head of Cloud and Data Infrastructure",
        "organization": "add-digital-development-agency",
        "email": "delegate@demo.example",
        "sectors": ["cloud-computing", "data-centres"],
    },
    {
        "full_name": "Leila Chraibi",
        "job_title": "Director of Broadband and Rural Connectivity",
        "organization": "anrt",
        "email": "leila.chraibi@anrt.example.ma",
        "sectors": ["telecommunications", "digital-inclusion"],
    },
    {
        "full_name": "Hicham El Idrissi",
        "job_title": "Head of the National Security Operations Centre",
        "organization": "dgssi",
        "email": "hicham.elidrissi@dgssi.example.ma",
        "sectors": ["cybersecurity"],
    },
    {
        "full_name": "Salma Bennani",
        "job_title": "Head of Trust Services and Certification",
        "organization": "dgssi",
        "email": "salma.bennani@dgssi.example.ma",
        "sectors": ["cybersecurity", "e-government"],
    },
    {
        "full_name": "Ghita Lahlou",
        "job_title": "Director of Investment Promotion, Digital Sector",
        "organization": "amdie",
        "email": "ghita.lahlou@amdie.example.ma",
        "sectors": ["data-centres", "artificial-intelligence"],
    },
    {
        "full_name": "Anas Ouazzani",
        "job_title": "Head of the Smart City Programme",
        "organization": "city-of-casablanca",
        "email": "anas.ouazzani@casablanca.example.ma",
        "sectors": ["smart-cities"],
    },
    {
        "full_name": "Mehdi Fassi-Fihri",
        "job_title": "Chief Executive Officer",
        "organization": "atlas-data-centres",
        "email": "mehdi.fassifihri@atlasdc.example.ma",
        "sectors": ["data-centres", "cloud-computing"],
    },
    {
        "full_name": "Rania Kettani",
        "job_title": "Chief Information Officer",
        "organization": "tamesna-bank",
        "email": "rania.kettani@tamesnabank.example.ma",
        "sectors": ["cloud-computing", "cybersecurity"],
    },
    {
        "full_name": "Yassine Amrani",
        "job_title": "Founder and Chief Executive Officer",
        "organization": "argan-analytics",
        "email": "yassine.amrani@argan.example.ma",
        "sectors": ["artificial-intelligence"],
    },
    {
        "full_name": "Imane Zerouali",
        "job_title": "Director of Digital Inclusion",
        "organization": MINISTRY,
        "email": "imane.zerouali@digital.example.ma",
        "sectors": ["digital-inclusion", "e-government"],
    },
    {
        "full_name": "Rachid Benkirane",
        "role": "interpreter",
        "job_title": "Conference interpreter (Arabic, French, English)",
        "email": "rachid.benkirane@interpreting.example.ma",
    },
    {
        "full_name": "Zineb Mansouri",
        "role": "staff",
        "job_title": "Delegation coordinator",
        "organization": MINISTRY,
        "email": "zineb.mansouri@digital.example.ma",
    },
]

PRIORITIES = [
    {
        "sector": "e-government",
        "title": "Citizen e-services platform",
        "project": "Maroc Digital 2030: e-government programme",
        "certifications": ["ISO 27001"],
        "owners": ["Nadia Berrada"],
        "seeking": "A citizen e-services platform: national digital identity, single sign-on, qualified "
        "e-signature and a once-only data exchange between ministries.",
        "budget_band": "over_20m",
        "timeline": "24m",
    },
    {
        "sector": "cloud-computing",
        "title": "Sovereign hybrid government cloud",
        "project": "National government cloud (tender expected in the second half of the year)",
        "certifications": ["ISO 27001", "ISO 27017"],
        "owners": ["Karim Alaoui"],
        "seeking": "A sovereign hybrid government cloud, with services to migrate ministries' applications "
        "and train the teams that will run it.",
        "budget_band": "over_20m",
        "timeline": "12m",
    },
    {
        "sector": "data-centres",
        "title": "Tier III/IV data centres on renewable energy",
        "project": "Government data centres, Rabat and Benguerir",
        "certifications": ["Uptime Tier III"],
        "owners": ["Omar Tazi"],
        "seeking": "Design, equipment and operations partners for Tier III/IV data centres powered by "
        "renewable energy.",
        "budget_band": "5m_20m",
        "timeline": "24m",
    },
    {
        "sector": "cybersecurity",
        "title": "National SOC upgrade and analyst training",
        "project": "DGSSI national security operations centre",
        "certifications": ["ISO 27001"],
        "owners": ["Hicham El Idrissi"],
        "seeking": "An upgrade of the national security operations centre (SIEM, SOAR, threat intelligence) "
        "and a programme to train 200 analysts.",
        "budget_band": "5m_20m",
        "timeline": "12m",
    },
    {
        "sector": "artificial-intelligence",
        "title": "AI assistants for citizen help desks",
        "owners": ["Yassine Amrani"],
        "seeking": "AI assistants for citizen help desks in Arabic, Darija and French, and automated "
        "processing of administrative documents.",
        "budget_band": "1m_5m",
        "timeline": "12m",
    },
    {
        "sector": "e-commerce",
        "title": "Online marketplace for artisans' cooperatives",
        "project": "Digital inclusion of the social and solidarity economy",
        "owners": ["Imane Zerouali"],
        "seeking": "An online marketplace with mobile payments and delivery, so that artisans' cooperatives "
        "sell to buyers at home and abroad.",
        "budget_band": "1m_5m",
        "timeline": "12m",
    },
    {
        "sector": "smart-cities",
        "title": "Smart-city pilots in Casablanca",
        "owners": ["Anas Ouazzani"],
        "seeking": "Smart-city pilots in Casablanca: adaptive traffic management, connected street lighting "
        "and an urban data platform.",
        "budget_band": "5m_20m",
        "timeline": "24m",
    },
]

# Companies of the directory with a contact but no registration: whom the organiser's coverage view can
# invite to serve a priority no registered company serves (the artisans' marketplace, below).
DIRECTORY_CONTACTS = [
    ("pecos-payments", "Rosa Delgado", "rosa.delgado@pecos-payments.example.com"),
    ("bayou-marketplaces", "Cody Harlan", "cody.harlan@bayou-marketplaces.example.com"),
]

# What two companies answered to the delegation's priorities (events.matching): how, references, held
# certifications. (company slug, priority title, answer)
PRIORITY_ANSWERS = [
    (
        "bluebonnet-cyber-defense",
        "National SOC upgrade and analyst training",
        {
            "offer": "A managed SOC with SIEM and SOAR we run for two U.S. states, threat intelligence feeds, and "
            "a 12-week analyst academy taught on site.",
            "references": "Texas Department of Information Resources SOC (2023-); City of Austin incident response.",
            "certifications": ["ISO 27001", "SOC 2"],
        },
    ),
    (
        "lone-star-cloud-systems",
        "Sovereign hybrid government cloud",
        {
            "offer": "A hybrid cloud platform installed in the customer's own data centres, with migration "
            "services for legacy government applications and training for the operations team.",
            "references": "Hybrid cloud for three Texas state agencies.",
            "certifications": ["ISO 27001", "ISO/IEC 27017", "FedRAMP Moderate"],
        },
    ),
]

DIGITAL_ECONOMY_MISSION = {
    "slug": "morocco-digital-economy-reverse-trade-mission",
    "title": "Morocco Digital Economy Reverse Trade Mission",
    # The texts in French and Arabic (events/missions/translation.py): each reader gets their own.
    "title_fr": "Mission commerciale inversée de l'économie numérique du Maroc",
    "title_ar": "البعثة التجارية العكسية للاقتصاد الرقمي المغربي",
    "summary_fr": "Quinze responsables marocains du numérique, du public et du privé, rencontrent à Austin "
    "et dans la Silicon Valley des fournisseurs de solutions américains.",
    "summary_ar": "خمسة عشر مسؤولاً مغربياً في الاقتصاد الرقمي من القطاعين العام والخاص يزورون أوستن "
    "ووادي السيليكون للقاء مزوّدي الحلول الأمريكيين.",
    "kind": "reverse_trade_mission",
    "status": "published",
    "sponsor": "ustda",
    # Every year on 10 February, as in the seeds; at least three weeks out so companies can register.
    "starts": {"month_day": (2, 10), "min_days_ahead": 21},
    "days": 12,
    "time_zone": "Africa/Casablanca",
    "sectors": [*TOPICS, "digital-inclusion"],
    "summary": "Fifteen Moroccan government and private-sector leaders of the digital economy visit "
    "Austin and Silicon Valley to meet U.S. solution providers.",
    "description": "USTDA hosts a Moroccan delegation led by the Secretary General of the Ministry of Digital "
    "Transition and Administrative Reform. The delegates lead the expansion of Morocco's digital "
    "infrastructure: smart cities, digital access in rural areas and better government services. They "
    "visit U.S. companies offering e-government, data-centre, AI, cybersecurity and cloud solutions, and "
    "meet state and local governments. U.S. companies are invited to the public business briefing in "
    "Austin to hear Morocco's procurement priorities, then to meet the delegates one-to-one.",
    "contact_name": "USTDA Middle East and North Africa team",
    "contact_email": "mena@ustda.example.com",
    "stops": [
        {
            "order": 1,
            "city": "Austin",
            "region": "Texas",
            "country": "US",
            "time_zone": "America/Chicago",
            "days": (1, 5),
            "sessions": SESSIONS_IN_AUSTIN,
        },
        {
            "order": 2,
            "city": "Silicon Valley (San Jose)",
            "region": "California",
            "country": "US",
            "time_zone": "America/Los_Angeles",
            "days": (6, 12),
            "sessions": SESSIONS_IN_SILICON_VALLEY,
        },
    ],
    "delegations": [
        {
            "name": "Moroccan digital economy delegation",
            "country": "MA",
            "description": "Decision-makers of the Moroccan government and private sector who lead the "
            "country's digital infrastructure programmes.",
            "languages": LANGUAGES,
            "delegates": DELEGATES,
            "priorities": PRIORITIES,
        }
    ],
}
