"""Every free-text field of our apps says which rule it follows, so a field added tomorrow cannot forget."""

import importlib

from django import forms
from django.apps import apps
from django.db import models
from rest_framework import serializers

from events.core.text import validate_multi_line, validate_single_line

# Text fields of our models that hold no free text a person types, or that a stricter rule checks.
NOT_FREE_TEXT = {
    "accounts.User.password": "a password hash",
    "accounts.User.language": "a language code, set by our code",
    "agenda.FeedToken.token_hash": "a SHA-256 hex digest",
    "agenda.Invitation.uid": "a calendar UID built by our code",
    "agenda.Invitation.scope": "a key built by our code, e.g. grid-4",
    "agenda.Invitation.name": "a copy of a checked name, written by our code",
    "agenda.Invitation.language": "a language code",
    "agenda.Invitation.fingerprint": "a SHA-256 hex digest",
    "agenda.Invitation.topic": "a key built by our code, e.g. mission:4",
    "agenda.Invitation.title": "a copy of a checked title, written by our code",
    "agenda.Invitation.zone": "an IANA time zone copied from a checked stop",
    "agenda.Invitation.location": "a copy of a checked venue and city, written by our code",
    "companies.Invitation.token_hash": "a SHA-256 hex digest",
    "meetings.Break.tz_version": "the tz database's version, written by our code",
    "meetings.BlockedPeriod.tz_version": "the tz database's version, written by our code",
    "meetings.Participant.tz_version": "the tz database's version, written by our code",
    "meetings.SchedulerRun.phase": "written by the scheduler",
    "meetings.SchedulerRun.error": "written by the scheduler",
    "meetings.Slot.tz_version": "the tz database's version, written by our code",
    "missions.Mission.time_zone": "validate_time_zone accepts IANA names only",
    "missions.Session.tz_version": "the tz database's version, written by our code",
    "missions.Stop.time_zone": "validate_time_zone accepts IANA names only",
    "notifications.OutboundEmail.kind": "written by our code",
    "checkin.Badge.secret": "random base32, written by our code",
    "certificates.Certificate.public_id": "random base32, written by our code",
    "certificates.Certificate.record": "canonical JSON written by our code from checked text",
    "certificates.Certificate.signature": "base64url, written by our code",
    "certificates.SigningKey.kid": "a date and random hex, written by our code",
    "certificates.SigningKey.private_key": "base64url, written by our code",
    "certificates.SigningKey.public_key": "base64url, written by our code",
    "notifications.OutboundEmail.composer": "a composer's registered name, written by our code",
    "notifications.OutboundEmail.reference": "written by our code",
    "notifications.OutboundEmail.language": "a language code",
    "notifications.OutboundEmail.subject": "composed by our code from checked text",
    "notifications.OutboundEmail.body_text": "composed by our code from checked text",
    "notifications.OutboundEmail.body_html": "composed by our code from checked text",
    "notifications.OutboundEmail.calendar": "an iCalendar document written by our code",
    "notifications.OutboundEmail.calendar_method": "an iTIP method written by our code",
    "notifications.OutboundEmail.topic": "a key built by our code, e.g. mission:4",
    "notifications.OutboundEmail.last_error": "the provider's answer",
    "notifications.OutboundEmail.provider_message_id": "the provider's id",
    "notifications.DeliveryEvent.provider_event_id": "the provider's id, made one line where it enters",
    "notifications.DeliveryEvent.event": "one of the event names we keep (sendgrid_webhook.DELIVERY_EVENTS)",
    "notifications.WebhookPost.post_digest": "a SHA-256 hex digest",
    "meetings.Table.secret": "random base32, written by our code",
    "checkin.BadgePrint.error": "the PDF builder's error, written by our code",
    "outcomes.Lead.pair": "two party keys written by our code, e.g. d12|o40",
    "outcomes.FeedbackRequest.party": "a party key written by our code, e.g. o40",
    "outcomes.FeedbackAnswer.deal_currency": "an ISO 4217 code: its RegexValidator accepts three capitals only",
    "outcomes.MissionFunding.currency": "an ISO 4217 code: its RegexValidator accepts three capitals only",
}

# Short texts typed in a text area, where a person may well press Enter.
MULTI_LINE_CHAR_FIELDS = {"meetings.MeetingRequest.message", "meetings.MeetingRequest.decision_reason"}


def our_text_fields():
    """(label, field) for every CharField and TextField of our apps a person may type into."""
    for model in apps.get_models():
        if not model._meta.app_config.name.startswith("events."):
            continue
        for field in model._meta.get_fields():
            if not isinstance(field, models.CharField | models.TextField) or field.choices:
                continue
            # Not free text: their own validators refuse line breaks, and their form and serializer fields NUL.
            if isinstance(field, models.SlugField | models.EmailField | models.URLField):
                continue
            yield f"{model._meta.app_label}.{model.__name__}.{field.name}", field


