"""Who has already registered for the Austin briefing, and what the organisers ask each company.

Lone Star Cloud Systems (the demo company account) is left out on purpose: a visitor registers it.
"""

BRIEFING = "USTDA business briefing: Morocco's digital economy"

BRIEFING_RULES = {"attendees_per_company": 2}

BRIEFING_QUESTIONS = [
    {
        "label": "Which of the delegation's priorities does your company address?",
        "kind": "long_text",
        "help_text": "A sentence or two; the delegates read it before the one-to-one meetings.",
        "required": True,
    },
    {"label": "Have you delivered projects in Morocco or North Africa before?", "kind": "yes_no", "required": True},
    {
        "label": "How did you hear about the mission?",
        "kind": "choice",
        "choices": ["USTDA newsletter", "Texas trade office", "Chamber of commerce", "A colleague", "Other"],
        "required": False,
    },
]

# (company slug, attendees, answers in the order of the questions)
BRIEFING_REGISTRATIONS = [
    (
        "bluebonnet-cyber-defense",
        [
            ("Dana Whitfield", "dana.whitfield@bluebonnet-cyber-defense.example.com", "Chief Executive Officer"),
            ("Luis Ortega", "luis.ortega@bluebonnet-cyber-defense.example.com", "Head of SOC services"),
        ],
        ["A national security operations centre and analyst training for DGSSI.", "no", "Texas trade office"],
    ),
    (
        "hill-country-govtech",
        [("Priya Raman", "priya.raman@hill-country-govtech.example.com", "VP International")],
        ["Citizen portal and e-signature for the once-only principle.", "yes", "USTDA newsletter"],
    ),
    (
        "congress-avenue-ai",
        [
            ("Ethan Brooks", "ethan.brooks@congress-avenue-ai.example.com", "Founder"),
            ("Maya Chen", "maya.chen@congress-avenue-ai.example.com", "Solutions architect"),
        ],
        ["Multilingual assistants (Arabic, French) for public help desks.", "no", ""],
    ),
    (
        "redwood-data-centers",
        [("Grace Holloway", "grace.holloway@redwood-data-centers.example.com", "Business development")],
        ["Energy-efficient data centres for the national cloud.", "yes", "A colleague"],
    ),
]

# What the demo companies offer, shown on their profiles.
COMPANY_PROFILES = {
    "lone-star-cloud-systems": {
        "size": "250-999",
        "offers": "Sovereign and hybrid cloud platforms, migration of government workloads, 24/7 operations.",
    },
    "bluebonnet-cyber-defense": {
        "size": "50-249",
        "offers": "Managed SOC, threat intelligence feeds, analyst academies.",
    },
    "hill-country-govtech": {"size": "10-49", "offers": "Citizen portals, digital identity, e-signature."},
    "congress-avenue-ai": {"size": "10-49", "offers": "Document automation, multilingual virtual assistants."},
    "redwood-data-centers": {"size": "250-999", "offers": "Data-centre design, liquid cooling, operations."},
}
