import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from events.core.forms import NativeDateInput
from events.core.text import validate_multi_line, validate_single_line
from events.outcomes.models import ANSWER_FIELDS, CURRENCY, FeedbackAnswer, Stage

USEFULNESS = [(5, _("Very useful")), (4, _("Useful")), (3, _("So-so")), (2, _("Not very useful")), (1, _("Useless"))]


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


class DashboardFilterForm(forms.Form):
    """The dashboard's filters: one of the mission's sectors, one of its stops; empty means all."""

    sector = forms.ChoiceField(label=_("Sector"), required=False)
    stop = forms.TypedChoiceField(label=_("Stop"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("All sectors"))] + [
            (sector.slug, sector.label) for sector in mission.sectors.all()
        ]
        self.fields["stop"].choices = [("", _("All stops"))] + [
            (stop.pk, stop.city) for stop in mission.stops.order_by("start_date", "pk")
        ]


MAX_RATE = Decimal("1000000")  # one unit of a currency in the reporting one; far above any real rate


class FundingForm(forms.Form):
    """What the funder's figures need. Exchange rates are typed one a line ("MAD 0.10": one unit of that
    currency in the reporting currency), which is how an organiser reads them off a bank's table."""

    funder = forms.CharField(label=_("Funder"), max_length=200, required=False, validators=[validate_single_line])
    programme_cost = forms.DecimalField(
        label=_("Programme cost"), max_digits=14, decimal_places=2, min_value=0, required=False
    )
    currency = forms.CharField(
        label=_("Reporting currency"),
        max_length=3,
        initial="USD",
        validators=[validate_single_line],
        help_text=_("A three-letter ISO 4217 code, such as USD."),
    )
    exchange_rates = forms.CharField(
        label=_("Exchange rates"),
        required=False,
        validators=[validate_multi_line],
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One a line: a currency code and what one unit is worth in the reporting currency, e.g. MAD 0.10"),
    )
    home_country = forms.CharField(
        label=_("Home country"),
        max_length=100,
        required=False,
        validators=[validate_single_line],
        help_text=_("Whose content share the funder counts, e.g. United States."),
    )

    def __init__(self, *args, funding=None, **kwargs):
        if funding is not None:
            kwargs.setdefault(
                "initial",
                {
                    "funder": funding.funder,
                    "programme_cost": funding.programme_cost,
                    "currency": funding.currency,
                    "exchange_rates": "\n".join(f"{code} {rate}" for code, rate in funding.exchange_rates.items()),
                    "home_country": funding.home_country,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["currency"].widget.attrs.update({"autocapitalize": "characters"})

    def clean_currency(self):
        # Upper case first, then the model's rule: "usd" is a slip, "U$D" is not a currency.
        currency = self.cleaned_data["currency"].strip().upper()
        CURRENCY(currency)
        return currency

    def clean_exchange_rates(self):
        """{"MAD": "0.10"}; every line that is not a code and a positive number is named in the error."""
        rates, errors = {}, []
        for number, line in enumerate(self.cleaned_data["exchange_rates"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = line.replace("=", " ").replace(":", " ").split()
            code = parts[0].upper() if parts else ""
            try:
                rate = Decimal(parts[1].replace(",", ".")) if len(parts) == 2 else None
            except InvalidOperation:
                rate = None
            # Bounded: a rate of 1e400 would make every converted value overflow, the figures with it.
            if not re.fullmatch(r"[A-Z]{3}", code) or rate is None or not rate.is_finite() or not 0 < rate <= MAX_RATE:
                errors.append(
                    _(
                        "Line %(number)d (“%(line)s”): write a currency code and a rate above zero and at most "
                        "1,000,000, e.g. MAD 0.10."
                    )
                    % {"number": number, "line": line.strip()}
                )
            elif code in rates:
                errors.append(_("Line %(number)d: %(code)s is given twice.") % {"number": number, "code": code})
            else:
                rates[code] = str(rate)
        if errors:
            raise forms.ValidationError(errors)
        return rates


class WaveForm(forms.Form):
    opens_on = forms.DateField(label=_("Opens on"), widget=NativeDateInput())
