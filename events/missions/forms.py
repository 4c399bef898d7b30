from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.core.forms import LocalDateTimeField
from events.core.local_time import instant_at
from events.missions.models import Session


class SessionForm(forms.ModelForm):
    """Times are typed as the clock reads at the session's place, not in the server's zone."""

    starts_at = LocalDateTimeField(label=_("starts at (local time of the stop)"))
    ends_at = LocalDateTimeField(label=_("ends at (local time of the stop)"))

    registration_opens_at = LocalDateTimeField(
        label=_("registration opens (local time of the stop)"),
        required=False,
        help_text=_("Empty: open as soon as the mission is published."),
    )
    registration_closes_at = LocalDateTimeField(
        label=_("registration closes (local time of the stop)"),
        required=False,
        help_text=_("Empty: open until the session starts."),
    )

    repeated_hour = forms.TypedChoiceField(
        label=_("if a time happens twice"),
        choices=[("", "—"), (0, _("the first time (before the clocks go back)")), (1, _("the second time"))],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Only for a time in the hour repeated when the clocks go back."),
    )

    class Meta:
        model = Session
        fields = [
            "stop",
            "kind",
            "title",
            "description",
            "venue",
            "starts_at",
            "ends_at",
            "capacity",
            "registration_mode",
            "registration_opens_at",
            "registration_closes_at",
            "audience",
            "sectors",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            zone = self.instance.stop.zone
            for name in Session.WALL_CLOCK_FIELDS:
                if getattr(self.instance, name) is not None:
                    local = getattr(self.instance, name).astimezone(zone)
                    self.initial[name] = local.replace(tzinfo=None)
                    if local.utcoffset() != local.replace(fold=1 - local.fold).utcoffset():
                        # A time in a repeated hour: the form opens saying which pass it is (PEP 495's fold),
                        # so that saving it unchanged keeps the same instant.
                        self.initial["repeated_hour"] = local.fold

    def clean(self):
        cleaned = super().clean()
        stop = cleaned.get("stop")
        for name in Session.WALL_CLOCK_FIELDS:
            if stop is not None and cleaned.get(name) is not None:
                # The field read the typed clock time in the server's zone; read it at the stop, where
                # a time the clocks skip or repeat is refused.
                try:
                    wall = timezone.make_naive(cleaned[name])
                    cleaned[name] = instant_at(wall, stop.time_zone, fold=cleaned.get("repeated_hour"))
                except ValidationError as error:
                    self.add_error(name, self._in_this_forms_words(error))
        return cleaned

    def _in_this_forms_words(self, error):
        """A repeated time is told apart here by the "if a time happens twice" choice, not by a UTC offset."""
        if error.code != "ambiguous_local_time":
            return error
        return ValidationError(
            _(
                "%(time)s on %(day)s happens twice in %(zone)s: clocks go back from %(old)s to %(new)s. "
                "Say which under “%(choice)s”."
            ),
            code=error.code,
            params={**error.params, "choice": self.fields["repeated_hour"].label},
        )
