"""What a registration must hold before a seat is taken: its attendees and its answers.

Pure checks with no lock and no write, so that the registration page's review step refuses exactly
what confirming would (and says so next to the field), and the services check the same rules again
inside their transaction. The messages are the ones the API returns.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events.core.text import validate_multi_line, validate_single_line
from events.missions.models import Session
from events.missions.selectors import delegate_names_by_address
from events.registrations.models import Attendee, Question, Registration


@dataclass(frozen=True)
class AttendeeProblem:
    """One refusal about the attendees: `number` is the attendee it concerns, `field` the value to change."""

    number: int
    field: str
    message: str


def _column_problem(number, field_name, value) -> AttendeeProblem | None:
    """An attendee's name, email or job title as its column accepts it (length, a single line)."""
    try:
        Attendee._meta.get_field(field_name).clean(value, None)
    except ValidationError as error:
        message = _("Attendee %(n)d: %(error)s") % {"n": number, "error": error.messages[0]}
        return AttendeeProblem(number, field_name, message)
    return None


def _is_address(email) -> bool:
    """Whether `email` is an address a query may look for (PostgreSQL compares no text holding a NUL)."""
    try:
        validate_email(email)
    except ValidationError:
        return False
    return "\x00" not in email


def delegates_among(emails, sessions) -> dict[str, str]:
    """{address in lower case: delegate's name} for the `emails` that may not attend `sessions` for a company.

    A mission's delegates meet its companies at its B2B meeting sessions: named by a company as well, one
    person would sit on both sides of a meeting, or in two meetings at once. One query, none unless one of
    `sessions` is a B2B meeting session. The roster asks the reverse (receivers.attendance_refusing_delegate).
    """
    missions = {session.stop.mission_id for session in sessions if session.kind == Session.Kind.B2B_MEETINGS}
    return delegate_names_by_address(missions, emails) if missions else {}


def delegate_refusal(name) -> str:
    return _("%(name)s is a delegate of this mission: delegates meet the companies, they cannot attend for one.") % {
        "name": name
    }


def attending_for_other_companies(emails, sessions, organization) -> dict[str, str]:
    """{address in lower case: session title} for the `emails` that already attend one of `sessions` for a company
    other than `organization` (an active registration: pending, confirmed or waitlisted). One query.

    A person attends a session once: named by two companies at a B2B meeting session they would be two
    participants of its grid, booked into two meetings at once, and counted twice in its seats. The
    registration that names them second is refused: on the registration page's review (attendee_problems),
    and in the transaction that writes it (services._claim_people), so that two companies registering them
    at once cannot both pass.
    """
    return people_named_around(emails, sessions, organization)[0]


def people_named_around(emails, sessions, organization, *, mission_id=None) -> tuple[dict[str, str], list[tuple]]:
    """One query for what a registration must know of its `emails` before it writes them:
    (attending_for_other_companies's {address: session title}, and with `mission_id` the rows by which
    `organization` already names them in that mission, [(attendee pk, address in lower case, full name)]: one
    address is one person, and one name, in a company's registrations (services._one_name_per_address))."""
    addresses = {email.strip().lower() for email in emails if email}
    if not addresses or not sessions:
        return {}, []
    elsewhere = Q(registration__session__in=sessions, registration__status__in=Registration.ACTIVE_STATUSES) & ~Q(
        registration__organization=organization
    )
    ours = Q(registration__organization=organization, registration__session__stop__mission=mission_id)
    rows = (
        Attendee.objects.annotate(address=Lower("email"))
        .filter(Q(address__in=addresses) & (elsewhere | ours if mission_id else elsewhere))
        .values_list("pk", "address", "full_name", "registration__organization_id", "registration__session__title")
    )
    attending, named = {}, []
    for pk, address, full_name, organization_id, title in rows:
        if organization_id == organization.pk:
            named.append((pk, address, full_name))
        else:
            attending[address] = title
    return attending, named


def other_company_refusal(email, session_title) -> str:
    # Which company is not said: the company asking may not know who else registered.
    return _("%(email)s already attends %(session)s for another company.") % {"email": email, "session": session_title}


def _row_problems(number, attendee, seen, delegates, elsewhere) -> list[AttendeeProblem]:
    name = (attendee.get("full_name") or "").strip()
    email = (attendee.get("email") or "").strip()
    problems = []
    if not name:
        problems.append(AttendeeProblem(number, "full_name", _("Attendee %(n)d needs a name.") % {"n": number}))
    try:
        validate_email(email)
    except ValidationError:
        message = _("Attendee %(n)d needs a valid email address.") % {"n": number}
        problems.append(AttendeeProblem(number, "email", message))
    else:
        if email.lower() in seen:
            problems.append(AttendeeProblem(number, "email", _("%(email)s is listed twice.") % {"email": email}))
        elif email.lower() in delegates:
            problems.append(AttendeeProblem(number, "email", delegate_refusal(delegates[email.lower()])))
        elif email.lower() in elsewhere:
            problems.append(AttendeeProblem(number, "email", other_company_refusal(email, elsewhere[email.lower()])))
        seen.add(email.lower())
        # An address may be 320 characters (RFC 5321) but the column, like Django's EmailField, holds 254.
        problems.extend(filter(None, [_column_problem(number, "email", email)]))
    columns = [("job_title", (attendee.get("job_title") or "").strip())]
    if name:
        columns.insert(0, ("full_name", name))
    problems.extend(filter(None, (_column_problem(number, field, value) for field, value in columns)))
    return problems


