"""The one-to-one meetings of the demo: Austin (companies meet the delegates) and the Dakhla Connect day.

In Austin the schedule is run and published, so the demo company and the demo delegate each see their
meetings; two requests still wait for the delegates' answer. In Dakhla the requests are accepted and
the board waits for the organiser to run the scheduler.
"""

AUSTIN_SESSION = "One-to-one meetings with the delegates"
AUSTIN_GRID = {"slot_minutes": 20, "pairing": "companies_delegates", "break": ("15:30", "15:50", "Coffee")}
AUSTIN_TABLES = 8
# The head of the delegation receives at her own table all afternoon.
AUSTIN_FIXED_TABLE = ("Table 1", "Sarah Lamrani")

# Companies confirmed for the one-to-ones: (slug, contact name, contact email) — the demo company first.
AUSTIN_COMPANIES = [
    ("lone-star-cloud-systems", None, None),
    ("bluebonnet-cyber-defense", "Dana Whitfield", "dana.whitfield@bluebonnet-cyber-defense.example.com"),
    ("hill-country-govtech", "Priya Raman", "priya.raman@hill-country-govtech.example.com"),
    ("congress-avenue-ai", "Ethan Brooks", "ethan.brooks@congress-avenue-ai.example.com"),
    ("redwood-data-centers", "Grace Holloway", "grace.holloway@redwood-data-centers.example.com"),
    ("guadalupe-smart-infrastructure", "Tomás Reyes", "tomas.reyes@guadalupe-smart-infrastructure.example.com"),
    ("coyote-valley-networks", "Hannah Kim", "hannah.kim@coyote-valley-networks.example.com"),
    ("mission-peak-identity", "Arjun Mehta", "arjun.mehta@mission-peak-identity.example.com"),
]

# (company slug, delegate full name, priority 1-3, message, answered)
AUSTIN_REQUESTS = [
    ("lone-star-cloud-systems", "Omar Tazi", 3, "Sovereign cloud for the national data strategy.", True),
    ("lone-star-cloud-systems", "Sarah Lamrani", 3, "Migration of ministry workloads to a hybrid cloud.", True),
    ("lone-star-cloud-systems", "Nadia Berrada", 2, "Data-centre operations partnership.", False),
    ("bluebonnet-cyber-defense", "Karim Alaoui", 3, "A national SOC with analyst training.", True),
    ("bluebonnet-cyber-defense", "Omar Tazi", 2, "Securing the government cloud.", True),
    ("hill-country-govtech", "Sarah Lamrani", 3, "Citizen portal and e-signature.", True),
    ("hill-country-govtech", "Leila Chraibi", 2, "Digital identity for public services.", True),
    ("congress-avenue-ai", "Hicham El Idrissi", 3, "Arabic and French virtual assistants.", True),
    ("congress-avenue-ai", "Omar Tazi", 2, "Document automation at scale.", True),
    ("redwood-data-centers", "Nadia Berrada", 3, "Energy-efficient data centres.", True),
    ("redwood-data-centers", "Omar Tazi", 1, "Liquid cooling for hot climates.", True),
    ("guadalupe-smart-infrastructure", "Salma Bennani", 3, "Adaptive traffic signals for Casablanca.", True),
    ("coyote-valley-networks", "Ghita Lahlou", 3, "Rural broadband and fixed wireless.", True),
    ("coyote-valley-networks", "Sarah Lamrani", 2, "Digital inclusion in rural areas.", False),
    ("mission-peak-identity", "Leila Chraibi", 3, "Once-only data exchange between agencies.", True),
    ("mission-peak-identity", "Karim Alaoui", 2, "Privacy-preserving identity.", True),
]

DAKHLA_SESSION = "B2B meetings: company to company"
DAKHLA_GRID = {"slot_minutes": 15, "pairing": "anyone", "break": ("11:30", "11:45", "Mint tea")}
DAKHLA_TABLES = 6
# (slug, contact name, contact email)
DAKHLA_COMPANIES = [
    ("dakhla-bay-seafood", "Youssef Ait Ben", "youssef@dakhla-bay-seafood.example.com"),
    ("cooperative-huitres-lagune-dakhla", "Fatima Zahra Ouali", "fatima@huitres-lagune.example.com"),
    ("cooperative-al-melhfa-dakhla", "Mariam Lebbat", "mariam@al-melhfa.example.com"),
    ("dakhla-lagoon-kite-lodge", "Sidi Brahim", "sidi@kite-lodge.example.com"),
    ("oued-eddahab-desert-tours", "Aicha Mrabih", "aicha@desert-tours.example.com"),
    ("gie-peche-artisanale-lassarga", "Mohamed Salem", "mohamed@lassarga.example.com"),
    ("blue-harbor-aquaculture", "Ryan Moore", "ryan.moore@blue-harbor-aquaculture.example.com"),
    ("coastal-hospitality-investments", "Laura Bennett", "laura.bennett@coastal-hospitality-investments.example.com"),
]
# (requester slug, receiver slug, priority)
DAKHLA_REQUESTS = [
    ("blue-harbor-aquaculture", "cooperative-huitres-lagune-dakhla", 3),
    ("blue-harbor-aquaculture", "dakhla-bay-seafood", 3),
    ("blue-harbor-aquaculture", "gie-peche-artisanale-lassarga", 2),
    ("coastal-hospitality-investments", "dakhla-lagoon-kite-lodge", 3),
    ("coastal-hospitality-investments", "oued-eddahab-desert-tours", 2),
    ("coastal-hospitality-investments", "cooperative-al-melhfa-dakhla", 1),
    ("dakhla-bay-seafood", "gie-peche-artisanale-lassarga", 3),
    ("dakhla-lagoon-kite-lodge", "oued-eddahab-desert-tours", 2),
    ("oued-eddahab-desert-tours", "dakhla-lagoon-kite-lodge", 2),  # mutual with the one above
    ("cooperative-al-melhfa-dakhla", "dakhla-lagoon-kite-lodge", 2),
]
