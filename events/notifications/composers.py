"""Messages written when they are sent, not when they are decided.

A service that decides something (a seat given) writes an intent to the outbox inside its transaction:
the kind, the record it concerns and the recipient, nothing rendered. The worker that sends the row
asks the composer named on it to write the message from the record as it stands then, in the
recipient's language then. So the transaction that decided stays short (the seat lock covers the
seat decision only), and a message that is no longer true is not sent: the composer raises
NothingToSend, the row is cancelled with its reason, and the later message that is true goes instead.

The notifications app imports no domain app: each app registers its composers when it is ready.
"""

from collections.abc import Callable

_composers: dict[str, Callable] = {}


class NothingToSend(Exception):  # noqa: N818 - it names the condition, as the style guide asks
    """What the row announces is no longer true (the registration was cancelled before its confirmation
    went out); the message says why, for the organisers' mail page."""


def register_composer(name: str, compose: Callable) -> None:
    """Name `compose(row) -> services.Email` for intents: it reads row.kind, row.reference and row.to, and raises
    NothingToSend when the message should not go."""
    _composers[name] = compose


def compose(row):
    """The message for an intent row, written now. Raises NothingToSend, or KeyError for an unknown composer."""
    return _composers[row.composer](row)
