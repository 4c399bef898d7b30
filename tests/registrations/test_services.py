import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.core.errors import PermissionDeniedError
from events.notifications.models import OutboundEmail
from events.registrations import services
from events.registrations.errors import AlreadyRegistered, RegistrationClosed
from events.registrations.models import Registration
from events.registrations.selectors import confirmed_seats, waitlist_position
from tests.registrations.conftest import attendees
from tests.support.outbox import sent

pytestmark = pytest.mark.django_db


def register(briefing, representative, count=1):
    return services.register_company(
        briefing,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=attendees(count, prefix=representative.organization.slug),
    )


def test_open_session_confirms_until_full_then_waitlists_in_order(briefing, representative_of):
    first = register(briefing, representative_of("A"), count=2)
    second = register(briefing, representative_of("B"), count=1)
    third = register(briefing, representative_of("C"), count=1)
    fourth = register(briefing, representative_of("D"), count=2)

    assert [first.status, second.status] == ["confirmed", "confirmed"]
    assert [third.status, fourth.status] == ["waitlisted", "waitlisted"]
    assert [waitlist_position(third), waitlist_position(fourth)] == [1, 2]
    assert confirmed_seats(briefing) == 3


def test_a_newcomer_does_not_overtake_the_waitlist_for_a_seat_the_head_cannot_use(briefing, representative_of):
    register(briefing, representative_of("A"), count=1)
    register(briefing, representative_of("B"), count=1)
    three = register(briefing, representative_of("C"), count=2)  # one seat left of three: C waits

    newcomer = register(briefing, representative_of("D"), count=1)

    assert (three.status, newcomer.status) == ("waitlisted", "waitlisted")
    assert [waitlist_position(three), waitlist_position(newcomer)] == [1, 2]
    assert confirmed_seats(briefing) == 2


def test_cancellation_promotes_the_next_in_order_exactly_once(briefing, representative_of):
    confirmed = register(briefing, representative_of("A"), count=3)
    next_in_line = register(briefing, representative_of("B"), count=1)
    after_it = register(briefing, representative_of("C"), count=3)

    services.cancel_registration(confirmed, acting_user=confirmed.registered_by)

    next_in_line.refresh_from_db()
    after_it.refresh_from_db()
    assert next_in_line.status == "confirmed"
    # Strict order: C needs three seats and only two are free, so it waits at the head of the line.
    assert after_it.status == "waitlisted"
    assert waitlist_position(after_it) == 1
    assert OutboundEmail.objects.filter(kind="registration.promoted").count() == 1


def test_raising_capacity_promotes_and_lowering_it_unseats_nobody(briefing, representative_of, session_organiser):
    seated = register(briefing, representative_of("A"), count=3)
    waiting = register(briefing, representative_of("B"), count=1)

    services.change_capacity(briefing, acting_user=session_organiser, capacity=1)
    seated.refresh_from_db()
    services.change_capacity(briefing, acting_user=session_organiser, capacity=4)
    waiting.refresh_from_db()

    assert seated.status == "confirmed"
    assert waiting.status == "confirmed"


def test_lowered_capacity_sends_the_next_company_to_the_waitlist(briefing, representative_of, session_organiser):
    register(briefing, representative_of("A"), count=1)
    services.change_capacity(briefing, acting_user=session_organiser, capacity=1)

    late = register(briefing, representative_of("B"), count=1)

    assert late.status == "waitlisted"


def test_approval_session_holds_then_approves_within_capacity(representative_of, organiser):
    from tests.factories import briefing_factory

    session = briefing_factory(capacity=1, mode="approval")
    session.stop.mission.organisers.add(organiser)
    first = register(session, representative_of("A"))
    second = register(session, representative_of("B"))

    services.approve_registration(first, acting_user=organiser)
    services.approve_registration(second, acting_user=organiser)
    first.refresh_from_db()
    second.refresh_from_db()

    assert first.status == "confirmed"
    assert second.status == "waitlisted"


