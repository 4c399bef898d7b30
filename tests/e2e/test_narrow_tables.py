"""Issue 12: long unbroken names wrap and tables scroll in their own box: no page of a representative's
own lists is wider than the window, on a desktop or on a phone."""

import pytest

from events.meetings import services
from events.registrations.models import Attendee
from tests.meetings.conftest import MeetingDay
from tests.support.browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LONG_NAME = "Zoë Ångström-" + "X" * 187  # 200 characters: the column's limit


@pytest.fixture
def representative(organiser):
    day = MeetingDay(organiser, companies=1, delegates=2)
    company = day.companies[0]
    Attendee.objects.filter(registration__organization=company.organization).update(full_name=LONG_NAME)
    for delegate in range(2):
        services.request_meeting(
            day.grid,
            acting_user=company.user,
            requester=day.company(0),
            receiver=day.delegate(delegate),
            message="We make cold-chain sensors and would like to discuss a pilot in Dakhla.",
        )
    return company


@pytest.mark.parametrize("width", [1280, 375])
def test_your_registrations_and_meetings_fit_the_window(page, live_server, representative, width, axe_violations):
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, live_server, representative.user.email)

    for path in ("/registrations/", "/meetings/"):
        page.goto(f"{live_server.url}{path}")
        page_width = page.evaluate("document.documentElement.scrollWidth")
        assert page_width <= width, f"{path} is {page_width} px wide in a {width} px window"
        assert axe_violations(page) == []


def test_a_long_unbroken_reason_wraps_inside_the_registrations_table(page, live_server, representative):
    """A tester declined with a 2,000-character unbroken reason: the table grew to 16,000 px and pushed the
    attendees and the Cancel links out of sight."""
    from events.registrations.models import Registration

    Registration.objects.filter(organization=representative.organization).update(decision_reason="R" * 2000)
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, live_server, representative.user.email)

    page.goto(f"{live_server.url}/registrations/")

    table_width = page.evaluate("document.querySelector('table').scrollWidth")
    assert table_width <= 1280, f"the registrations table is {table_width} px wide"
