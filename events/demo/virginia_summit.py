"""The Small Business Summit on Morocco Day in Virginia: one day of workshops, round tables and awards."""

VENUE = "Alexandria City Hall"


def _public(title, kind, time, capacity, description, sectors=()):
    return {
        "title": title,
        "kind": kind,
        "day": 1,
        "time": time,
        "venue": VENUE,
        "audience": "public",
        "registration_mode": "open",
        "capacity": capacity,
        "sectors": list(sectors),
        "description": description,
    }


SUMMIT_SESSIONS = [
    _public(
        "Opening: Morocco Day in Virginia",
        "ceremony",
        ("09:00", "09:30"),
        250,
        "Welcome by the Mayor of Alexandria and the Moroccan American Network.",
    ),
    _public(
        "Workshop: investment opportunities in Morocco's southern regions",
        "workshop",
        ("09:45", "11:00"),
        80,
        "Why the southern regions have become fertile ground for investment in renewable energy, logistics, "
        "tourism and technology, and the incentives for Moroccan and American investors.",
        ["renewable-energy", "logistics", "tourism"],
    ),
    _public(
        "Workshop: Morocco and digital transformation",
        "workshop",
        ("11:15", "12:30"),
        80,
        "Morocco as Africa's gateway for digital transformation and technological innovation, and what it "
        "offers American companies.",
        ["e-government", "artificial-intelligence", "cloud-computing"],
    ),
    _public(
        "Round table: artificial intelligence and small business",
        "round_table",
        ("13:30", "14:45"),
        60,
        "The theme of this year's summit: how small firms on both sides of the Atlantic put AI to work.",
        ["artificial-intelligence", "small-business"],
    ),
    _public(
        "Round table: Washington business centres and Moroccan cities",
        "round_table",
        ("15:00", "16:15"),
        60,
        "Entrepreneurship and partnerships led by small businesses between the Washington area and Morocco.",
        ["small-business"],
    ),
    _public(
        "Closing ceremony and awards",
        "ceremony",
        ("16:30", "18:00"),
        250,
        "Awards to economic and diplomatic figures of both countries, presentation of a book of historical "
        "photographs of Morocco's economic transformation, and announcement of the investor visit to Dakhla.",
    ),
]

SMALL_BUSINESS_SUMMIT = {
    "slug": "small-business-summit-morocco-day-virginia",
    "title": "Small Business Summit: Morocco Day in Virginia",
    "kind": "summit",
    "status": "published",
    "sponsor": "moroccan-american-network",
    # The real summit is on a Friday; keep it on one so the day reads true.
    "starts": {"weeks_ahead": 6, "weekday": "friday"},
    "days": 1,
    "time_zone": "America/New_York",
    "sectors": ["small-business", "artificial-intelligence", "renewable-energy", "logistics", "tourism"],
    "summary": "Moroccan and American entrepreneurs meet on Morocco Day: workshops, round tables on AI and "
    "small business, and an awards ceremony.",
    "description": "Part of Virginia's annual Morocco Day celebrations, the summit brings together the Mayor "
    "of Alexandria, Moroccan and American entrepreneurs and experts in technology and the economy, to "
    "strengthen partnerships led by small businesses.",
    "contact_name": "Moroccan American Network",
    "contact_email": "summit@moroccan-american-network.example.com",
    "stops": [
        {
            "order": 1,
            "city": "Alexandria",
            "region": "Virginia",
            "country": "US",
            "time_zone": "America/New_York",
            "venue": "Alexandria City Hall",
            "days": (1, 1),
            "sessions": SUMMIT_SESSIONS,
        }
    ],
    "delegations": [],
}
