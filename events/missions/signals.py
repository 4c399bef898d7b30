"""What missions announce, for the apps built on them.

roster_changed: sent inside the transaction that added, changed or removed a delegate, with
`mission_id`: one-to-one meeting sessions take the mission's delegates as participants from the start.
"""

from django.dispatch import Signal

roster_changed = Signal()