def attendee_limit(sessions) -> tuple[int, str]:
    """(the most attendees one company may bring to every one of `sessions`, the title of the session that
    sets it); `sessions` is not empty."""
    tightest = min(sessions, key=lambda session: session.attendees_per_company)
    return tightest.attendees_per_company, tightest.title


def attendee_problems(
    numbered_attendees, *, limit, limited_by="", sessions=(), organization=None
) -> list[AttendeeProblem]:
    """Every refusal about `numbered_attendees` ([(number, {full_name, email, job_title})]) for `sessions`, in
    reading order.

    `limit` is the most attendees one company may bring, set by the session titled `limited_by`
    (attendee_limit). No attendee at all is a problem of attendee 1; one too many, of the first attendee
    past the limit. A delegate of the mission of a B2B meeting session among `sessions` is refused on
    their email (delegates_among); so is a person who attends one of `sessions` for a company other than
    `organization` (attending_for_other_companies; not checked without an organization).
    """
    numbered_attendees = list(numbered_attendees)
    if not numbered_attendees:
        return [AttendeeProblem(1, "full_name", _("Name at least one attendee."))]
    if len(numbered_attendees) > limit:
        message = ngettext(
            "%(session)s admits at most %(limit)d attendee per company.",
            "%(session)s admits at most %(limit)d attendees per company.",
            limit,
        ) % {"session": limited_by or _("This session"), "limit": limit}
        return [AttendeeProblem(numbered_attendees[limit][0], "full_name", message)]
    emails = [(attendee.get("email") or "").strip() for _number, attendee in numbered_attendees]
    addresses = [email for email in emails if _is_address(email)]
    delegates = delegates_among(addresses, sessions)
    elsewhere = attending_for_other_companies(addresses, sessions, organization) if organization else {}
    problems, seen = [], set()
    for number, attendee in numbered_attendees:
        problems.extend(_row_problems(number, attendee, seen, delegates, elsewhere))
    return problems


def clean_attendees(attendees, *, sessions) -> list[dict]:
    """The attendees for all of `sessions`, stripped and checked, or ValidationError {"attendees": the first
    refusal}. Whether another company named one of them first is asked in the transaction that registers
    them (services._claim_people), where the answer cannot change before the commit."""
    limit, limited_by = attendee_limit(sessions)
    problems = attendee_problems(enumerate(attendees, start=1), limit=limit, limited_by=limited_by, sessions=sessions)
    if problems:
        raise ValidationError({"attendees": problems[0].message})
    return [
        {
            "full_name": (attendee.get("full_name") or "").strip(),
            "email": (attendee.get("email") or "").strip(),
            "job_title": (attendee.get("job_title") or "").strip(),
        }
        for attendee in attendees
    ]


YES = {"yes", "true", "1", "on", "oui"}
NO = {"no", "false", "0", "off", "non"}
ANSWER_LENGTHS = {Question.Kind.TEXT: 300, Question.Kind.LONG_TEXT: 5000}
ANSWER_LINES = {Question.Kind.TEXT: validate_single_line, Question.Kind.LONG_TEXT: validate_multi_line}


def clean_answer(question, raw) -> str:
    value = "" if raw is None else str(raw).strip()
    if not value:
        if question.required:
            raise ValidationError(_("Answer this question."))
        return ""
    if question.kind == Question.Kind.YES_NO:
        if value.lower() not in YES | NO:
            raise ValidationError(_("Answer yes or no."))
        return "yes" if value.lower() in YES else "no"
    if question.kind == Question.Kind.CHOICE and value not in question.choices:
        raise ValidationError(_("Choose one of: %(options)s.") % {"options": ", ".join(question.choices)})
    limit = ANSWER_LENGTHS.get(question.kind)
    if limit and len(value) > limit:
        raise ValidationError(_("Keep the answer to %(limit)d characters at most.") % {"limit": limit})
    if question.kind in ANSWER_LINES:
        ANSWER_LINES[question.kind](value)
    return value


def questions_asked(session) -> list:
    """The questions `session`'s registration asks, in order: not those retired (Question.asked), whose answers
    stay but which nobody is asked any more. Read from the prefetched questions when the caller prefetched them."""
    return [question for question in session.questions.all() if question.asked]


def clean_answers(sessions, answers) -> dict:
    """Map each session's pk to its (question, answer) pairs; errors are keyed `question_<id>`."""
    answers = {str(key): value for key, value in (answers or {}).items()}
    cleaned, errors, known = {}, {}, set()
    for session in sessions:
        cleaned[session.pk] = []
        for question in questions_asked(session):
            known.add(str(question.pk))
            try:
                cleaned[session.pk].append((question, clean_answer(question, answers.get(str(question.pk)))))
            except ValidationError as error:
                errors[f"question_{question.pk}"] = error.messages
    unknown = sorted(set(answers) - known)
    if unknown:
        errors["answers"] = [
            _("No question of the chosen sessions has these ids: %(ids)s.") % {"ids": ", ".join(unknown)}
        ]
    if errors:
        raise ValidationError(errors)
    return cleaned
