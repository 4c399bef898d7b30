"""A published meeting whose request is withdrawn or declined leaves both people's calendars at once.

A helper withdrew an accepted, published request through the API: the delegate was told nothing, kept the
meeting under "Scheduled", in their agenda, feed and reminders, until the organisers published again (the board
showed "1 dropped"); a decline left the decliner's own page and both calendars holding it. A company could travel
to a meeting the delegate had declined the evening before. Cancelling a registration, by contrast, cancelled at
once: a request that no longer stands now does the same.
"""

import pytest

from events.meetings import selectors, services
from events.meetings.models import Meeting
from events.notifications.models import OutboundEmail
from tests.meetings.conftest import MeetingDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(organiser):
    day = MeetingDay(organiser)
    request = day.accepted(0, 1)
    services.book_meeting(request, acting_user=organiser, slot=day.slots[0], table=day.tables[0])
    services.publish_schedule(day.grid, acting_user=organiser)
    day.request = request
    return day


def cancels():
    return sorted(OutboundEmail.objects.filter(kind="invitation.cancel").values_list("to", flat=True))


def people(day):
    return day.companies[0].user, day.delegates[1].user


def assert_gone_from_both_calendars(day):
    company, delegate = people(day)
    assert cancels() == sorted([company.email, delegate.email])
    assert not selectors.published_meetings_of(company).exists()
    assert not selectors.published_meetings_of(delegate).exists()
    reminders = OutboundEmail.objects.filter(kind="reminder", status="pending", to__in=[company.email, delegate.email])
    assert not reminders.exists()
    # Nothing is left for the organisers to publish about it.
    assert not Meeting.objects.filter(request=day.request).exclude(version__isnull=False, working=False).exists()
    assert list(selectors.board(day.grid)["diff"].dropped) == []


def test_a_withdrawn_published_meeting_is_cancelled_for_both_sides_at_once(published):
    company, _delegate = people(published)

    services.withdraw_request(published.request, acting_user=company)

    assert_gone_from_both_calendars(published)


def test_a_declined_published_meeting_is_cancelled_for_both_sides_at_once(published):
    _company, delegate = people(published)

    services.answer_request(published.request, acting_user=delegate, accept=False, reason="Schedule clash")

    assert_gone_from_both_calendars(published)
    declined = OutboundEmail.objects.filter(to=published.companies[0].user.email).exclude(kind="invitation.cancel")
    assert declined.filter(subject__contains="declined").count() == 1


def test_publishing_again_then_sends_nothing_more_about_it(published):
    company, _delegate = people(published)
    services.withdraw_request(published.request, acting_user=company)
    sent = OutboundEmail.objects.count()

    services.book_meeting(
        published.accepted(1, 1), acting_user=published.organiser, slot=published.slots[1], table=published.tables[0]
    )
    services.publish_schedule(published.grid, acting_user=published.organiser)

    later = OutboundEmail.objects.all()[sent:]
    assert company.email not in [email.to for email in later if email.kind == "invitation.cancel"]


def test_a_meeting_that_took_place_can_no_longer_be_withdrawn_or_declined(published, api_client):
    """A helper withdrew, through the API, a meeting both sides had marked held a week before, with an agreement
    signed at it: the meeting left the outcomes report (held 5 to 4) while its deal stayed, so the funder's report
    counted more deals from held meetings than held meetings, and the other side was told nothing. A meeting
    that has started is a record: its request stays as it was."""
    import datetime as dt

    from django.utils import timezone

    from events.core.errors import ConflictError
    from events.meetings.models import MeetingRequest

    day = published
    meeting = Meeting.objects.get(request=day.request, version__isnull=False)
    slot = meeting.slot
    slot.starts_at, slot.ends_at = timezone.now() - dt.timedelta(hours=2), timezone.now() - dt.timedelta(hours=1)
    slot.save(update_fields=["starts_at", "ends_at"])
    services.mark_held(meeting, acting_user=day.companies[0].user)
    api_client.force_authenticate(day.companies[0].user)

    withdrawn = api_client.post(f"/api/v1/meeting-requests/{day.request.pk}/withdraw/")
    with pytest.raises(ConflictError, match="took place"):
        services.answer_request(day.request, acting_user=day.organiser, accept=False)

    assert withdrawn.status_code == 409, withdrawn.json()
    assert withdrawn.json()["code"] == "meeting_took_place"
    assert MeetingRequest.objects.get(pk=day.request.pk).status == "accepted"
    assert Meeting.objects.filter(request=day.request, version__isnull=False).exists()
    assert not OutboundEmail.objects.filter(kind="invitation.cancel").exists()
