"""Feedback mail, written when it is sent (events.notifications.composers), in the recipient's language then.

Two kinds of record: `feedback:<form id>` (one side of one meeting, right after it) and
`feedback-wave:<wave id>:<party>` (a company, with one link per counterpart it met). A reminder is not
sent once its forms were answered, and no mail goes for a form that has closed or to an address that no
longer speaks for the party (an attendee removed since).
"""

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from events.missions.models import mail_topic
from events.notifications.composers import NothingToSend
from events.notifications.services import Email
from events.outcomes import selectors
from events.outcomes.links import feedback_url
from events.outcomes.models import FeedbackRequest
from events.outcomes.services import COMPOSER

__all__ = ["COMPOSER", "compose_feedback_email"]

SUBJECTS = {
    "feedback.request": _("How was your meeting with %(other)s?"),
    "feedback.reminder": _("Reminder: how was your meeting with %(other)s?"),
    "feedback.wave": _("%(mission)s: where do your contacts stand?"),
    "feedback.wave_reminder": _("Reminder — %(mission)s: where do your contacts stand?"),
}

_FORM = FeedbackRequest.objects.select_related(
    "lead__mission",
    "wave__mission",
    "meeting__grid__session__stop",
    "meeting__requester__organization",
    "meeting__requester__delegate",
    "meeting__receiver__organization",
    "meeting__receiver__delegate",
)


def compose_feedback_email(row) -> Email:
    """The message an intent row stands for, from the forms as they are now. Raises NothingToSend."""
    if row.reference.startswith("feedback-wave:"):
        _prefix, wave_id, party = row.reference.split(":")
        forms = list(_FORM.filter(wave_id=int(wave_id), party=party).order_by("pk"))
    else:
        forms = list(_FORM.filter(pk=int(row.reference.removeprefix("feedback:"))))
    if not forms:
        raise NothingToSend("Not sent: the form no longer exists.")
    if row.kind.endswith("reminder") and all(form.answers.exists() for form in forms):
        raise NothingToSend("Not sent: the form was answered.")
    if not selectors.is_open(forms[0]):
        raise NothingToSend("Not sent: the form has closed (a later wave went out).")
    person = next((p for form in forms for p in selectors.people_of_party(form) if p[0] == row.to), None)
    if person is None:
        raise NothingToSend("Not sent: this address no longer speaks for the party asked.")
    return _email(row, forms, person)


def _email(row, forms, person) -> Email:
    email, name, language = person
    mission = forms[0].lead.mission
    with translation.override(language), timezone.override(mission.time_zone):
        links = [
            {"other": selectors.counterpart_name(form), "url": feedback_url(form, email), "form": form}
            for form in forms
        ]
        context = {
            "name": name,
            "mission": mission,
            "links": links,
            "meeting": forms[0].meeting,
            "reminder": row.kind.endswith("reminder"),
        }
        template = "wave" if forms[0].wave_id else "after_meeting"
        subject = str(SUBJECTS[row.kind] % {"other": links[0]["other"], "mission": mission.title})
        body_text = render_to_string(f"outcomes/email/{template}.txt", context)
        body_html = render_to_string(f"outcomes/email/{template}.html", context)
    return Email(
        to=email,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        kind=row.kind,
        language=language,
        reference=row.reference,
        topic=mail_topic(mission.pk),
    )
