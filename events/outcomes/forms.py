from django import forms
from django.utils.translation import gettext_lazy as _

from events.outcomes.models import FeedbackAnswer, Stage

USEFULNESS = [(5, _("Very useful")), (4, _("Useful")), (3, _("So-so")), (2, _("Not very useful")), (1, _("Useless"))]
ANSWER_FIELDS = [
    "took_place",
    "usefulness",
    "stage",
    "deal_kind",
    "deal_value",
    "deal_currency",
    "home_content_percent",
    "may_cite",
    "note",
]


class FeedbackForm(forms.ModelForm):
    """One party's answer; the after-meeting form asks whether it took place and how useful it was, a
    follow-up wave's only where things stand. The model's clean() holds the rules across fields."""

    took_place = forms.TypedChoiceField(
        label=_("Did the meeting take place?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    usefulness = forms.TypedChoiceField(
        label=_("How useful was it?"), choices=USEFULNESS, coerce=int, widget=forms.RadioSelect, required=False
    )
    stage = forms.ChoiceField(label=_("What comes next?"), choices=Stage.choices, widget=forms.RadioSelect)

    class Meta:
        model = FeedbackAnswer
        fields = ANSWER_FIELDS
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        labels = {"deal_currency": _("Currency (ISO code, e.g. USD, MAD)")}

    def __init__(self, *args, feedback_request, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.feedback_request = feedback_request
        if feedback_request.wave_id is not None:
            del self.fields["took_place"]
            del self.fields["usefulness"]
            self.fields["stage"].label = _("Where do things stand?")
        self.fields["deal_currency"].widget.attrs.update({"maxlength": 3, "autocapitalize": "characters"})
        self.fields["note"].required = False

    def clean_deal_currency(self):
        return (self.cleaned_data.get("deal_currency") or "").strip().upper()

    def answer(self) -> dict:
        """The answer's fields for services.submit_feedback."""
        return {name: self.cleaned_data[name] for name in self.fields}