def test_decline_keeps_the_reason_and_tells_the_company(briefing, representative_of, session_organiser):
    briefing.registration_mode = "approval"
    briefing.save()
    registration = register(briefing, representative_of("A"))

    services.decline_registration(registration, acting_user=session_organiser, reason="Outside the sectors sought")

    mail = sent(OutboundEmail.objects.get(kind="registration.declined"))
    assert mail.to == registration.registered_by.email
    assert "Outside the sectors sought" in mail.body_text


def test_second_registration_by_the_same_company_is_refused(briefing, representative_of):
    representative = representative_of("A")
    register(briefing, representative)

    with pytest.raises(AlreadyRegistered):
        register(briefing, representative)

    assert Registration.objects.count() == 1


def test_company_may_register_again_after_cancelling(briefing, representative_of):
    representative = representative_of("A")
    services.cancel_registration(register(briefing, representative), acting_user=representative.user)

    again = register(briefing, representative)

    assert again.status == "confirmed"


@pytest.mark.parametrize(
    ("people", "message"),
    [
        ([], "Name at least one attendee."),
        (attendees(4), "{session} admits at most 3 attendees per company."),
        (
            [{"full_name": "Ann", "email": "a" * 64 + "@" + ("b" * 63 + ".") * 3 + "b" * 40 + ".org"}],
            "Attendee 1: Ensure this value has at most 254 characters (it has 301).",
        ),
        ([{"full_name": "Ann", "email": "not-an-address"}], "Attendee 1 needs a valid email address."),
        ([{"full_name": "", "email": "ann@co.example"}], "Attendee 1 needs a name."),
        (
            [{"full_name": "Ann", "email": "ann@co.example"}, {"full_name": "Ann", "email": "ANN@co.example"}],
            "ANN@co.example is listed twice.",
        ),
    ],
)
def test_bad_attendees_are_refused_on_the_attendees_field(briefing, representative_of, people, message):
    representative = representative_of("A")

    with pytest.raises(ValidationError) as error:
        services.register_company(
            briefing, acting_user=representative.user, organization=representative.organization, attendees=people
        )

    assert error.value.message_dict == {"attendees": [message.format(session=briefing.title)]}
    assert Registration.objects.count() == 0
    assert OutboundEmail.objects.count() == 0


def test_closed_registration_is_refused(briefing, representative_of):
    briefing.registration_closes_at = timezone.now() - dt.timedelta(minutes=1)
    briefing.save()

    with pytest.raises(RegistrationClosed):
        register(briefing, representative_of("A"))


def test_nobody_registers_another_company(briefing, representative_of):
    mine = representative_of("A")
    theirs = representative_of("B")

    with pytest.raises(PermissionDeniedError):
        services.register_company(
            briefing, acting_user=mine.user, organization=theirs.organization, attendees=attendees(1)
        )


def test_each_change_writes_one_message_in_the_recipients_language(briefing, representative_of):
    representative = representative_of("A", language="fr")

    register(briefing, representative)

    mail = sent(OutboundEmail.objects.get(kind__startswith="registration."))
    assert mail.kind == "registration.confirmed"
    assert mail.language == "fr"
    assert mail.subject.startswith("Inscription confirmée")
    assert "Attendee 0" in mail.body_text


def test_the_mail_gives_the_time_of_the_sessions_place(briefing, representative_of):
    company = representative_of("Lone Star Cloud")
    local = briefing.starts_at.astimezone(briefing.stop.zone)
    assert local.utcoffset()  # the place is not on UTC, so a mail in UTC would show another hour

    registration = services.register_company(
        briefing, acting_user=company.user, organization=company.organization, attendees=attendees(1)
    )

    mail = sent(OutboundEmail.objects.get(reference=f"registration:{registration.pk}"))
    times = f"{local:%H:%M}–{briefing.ends_at.astimezone(briefing.stop.zone):%H:%M}"
    assert f"{times} ({briefing.stop.time_zone})" in mail.body_text
    # The range isolated left to right, so that it reads in order in a right-to-left language too.
    assert f'<bdi dir="ltr">{times}</bdi></time> ({briefing.stop.time_zone})' in mail.body_html
