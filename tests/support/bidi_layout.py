"""Text as a screen lays it out (UAX #9): what a right-to-left reader sees of a line, controls left out."""


def shown(text: str) -> str:
    """`text` as a screen lays it out, line by line (UAX #9, python-bidi), without the invisible controls."""
    from bidi import get_display

    lines = (get_display(line) for line in text.splitlines())
    return "\n".join(line.replace("\u2066", "").replace("\u2068", "").replace("\u2069", "") for line in lines)
