"""A session that is over keeps its registrations as they were: they are the record of who came (lists,
check-ins, certificates). Cancelling, declining or approving one then would rewrite that record and mail
its attendees "registration cancelled" about a day gone by, as a tester saw."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from events.notifications.models import OutboundEmail
from events.registrations import services
from events.registrations.errors import SessionOver
from tests.registrations.conftest import attendees

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(briefing, representative_of):
    """A confirmed, a waitlisted and a pending registration; the clock then set after the session."""
    confirmed = services.register_company(
        briefing, acting_user=(a := representative_of("A")).user, organization=a.organization, attendees=attendees(3)
    )
    waiting = services.register_company(
        briefing, acting_user=(b := representative_of("B")).user, organization=b.organization, attendees=attendees(1)
    )
    return briefing, confirmed, waiting, briefing.ends_at + dt.timedelta(minutes=1)


@pytest.mark.parametrize("decision", ["cancel", "decline"])
def test_an_organiser_cannot_change_a_registration_once_its_session_is_over(held, session_organiser, decision):
    briefing, confirmed, waiting, after = held
    registration = confirmed if decision == "cancel" else waiting
    mail_before = OutboundEmail.objects.count()

    with pytest.raises(SessionOver) as refused:
        services.decide(registration, decision, acting_user=session_organiser, now=after)

    assert "is over" in refused.value.message
    registration.refresh_from_db()
    assert registration.status in ("confirmed", "waitlisted")
    assert OutboundEmail.objects.count() == mail_before


def test_a_company_cannot_cancel_once_the_session_is_over_but_may_until_its_end(held):
    briefing, confirmed, waiting, after = held

    with pytest.raises(SessionOver):
        services.cancel_registration(confirmed, acting_user=confirmed.registered_by, now=after)
    during = services.cancel_registration(
        waiting, acting_user=waiting.registered_by, now=briefing.ends_at - dt.timedelta(minutes=1)
    )

    assert during.status == "cancelled"


def test_the_organisers_page_says_why_and_changes_nothing(client, held, session_organiser, monkeypatch):
    briefing, confirmed, _waiting, after = held
    monkeypatch.setattr("django.utils.timezone.now", lambda: after)
    client.force_login(session_organiser)

    response = client.post(
        f"/manage/sessions/{briefing.pk}/registrations/bulk/",
        {"action": "cancel", "ids": [confirmed.pk]},
    )

    confirmed.refresh_from_db()
    assert confirmed.status == "confirmed"
    assert response.status_code == 400
    assert "This session is over: its registrations stay as they were." in response.content.decode()


def test_the_pages_offer_no_decision_and_no_cancel_link_once_the_session_is_over(
    client, held, session_organiser, monkeypatch
):
    briefing, confirmed, _waiting, after = held
    monkeypatch.setattr("django.utils.timezone.now", lambda: after)

    client.force_login(session_organiser)
    manage = client.get(f"/manage/sessions/{briefing.pk}/registrations/").content.decode()
    client.force_login(confirmed.registered_by)
    mine = client.get("/registrations/").content.decode()

    assert "data-session-over" in manage
    assert manage.index("data-session-over") < manage.index("<table")  # said before the list, not after it
    assert 'name="action"' not in manage
    assert 'name="ids"' not in manage
    assert f'href="/registrations/{confirmed.pk}/cancel/"' not in mine


def test_a_reason_longer_than_the_form_allows_is_refused_before_anything_changes(
    client, briefing, representative_of, session_organiser
):
    """The page's field stops at 2,000 characters; a tester sent 3,000 past it, and they were mailed."""
    services.register_company(
        briefing, acting_user=(a := representative_of("A")).user, organization=a.organization, attendees=attendees(3)
    )
    waiting = services.register_company(
        briefing, acting_user=(c := representative_of("C")).user, organization=c.organization, attendees=attendees(1)
    )
    client.force_login(session_organiser)

    response = client.post(
        f"/manage/sessions/{briefing.pk}/registrations/bulk/",
        {"action": "decline", "ids": [waiting.pk], "reason": "R" * 2001},
    )

    waiting.refresh_from_db()
    assert waiting.status == "waitlisted"
    assert response.status_code == 400
    assert "Ensure this value has at most 2000 characters (it has 2001)." in response.content.decode()
    with pytest.raises(ValidationError) as refused:
        services.decline_registration(waiting, acting_user=session_organiser, reason="R" * 2001)
    assert list(refused.value.message_dict) == ["reason"]


def test_a_registration_whose_account_was_deleted_is_still_promoted_and_its_attendees_told(
    briefing, representative_of, session_organiser
):
    """A tester's capacity change answered 500: the waitlisted company's registering account was gone."""
    from events.notifications.models import OutboundEmail as Outbox

    services.register_company(
        briefing, acting_user=(a := representative_of("A")).user, organization=a.organization, attendees=attendees(3)
    )
    waiting = services.register_company(
        briefing,
        acting_user=(b := representative_of("B")).user,
        organization=b.organization,
        attendees=(people := attendees(1, prefix="bee")),
    )
    b.user.delete()

    services.change_capacity(briefing, acting_user=session_organiser, capacity=4)

    waiting.refresh_from_db()
    assert (waiting.status, waiting.registered_by) == ("confirmed", None)
    assert Outbox.objects.filter(kind="invitation.request", to=people[0]["email"]).exists()
