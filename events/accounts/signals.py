"""What accounts announce, for the apps that write in a person's language (the agenda), and what they ask the
apps above them."""

from django.dispatch import Signal

# Sent inside the transaction that saved it, with `user`: the person's language is not what it was, or the
# account is new (an address that was someone else's attendee now speaks the account's language). Mail
# already in the outbox was written in the old one; a listener rewrites what is still to come.
preferred_language_changed = Signal()

# A question, sent with `user` and `address` before an account takes `address` (a second address it may make
# primary, or its primary one: where its mail and a delegate's calendar go). Each receiver returns the reason it
# may not, in words for the person, or None; accounts.services.address_refusal gives the first. The apps built
# on accounts answer it (a delegate cannot take an address a company names to attend their mission's meetings).
address_refusals_wanted = Signal()

# Sent inside the transaction that saved it, with `user`, `old` and `new`: the account's address changed (its
# primary one, whatever changed it). The apps that keep a copy of a person's address follow it.
address_changed = Signal()
