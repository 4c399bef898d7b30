"""One place where domain and model errors become JSON answers with field-level messages."""

from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import serializer_fields
from rest_framework import serializers
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from events.core.errors import ApplicationError, ConflictError
from events.core.local_time import place_instant, validate_to_the_minute
from events.core.text import validate_single_line


def _field_errors(error: DjangoValidationError):
    if hasattr(error, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
            for field, messages in error.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}


class BodyTooLarge(APIException):
    status_code = 413
    default_detail = _("The body is too large.")
    default_code = "body_too_large"


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        exc = BodyTooLarge()
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(_field_errors(exc))
    if isinstance(exc, IntegrityError):
        # A constraint caught a race that validation could not see: a conflict, not a crash.
        exc = ConflictError()
    if isinstance(exc, ApplicationError):
        body = {"code": exc.code, "detail": str(exc.message)}
        if exc.field:
            body[exc.field] = [str(exc.message)]
        return Response(body, status=exc.status_code)
    return drf_exception_handler(exc, context)


class CheckedSlugRelatedField(serializers.SlugRelatedField):
    """A slug looked up only once it is one line of text without control characters.

    PostgreSQL cannot compare a NUL byte with anything: the lookup would fail with a 500, not a 400.
    """

    def to_internal_value(self, data):
        if isinstance(data, str):
            validate_single_line(data)
        return super().to_internal_value(data)


class PlaceTimeField(serializers.DateTimeField):
    """Accept a time with an offset, or a wall-clock time meant at a place (ISO 8601).

    A naive value is kept naive here; the serializer reads it at its place with place_times(). Given to the
    minute (local_time.validate_to_the_minute).
    """

    def __init__(self, **kwargs):
        kwargs["validators"] = [*kwargs.get("validators", []), validate_to_the_minute]
        super().__init__(**kwargs)

    def enforce_timezone(self, value):
        if timezone.is_naive(value):
            return value
        return super().enforce_timezone(value)


def place_times(attrs: dict, names, time_zone: str) -> dict:
    """Read the PlaceTimeFields `names` of `attrs` at `time_zone`, refusing times the clocks skip or repeat.

    Raises a DRF ValidationError naming each field whose time cannot be one instant there.
    """
    errors = {}
    for name in names:
        if attrs.get(name) is not None:
            try:
                attrs[name] = place_instant(attrs[name], time_zone)
            except DjangoValidationError as error:
                errors[name] = error.messages
    if errors:
        raise ValidationError(errors)
    return attrs


class IdField(serializers.IntegerField):
    """The id of a row, within the range of the database's ids (BigAutoField).

    SQLite cannot even compare an integer beyond 64 bits: `pk__in=[2**70]` fails with a 500, not a 400.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(**kwargs)


class CountryField(serializer_fields.CountryField):
    """A country by its code or name, as django-countries reads it, where a code in other digits is unknown.

    django-countries takes a string of digits for a numeric code and reads it with int(); "³" is a digit to
    str.isdigit() but not to int(): a ValueError and a 500, not a 400 on the field.
    """

    def to_internal_value(self, data):
        code = data.get("code") if isinstance(data, dict) else data
        if isinstance(code, str) and code.isdigit() and not code.isascii():
            self.fail("invalid_choice", input=code)
        return super().to_internal_value(data)