def expected_validator(label, field):
    if label in NOT_FREE_TEXT:
        return None
    if isinstance(field, models.TextField) or label in MULTI_LINE_CHAR_FIELDS:
        return validate_multi_line
    return validate_single_line


def test_every_text_field_of_our_models_refuses_control_characters():
    wrong = []
    for label, field in our_text_fields():
        ours = [v.__name__ for v in field.validators if v in (validate_single_line, validate_multi_line)]
        expected = expected_validator(label, field)
        if ours != ([expected.__name__] if expected else []):
            wanted = expected.__name__ if expected else "none (it is in NOT_FREE_TEXT)"
            wrong.append(f"{label} has {ours}, expected {wanted}")

    assert wrong == []


def test_the_exceptions_name_fields_that_exist():
    labels = {label for label, _ in our_text_fields()}

    assert set(NOT_FREE_TEXT) - labels == set()
    assert MULTI_LINE_CHAR_FIELDS - labels == set()


# Declared serializer and form fields that hold no free text.
NOT_FREE_TEXT_INPUT = {
    "events.companies.api.serializers.AcceptInvitationSerializer.token": "only hashed and compared",
    "events.agenda.api.serializers.AgendaQuerySerializer.tz": "validate_time_zone accepts IANA names only",
    # One line or several by the question's kind: the service checks each answer and names its question.
    "events.registrations.api.serializers.RegistrationRequestSerializer.answers[]": "checked by the service",
    "events.registrations.api.serializers.MissionRegistrationRequestSerializer.answers[]": "checked by the service",
    # Question.clean checks each one and names it ("Choice 2: ..."), through the model's full_clean().
    "events.registrations.api.serializers.QuestionSerializer.choices[]": "checked by Question.clean",
}
# Serializers that only describe responses: nothing a person sends is read through them.
OUTPUT_ONLY = {
    "events.agenda.api.serializers.AgendaItemSerializer",
    "events.agenda.api.serializers.AgendaItemInViewerZoneSerializer",
    "events.agenda.api.serializers.FeedSerializer",
    "events.registrations.api.serializers.BulkOutcomeSerializer",
    "events.meetings.api.serializers.BoardAnswerSideSerializer",
    "events.certificates.api.serializers.ProofSerializer",
    "events.certificates.api.serializers.VerificationSerializer",
    "events.certificates.api.serializers.ListRowSerializer",
    "events.outcomes.api.serializers.PartySerializer",
    "events.outcomes.api.serializers.LeadSerializer",
    "events.outcomes.api.serializers.DealSerializer",
    "events.outcomes.api.serializers.MissionFiguresSerializer",
}
PLAIN_TEXT_INPUTS = (serializers.CharField, forms.CharField)
CHECKED_ELSEWHERE = (
    serializers.EmailField,
    serializers.URLField,
    serializers.SlugField,
    serializers.RegexField,
    forms.EmailField,
    forms.URLField,
    forms.SlugField,
    forms.RegexField,
)


def _declared_inputs(cls):
    # Fields made from model fields are left out: the model's own validators check them (full_clean()).
    fields = cls._declared_fields if issubclass(cls, serializers.BaseSerializer) else cls.declared_fields
    for name, field in fields.items():
        if getattr(field, "read_only", False):
            continue
        yield name, field
        child = getattr(field, "child", None)
        if child is not None:
            yield f"{name}[]", child


def our_declared_text_inputs():
    for app in apps.get_app_configs():
        if not app.name.startswith("events."):
            continue
        for module_name in (f"{app.name}.api.serializers", f"{app.name}.forms"):
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as missing:
                if not module_name.startswith(missing.name):
                    raise  # the module exists but something it imports does not
                continue
            for cls in vars(module).values():
                if not isinstance(cls, type) or cls.__module__ != module_name:
                    continue
                if not issubclass(cls, serializers.BaseSerializer | forms.BaseForm):
                    continue
                if f"{module_name}.{cls.__name__}" in OUTPUT_ONLY:
                    continue
                for name, field in _declared_inputs(cls):
                    if isinstance(field, PLAIN_TEXT_INPUTS) and not isinstance(field, CHECKED_ELSEWHERE):
                        yield f"{module_name}.{cls.__name__}.{name}", field


def test_every_declared_text_input_refuses_control_characters():
    forgotten = [
        label
        for label, field in our_declared_text_inputs()
        if label not in NOT_FREE_TEXT_INPUT
        and not any(validator in (validate_single_line, validate_multi_line) for validator in field.validators)
    ]

    assert forgotten == []


def test_the_input_exceptions_name_fields_that_exist():
    labels = {label for label, _ in our_declared_text_inputs()}

    assert set(NOT_FREE_TEXT_INPUT) - labels == set()
