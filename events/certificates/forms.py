from django import forms
from django.utils.translation import gettext_lazy as _

from events.core.text import validate_multi_line, validate_single_line
from events.missions.models import Session


class DefinitionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, validators=[validate_single_line])
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_multi_line],
    )
    sessions = forms.ModelMultipleChoiceField(
        label=_("Sessions it covers"), queryset=Session.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    minimum_check_ins = forms.IntegerField(
        label=_("Checked in to at least"),
        min_value=1,
        max_value=200,
        initial=1,
        help_text=_("How many of the chosen sessions a person must have been checked in to."),
    )
    issuer_name = forms.CharField(label=_("Issued by"), max_length=200, validators=[validate_single_line])

    def __init__(self, *args, mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sessions"].queryset = Session.objects.filter(stop__mission=mission).order_by("starts_at", "pk")


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why revoke it"),
        max_length=2000,
        validators=[validate_multi_line],
        help_text=_("Kept for the organisers; the verification page shows only the date."),
    )
