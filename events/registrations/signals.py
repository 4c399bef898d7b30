"""What registrations announce, for the apps built on them (meetings follow who is confirmed).

registration_changed: sent inside the transaction that changed a registration's status, with
`registration` (its session and organization loaded), so what follows commits or rolls back with it.
"""

from django.dispatch import Signal

registration_changed = Signal()
