"""Showing a service's refusal on the form field a person must change."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from events.core.errors import ApplicationError
from events.core.local_time import validate_to_the_minute


def show_errors(form, error) -> None:
    """Attach a service's ValidationError or ApplicationError to `form`, per field where the form has it."""
    if isinstance(error, ApplicationError):
        field = error.field if error.field in form.fields else None
        form.add_error(field, str(error.message))
        return
    if not isinstance(error, ValidationError):
        raise TypeError(error)
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        target = field if field in form.fields and field != NON_FIELD_ERRORS else None
        for message in messages:
            form.add_error(target, message)


class LocalDateTimeInput(forms.DateTimeInput):
    """`<input type="datetime-local">`, its value written as the HTML standard's local date and time
    (2027-02-12T09:00) in every language: a French page wrote "12/02/2027 09:00:00", which a browser cannot read
    and shows empty, so that saving the page asked for the times again or lost them. Django reads the ISO form
    back in every language."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class LocalDateTimeField(forms.DateTimeField):
    """A time typed as the clock reads at a place, in a LocalDateTimeInput, to the minute (validate_to_the_minute):
    the input shows minutes, so seconds a crafted post carried would be lost on the page's next save."""

    widget = LocalDateTimeInput
    default_validators = [validate_to_the_minute]


class NativeDateInput(forms.DateInput):
    """`<input type="date">`, its value the HTML standard's date (2027-02-12) in every language (LocalDateTimeInput)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
