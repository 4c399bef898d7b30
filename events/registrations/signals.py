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

# Sent with `session` and `addresses` (lower case) before an attendee is replaced (services.substitute_attendee):
# each receiver returns those of `addresses` that have entered the session (their check-in at the door), whose place
# is theirs from then on: they attended, and the door's count and the certificates say so.
arrivals_wanted = Signal()

# Sent with `registration` on the page that asks a company to confirm its cancellation: each receiver returns
# [(what, starts_at, ends_at)], what cancelling also cancels (its published one-to-one meetings at a B2B session),
# so that the company reads it before it confirms, not in the mail everyone gets after.
cancellation_losses_wanted = Signal()
