"""The mail inviting a company to serve a delegation's priority, written when it is sent, in the
recipient's language then (events.notifications.composers)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from events.accounts.models import User
from events.accounts.selectors import DEFAULT_LANGUAGE
from events.matching.models import PriorityInvitation
from events.missions.models import mail_topic
from events.notifications.composers import NothingToSend
from events.notifications.services import Email


def compose_invitation_email(row) -> Email:
    """Reference `priority-invitation:<priority id>:<organization id>`; not sent once the invitation is gone."""
    _kind, priority_id, organization_id = row.reference.split(":")
    invitation = (
        PriorityInvitation.objects.select_related("priority__sector", "priority__delegation__mission", "organization")
        .filter(priority_id=priority_id, organization_id=organization_id)
        .first()
    )
    if invitation is None:
        raise NothingToSend("Not sent: the invitation was withdrawn.")
    user = User.objects.filter(email__iexact=row.to).first()
    language = getattr(user, "language", "") or DEFAULT_LANGUAGE
    priority, mission = invitation.priority, invitation.priority.delegation.mission
    with translation.override(language):
        context = {
            "priority": priority,
            "mission": mission,
            "company": invitation.organization,
            "mission_url": settings.SITE_URL + reverse("missions:detail", args=[mission.slug]),
            "priorities_url": settings.SITE_URL + reverse("matching:priorities"),
        }
        subject = _("%(mission)s: the delegation seeks “%(priority)s”") % {
            "mission": mission.title,
            "priority": priority.title or priority.sector.label,
        }
        body_text = render_to_string("matching/email/invitation.txt", context)
        body_html = render_to_string("matching/email/invitation.html", context)
    return Email(
        to=row.to,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        kind=row.kind,
        language=language,
        reference=row.reference,
        topic=mail_topic(mission.pk),
    )
