"""allauth's form for adding an address, with the question the apps built on accounts answer."""

from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from django.core.exceptions import ValidationError

from events.accounts.services import address_refusal


class AddEmailForm(AllauthAddEmailForm):
    """Refuses on the email field an address the person may not hold (services.address_refusal), as the admin's
    user form and the primary-address action do: told when it is typed, not once the mailed code is entered."""

    def clean_email(self) -> str:
        value = super().clean_email()
        if refusal := address_refusal(self.user, value):
            raise ValidationError(refusal)
        return value
