"""Mail about meeting requests, in each recipient's language, handed to the outbox.

The receiver of a request is told who asks and why, with links to accept or decline; whoever asked
is told the answer. A company's people are its attendees confirmed for the session; a delegate is
their own address.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from events.accounts.selectors import DEFAULT_LANGUAGE
from events.meetings.answer_links import answer_token
from events.meetings.models import MeetingRequest
from events.meetings.selectors import people_speaking_for
from events.missions.models import Representative, mail_topic
from events.notifications.services import Email


def people_of(participant) -> list[tuple[str, str, str]]:
    """(email, name, language) of whoever speaks for a participant of a meeting session."""
    return people_speaking_for([participant])[participant.pk]


def _link(name, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def _email(meeting_request, kind, person, subject, context) -> Email:
    email, name, language = person
    with translation.override(language):
        context = {**context, "meeting_request": meeting_request, "name": name, "meetings_url": _link("meetings:mine")}
        return Email(
            to=email,
            subject=subject() % {"name": context["other"], "session": meeting_request.grid.session.title},
            body_text=render_to_string(f"meetings/email/{kind}.txt", context),
            body_html=render_to_string(f"meetings/email/{kind}.html", context),
            kind=f"meeting_request.{kind}",
            language=language,
            reference=f"meeting_request:{meeting_request.pk}",
            topic=mail_topic(meeting_request.grid.session.stop.mission_id),
        )


def request_received_emails(meeting_request) -> list[Email]:
    context = {
        "other": meeting_request.requester.name,
        "accept_url": _link("meetings:answer-link", answer_token(meeting_request, "accept")),
        "decline_url": _link("meetings:answer-link", answer_token(meeting_request, "decline")),
    }
    return [
        _email(meeting_request, "received", person, lambda: _("%(name)s asks to meet you: %(session)s"), context)
        for person in _who_answers(meeting_request)
    ]


def _who_answers(meeting_request) -> list[tuple[str, str, str]]:
    """Whoever speaks for the side asked, and, for a company, its representatives, who answer on its meetings page
    though they may have sent a colleague to the session."""
    receiver = meeting_request.receiver
    representatives = []
    if receiver.organization_id is not None:
        representatives = [
            representative.user
            for representative in Representative.objects.filter(organization_id=receiver.organization_id)
            .select_related("user")
            .order_by("pk")
        ]
    return _joined(people_of(receiver), representatives)


def _joined(people, users) -> list[tuple[str, str, str]]:
    """`people` ((email, name, language)), then those of `users` not among them."""
    known = {email for email, _name, _language in people}
    for user in users:
        if user.email.lower() not in known:
            known.add(user.email.lower())
            people.append((user.email.lower(), user.full_name or user.email, user.language or DEFAULT_LANGUAGE))
    return people


def request_answered_emails(meeting_request) -> list[Email]:
    accepted = meeting_request.status == MeetingRequest.Status.ACCEPTED
    context = {"other": meeting_request.receiver.name, "accepted": accepted}

    def subject():
        return _("%(name)s accepted to meet you: %(session)s") if accepted else _("%(name)s declined: %(session)s")

    return [_email(meeting_request, "answered", person, subject, context) for person in _who_asked(meeting_request)]


def request_ended_emails(meeting_request, *, leaving) -> list[Email]:
    """`leaving` (a participant of the request) no longer takes part in the session (a delegate whose role meets no
    company, a company whose registration ended): the other side is told its open request ended with it, before
    the request goes with the participant (the database cascades)."""
    stays_asker = leaving.pk == meeting_request.receiver_id
    people = _who_asked(meeting_request) if stays_asker else _who_answers(meeting_request)
    context = {"other": leaving.name}
    return [
        _email(meeting_request, "ended", person, lambda: _("%(name)s no longer takes part: %(session)s"), context)
        for person in people
    ]


def _who_asked(meeting_request) -> list[tuple[str, str, str]]:
    """Whoever speaks for the asking side, and the representative who asked for it if they are not among them (one
    who sends a colleague to the session still acts on the company's meetings page, and is waiting for the answer).
    An organiser who asked on a company's behalf is not the company: they see the answer on the board."""
    asked_by = meeting_request.created_by
    representative = getattr(asked_by, "representative", None) if asked_by is not None else None
    speaks_for_the_company = (
        representative is not None and representative.organization_id == meeting_request.requester.organization_id
    )
    return _joined(people_of(meeting_request.requester), [asked_by] if speaks_for_the_company else [])
