"""A staff member edits in the admin what belongs to the missions they organise; the rest they may only read.

The services refuse a change by someone who does not organise the mission (missions.services.require_organiser);
the admin offered them the form anyway, and its Save answered with a bare 403 page. Now the admin asks the same
question before it draws the page: another team's session opens read-only, without Save or Delete, and a new
row can only be put under a mission its author organises (the others are not offered).
"""

import pytest
from django.contrib.auth.models import Permission

from tests.factories import DelegateFactory, MissionFactory, SessionFactory, StopFactory, UserFactory

pytestmark = pytest.mark.django_db


def staff_with(*codenames):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def theirs():
    """A session of a mission run by another team."""
    return SessionFactory(title="Other team's briefing")


@pytest.mark.parametrize(
    ("model", "row", "codename"),
    [
        ("missions/session", lambda s: s, "session"),
        ("missions/stop", lambda s: s.stop, "stop"),
        ("missions/mission", lambda s: s.stop.mission, "mission"),
        ("missions/delegate", lambda s: DelegateFactory(delegation__mission=s.stop.mission), "delegate"),
    ],
)
def test_another_teams_rows_open_read_only(client, theirs, model, row, codename):
    staff = staff_with(f"change_{codename}", f"view_{codename}", f"delete_{codename}")
    client.force_login(staff)

    page = client.get(f"/admin/{model}/{row(theirs).pk}/change/")

    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="_save"' not in html
    assert "/delete/" not in html


def test_ones_own_missions_rows_stay_editable(client, theirs):
    staff = staff_with("change_session", "view_session")
    theirs.stop.mission.organisers.add(staff)
    client.force_login(staff)

    html = client.get(f"/admin/missions/session/{theirs.pk}/change/").content.decode()

    assert 'name="_save"' in html


def test_a_new_session_is_offered_only_the_stops_of_missions_one_organises(client, theirs):
    staff = staff_with("add_session", "view_session")
    mine = StopFactory(city="Dakhla")
    mine.mission.organisers.add(staff)
    client.force_login(staff)

    html = client.get("/admin/missions/session/add/").content.decode()
    options = html[html.index('name="stop"') :].split("</select>")[0]

    assert f'value="{mine.pk}"' in options
    assert f'value="{theirs.stop_id}"' not in options


def test_check_in_staff_for_another_teams_mission_is_refused_on_its_field(client, theirs):
    from events.checkin.models import CheckInStaff

    staff = staff_with("add_checkinstaff", "view_checkinstaff")
    MissionFactory().organisers.add(staff)
    door = UserFactory(email="door@agency.example")
    client.force_login(staff)

    response = client.post("/admin/checkin/checkinstaff/add/", {"user": door.pk, "mission": theirs.stop.mission_id})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["mission"]
    assert not CheckInStaff.objects.exists()


def test_the_search_as_you_type_lists_only_the_missions_one_organises(client, theirs):
    """A second helper's walk: the mission field of a new stop searched every mission; choosing another team's
    was then refused on save."""
    staff = staff_with("add_stop", "view_stop", "view_mission")
    mine = MissionFactory(title="Dakhla fisheries")
    mine.organisers.add(staff)
    client.force_login(staff)

    found = client.get(
        "/admin/autocomplete/", {"app_label": "missions", "model_name": "stop", "field_name": "mission", "term": ""}
    ).json()

    assert [row["id"] for row in found["results"]] == [str(mine.pk)]
    assert theirs.stop.mission_id != mine.pk
