import re

from django import forms
from django.utils.translation import gettext_lazy as _

from events.core.text import validate_multi_line, validate_single_line
from events.matching.scoring import distinct_certifications
from events.missions.models.delegation import validate_certifications

# What separates the items of a list as people type it: the comma and the semicolon, and their Arabic (U+060C,
# U+061B) and ideographic (U+3001) forms, which an Arabic or a Chinese keyboard gives in place of ",".
LIST_SEPARATORS = re.compile("[,;\u060c\u061b\u3001]")


class PriorityAnswerForm(forms.Form):
    """What a company says it can do for one priority; the service validates the record as a whole."""

    offer = forms.CharField(
        label=_("How you would serve it"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        validators=[validate_multi_line],
    )
    references = forms.CharField(
        label=_("References"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
        validators=[validate_multi_line],
    )
    certifications = forms.CharField(
        label=_("Certifications you hold"),
        help_text=_("Separated by commas, e.g. ISO 27001, SOC 2."),
        max_length=1300,
        required=False,
        validators=[validate_single_line],
    )

    def clean_certifications(self) -> list[str]:
        # Checked here too, so that a person sees every error at once, not the next after fixing one.
        names = distinct_certifications(LIST_SEPARATORS.split(self.cleaned_data["certifications"]))
        validate_certifications(names)
        return names
