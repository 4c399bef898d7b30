"""The form an organiser names check-in staff with: an address that must be an existing account's."""

from django import forms
from django.utils.translation import gettext_lazy as _

from events.checkin import selectors


class CheckInStaffForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("The address of their account on this site. They sign in with it to open the door pages."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def clean_email(self):
        # Naming is done through an account so that the door pages know who scanned; an address without
        # one would name nobody, so the organiser is told here rather than left wondering later.
        self.user = selectors.account_with_email(self.cleaned_data["email"])
        if self.user is None:
            raise forms.ValidationError(
                _("No account uses this address. Ask them to sign up first, then name them here."),
                code="no_account",
            )
        return self.cleaned_data["email"]
