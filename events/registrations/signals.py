"""What registrations announce, for the apps built on them (meetings follow who is confirmed).

registration_changed: sent inside the transaction that changed a registration's status, with
`registration` (its session and organization loaded), so what follows commits or rolls back with it.
"""

from django.dispatch import Signal

registration_changed = Signal()

# Sent with `registration` while its status mail is written (messages.registration_email), for a seat: each
# receiver returns [(what, starts_at, ends_at)], the company's commitments the session overlaps (its published
# one-to-one meetings), so that the company hears of the clash with its seat and tells the organisers.
clashes_wanted = Signal()
