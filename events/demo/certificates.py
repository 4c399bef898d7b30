"""Dakhla's training ends with certificates: who attended which training day, one person the trainer marked
attended (no badge that day), the certificate issued to everyone who qualifies, and one revoked.

Training days are numbered 1 to 5 in the order of the programme's training sessions (dakhla.TRAINING_SESSIONS).
"""

from events.demo.dakhla import TRAINING_PROGRAMME

TRAINING_MISSION = TRAINING_PROGRAMME["slug"]

DEFINITION = {
    "title": "Social media marketing and e-commerce for young entrepreneurs",
    "description": "Five training days at the CRI Dakhla-Oued Eddahab: social media marketing, online shops, "
    "selling on Dakhla Market, pitching to buyers.",
    "minimum_check_ins": 4,
    "issuer_name": "JE Austin Associates and the CRI Dakhla-Oued Eddahab",
}

# (cooperative slug, contact who registers it, [(trainee, address, training days checked in to)])
TRAINEES = [
    (
        "cooperative-al-melhfa-dakhla",
        ("Mariam Lebbat", "mariam@al-melhfa.example.com"),
        [
            ("Mariam Lebbat", "mariam@al-melhfa.example.com", (1, 2, 3, 4, 5)),
            ("Khadijetou Ahl Sidi", "khadijetou@al-melhfa.example.com", (1, 2, 4, 5)),
            ("Aminetou Mint Ahmed", "aminetou@al-melhfa.example.com", (1, 2)),  # marked attended, below
        ],
    ),
    (
        "cooperative-tifawin-artisanes",
        ("Salma Maelainin", "salma@tifawin.example.com"),
        [
            ("سلمى ماء العينين", "salma@tifawin.example.com", (1, 2, 3, 4)),  # her name as she writes it
            ("Brahim Ould Cheikh", "brahim@tifawin.example.com", (1, 2, 3, 5)),  # revoked, below
            ("Salka Bouh", "salka@tifawin.example.com", (3,)),  # not enough yet: the page says so
        ],
    ),
]

# On the trainer's attendance sheet for days 3 to 5, but she forgot her badge.
MARKED_ATTENDED = ["aminetou@al-melhfa.example.com"]

REVOKED = ("brahim@tifawin.example.com", "Signed the attendance sheet for a colleague on day 5; he left at noon.")
