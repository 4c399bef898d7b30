"""What came of a B2B session, so that a newcomer's outcomes dashboard is not empty (issue 14).

Dakhla's training closes with "Networking: meet the buyers" (dakhla.TRAINING_SESSIONS): the trainees'
cooperatives meet lodges, a tour operator and a hotel investor who buy crafts. The meetings are held but
one, a confirmed no-show; the feedback sweep runs at the session's end and most sides answer: one
proposal, one MoU reported the same evening (cited), one sale not for citation. The mission's funding is
set and the default follow-up waves are scheduled (months ahead, not sent).
"""

from decimal import Decimal

from events.demo.dakhla import TRAINING_PROGRAMME

OUTCOMES_MISSION = TRAINING_PROGRAMME["slug"]
NETWORKING_SESSION = "Networking: meet the buyers"
NETWORKING_GRID = {"slot_minutes": 20, "pairing": "anyone", "break": ("15:30", "15:45", "Mint tea")}
NETWORKING_TABLES = 3

# (slug, contact name, contact email): the contacts the Dakhla Connect day and the training already use.
NETWORKING_COMPANIES = [
    ("cooperative-al-melhfa-dakhla", "Mariam Lebbat", "mariam@al-melhfa.example.com"),
    ("cooperative-tifawin-artisanes", "Salma Maelainin", "salma@tifawin.example.com"),
    ("coastal-hospitality-investments", "Laura Bennett", "laura.bennett@coastal-hospitality-investments.example.com"),
    ("dakhla-lagoon-kite-lodge", "Sidi Brahim", "sidi@kite-lodge.example.com"),
    ("oued-eddahab-desert-tours", "Aicha Mrabih", "aicha@desert-tours.example.com"),
]

# (buyer slug, cooperative slug, message, held): every request is accepted; False is the no-show.
NETWORKING_REQUESTS = [
    ("coastal-hospitality-investments", "cooperative-al-melhfa-dakhla", "Woven melhfa textiles for our lodges.", True),
    ("coastal-hospitality-investments", "cooperative-tifawin-artisanes", "Sahrawi tea sets for hotel rooms.", True),
    ("dakhla-lagoon-kite-lodge", "cooperative-tifawin-artisanes", "Leather goods for the lodge's shop.", True),
    ("dakhla-lagoon-kite-lodge", "cooperative-al-melhfa-dakhla", "Melhfa scarves for our guests.", False),
    ("oued-eddahab-desert-tours", "cooperative-al-melhfa-dakhla", "Textiles for the desert camp's tents.", True),
    ("oued-eddahab-desert-tours", "cooperative-tifawin-artisanes", "Tea sets for the desert camp.", True),
]

# (answering slug, counterpart slug, hours after the session's end, answer): the sides that answered.
NETWORKING_ANSWERS = [
    (
        "coastal-hospitality-investments",
        "cooperative-al-melhfa-dakhla",
        3,
        {
            "took_place": True,
            "usefulness": 5,
            "stage": "agreement",
            "deal_kind": "mou",
            "deal_value": Decimal("250000.00"),
            "deal_currency": "MAD",
            "may_cite": True,
            "note": "MoU signed the same evening: melhfa-woven curtains and throws for our two Dakhla lodges.",
        },
    ),
    (
        "cooperative-al-melhfa-dakhla",
        "coastal-hospitality-investments",
        20,
        {"took_place": True, "usefulness": 5, "stage": "negotiation"},
    ),
    (
        "coastal-hospitality-investments",
        "cooperative-tifawin-artisanes",
        3,
        {"took_place": True, "usefulness": 4, "stage": "follow_up_meeting"},
    ),
    (
        "cooperative-tifawin-artisanes",
        "coastal-hospitality-investments",
        26,
        {
            "took_place": True,
            "usefulness": 4,
            "stage": "proposal",
            "note": "We sent a quote for sixty tea sets with engraved trays.",
        },
    ),
    (
        "dakhla-lagoon-kite-lodge",
        "cooperative-tifawin-artisanes",
        18,
        {
            "took_place": True,
            "usefulness": 4,
            "stage": "agreement",
            "deal_kind": "sale",
            "deal_value": Decimal("18000.00"),
            "deal_currency": "MAD",
            # The lodge does not want its supplier prices quoted: counted in the totals, never listed.
            "may_cite": False,
        },
    ),
    (
        "oued-eddahab-desert-tours",
        "cooperative-al-melhfa-dakhla",
        5,
        {"took_place": True, "usefulness": 3, "stage": "information"},
    ),
    (
        "cooperative-al-melhfa-dakhla",
        "oued-eddahab-desert-tours",
        20,
        {"took_place": True, "usefulness": 3, "stage": "information"},
    ),
    (
        "oued-eddahab-desert-tours",
        "cooperative-tifawin-artisanes",
        5,
        {"took_place": True, "usefulness": 4, "stage": "follow_up_meeting"},
    ),
]

# MEPI paid for the programme; the organiser converts dirhams at the rate it states in the report.
FUNDING = {
    "funder": "MEPI",
    "programme_cost": Decimal("85000.00"),
    "currency": "USD",
    "exchange_rates": {"MAD": "0.10"},
    "home_country": "United States",
}
