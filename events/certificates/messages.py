"""The mail that brings each person their certificate: its verification address, where its PDF and signed
record are. Written when the certificate is issued, in the same transaction (the outbox's guarantee: a
message exists only if its certificate does), in the recipient's language when they have an account."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from events.accounts.selectors import DEFAULT_LANGUAGE, languages_of
from events.missions.models import mail_topic
from events.notifications.services import Email

SUBJECT = _("Your certificate: %(title)s")


def certificate_emails(certificates) -> list[Email]:
    languages = languages_of(certificate.email for certificate in certificates)
    return [
        certificate_email(certificate, languages.get(certificate.email.lower(), DEFAULT_LANGUAGE))
        for certificate in certificates
    ]


def certificate_email(certificate, language) -> Email:
    definition = certificate.definition
    with translation.override(language):
        context = {
            "name": certificate.name,
            "title": definition.title,
            "issuer": definition.issuer_name,
            "verify_url": settings.SITE_URL + reverse("certificates:verify", args=[certificate.public_id]),
            "pdf_url": settings.SITE_URL + reverse("certificates:pdf", args=[certificate.public_id]),
        }
        subject = str(SUBJECT % {"title": definition.title})
        body_text = render_to_string("certificates/email/certificate.txt", context)
    return Email(
        to=certificate.email,
        subject=subject,
        body_text=body_text,
        kind="certificate.issued",
        language=language,
        reference=f"certificate:{certificate.public_id}",
        topic=mail_topic(definition.mission_id),
    )
