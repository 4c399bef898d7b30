"""One spelling per mailbox, to match what the provider reports with what we sent.

The provider reports an address as it went over the wire: Django's mail writes an internationalised
domain in its ASCII form (IDNA, "bürο.example" as "xn--...") and providers lower-case it. Local parts
are compared case-insensitively too: every provider we know treats them so.
"""

import contextlib


def address_key(address: str) -> str:
    """`address` lower-cased, its domain in IDNA form; unchanged but lower-cased if it cannot be encoded."""
    local, at, domain = address.strip().rpartition("@")
    if not at:
        return address.strip().lower()
    with contextlib.suppress(UnicodeError):  # not a domain IDNA can spell: compared as written
        domain = domain.encode("idna").decode("ascii")
    return f"{local}@{domain}".lower()
