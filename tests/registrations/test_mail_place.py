"""A registration's mail names the place as its calendar invitation does: the city once, even when the
venue's name ends with it (a tester read "AT&T Hotel and Conference Center, Austin, Austin")."""

import pytest

from events.notifications.models import OutboundEmail
from events.registrations import services
from tests.factories import RepresentativeFactory, briefing_factory
from tests.registrations.conftest import attendees
from tests.support.outbox import sent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("venue", "place"),
    [("AT&T Hotel and Conference Center, Austin", "AT&T Hotel and Conference Center, Austin"), ("", "Austin")],
)
def test_the_confirmation_names_the_place_as_the_invitation_does(venue, place):
    session = briefing_factory(venue=venue)
    representative = RepresentativeFactory()

    registration = services.register_company(
        session,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=attendees(1),
    )

    mail = sent(OutboundEmail.objects.get(reference=f"registration:{registration.pk}"))
    assert session.stop.city == "Austin"
    assert place in mail.body_text.splitlines()
    assert "Austin, Austin" not in mail.body_text + mail.body_html
    assert session.calendar_location == place
