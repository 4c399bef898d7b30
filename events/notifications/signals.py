"""What the outbox announces about a row's delivery, for the app that composed it.

Both are sent inside the transaction that records the outcome, with `row` (the OutboundEmail):
    email_sent: the provider accepted the message.
    email_failed: it will not be tried again (a permanent refusal, or too many attempts).
The agenda uses them so that an invitation counts as delivered only once its mail was accepted.
"""

from django.dispatch import Signal

email_sent = Signal()
email_failed = Signal()
