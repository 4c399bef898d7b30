"""What accounts announce, for the apps that write in a person's language (the agenda)."""

from django.dispatch import Signal

# Sent inside the transaction that saved it, with `user`: the person's language is not what it was, or the
# account is new (an address that was someone else's attendee now speaks the account's language). Mail
# already in the outbox was written in the old one; a listener rewrites what is still to come.
preferred_language_changed = Signal()
