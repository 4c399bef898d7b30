"""Showing a service's refusal on the form field a person must change."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from events.core.errors import ApplicationError


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
