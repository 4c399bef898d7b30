"""allauth's account adapter, with the question the apps built on accounts answer asked once more at confirmation."""

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib import messages
from django.db import transaction

from events.accounts.services import address_refusal


class AccountAdapter(DefaultAccountAdapter):
    def confirm_email(self, request, email_address) -> bool:
        """An address added to an account is checked when it is typed (forms.AddEmailForm) and again when its
        mailed code is entered: in between, it may have been named elsewhere (a company's attendee at the
        mission's meetings, for a delegate). Refused, it is not added, and the email page says why."""
        with transaction.atomic():
            refusal = address_refusal(email_address.user, email_address.email) if email_address.user_id else None
            if refusal is None:
                return super().confirm_email(request, email_address)
        if request is not None:
            messages.error(request, refusal)
        return False
