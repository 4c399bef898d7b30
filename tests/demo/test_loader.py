"""Loading the demo: by date, from the command, all or nothing, with links to where it is served."""

import datetime as dt
import io
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command, get_commands
from django.utils import timezone

from events.accounts.models import User
from events.demo.loader import load_demo
from events.missions.models import Mission, Organization, Sector
from tests.demo.conftest import TODAY

pytestmark = pytest.mark.django_db

DIGITAL_MISSION = "morocco-digital-economy-reverse-trade-mission"


def test_load_demo_without_a_date_starts_the_digital_mission_on_the_next_tenth_of_february_weeks_ahead():
    load_demo()

    mission = Mission.objects.get(slug=DIGITAL_MISSION)
    assert (mission.start_date.month, mission.start_date.day) == (2, 10)
    assert timezone.localdate() + dt.timedelta(days=21) <= mission.start_date
    assert mission.start_date - timezone.localdate() < dt.timedelta(days=366 + 21)
    assert mission.end_date - mission.start_date == dt.timedelta(days=11)


def test_load_demo_with_a_missing_sector_writes_nothing():
    Sector.objects.filter(slug="handicrafts").delete()

    with pytest.raises(LookupError, match="handicrafts"):
        load_demo(today=TODAY)

    assert (Organization.objects.count(), Mission.objects.count(), User.objects.count()) == (0, 0, 0)


def test_load_demo_command_belongs_to_the_demo_app():
    app = get_commands()["load_demo"]

    assert app == "events.demo"


@pytest.mark.django_db(transaction=True)  # the demo's mail is sent as its transactions commit, as in `make demo`
def test_a_demo_served_elsewhere_mails_links_to_where_it_is_served(seeded_sectors, mailoutbox):
    output = io.StringIO()

    call_command("load_demo", "--today", TODAY.isoformat(), "--base-url", "http://127.0.0.1:8077/", stdout=output)

    links = {link for message in mailoutbox for link in re.findall(r"https?://[^\s\"'<>]+", _text_of(message))}
    assert links, "the demo sends mail with links"
    assert {urlsplit(link).netloc for link in links} == {"127.0.0.1:8077"}
    assert "SITE_URL=http://127.0.0.1:8077" in output.getvalue()  # how to start the server so its mail agrees


def _text_of(message):
    parts = [message.body, *(str(content) for content, _type in message.alternatives)]
    return re.sub(r"\r?\n[ \t]", "", "\n".join(parts))  # a calendar part folds long lines (RFC 5545)
