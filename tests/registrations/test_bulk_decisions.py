"""A bulk decision on the organisers' registrations page that is refused, in whole or in part, comes back on
the page with the organiser's work kept (ticks, action, reason) and each error next to what it is about."""

from html.parser import HTMLParser

import pytest

from events.registrations import services
from events.registrations.models import REASON_MAX_LENGTH, Registration
from tests.registrations.conftest import attendees

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class BulkForm(HTMLParser):
    """What the bulk form shows: ticked ids, the chosen action, the reason, each element's text by id."""

    def __init__(self, page):
        super().__init__()
        self.ticked, self.action, self.actions, self.reason = [], None, [], None
        self.texts, self.described_by = {}, {}
        self.open_ids, self.in_action = [], False
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if name:
            self.described_by[name if name != "ids" else f"ids:{attrs['value']}"] = attrs.get("aria-describedby", "")
        if tag == "input" and name == "ids" and "checked" in attrs:
            self.ticked.append(int(attrs["value"]))
        if tag == "input" and name == "reason":
            self.reason = attrs.get("value", "")
        if tag == "select":
            self.in_action = name == "action"
        if tag == "option" and self.in_action:
            self.actions.append(attrs["value"])
            if "selected" in attrs:
                self.action = attrs["value"]
        if tag not in VOID:
            self.open_ids.append(attrs.get("id"))
            if attrs.get("id"):
                self.texts[attrs["id"]] = ""

    def handle_endtag(self, tag):
        if tag not in VOID and self.open_ids:
            self.open_ids.pop()

    def handle_data(self, data):
        for element_id in filter(None, self.open_ids):
            self.texts[element_id] += data

    def errors_on(self, name):
        """The text of what the field `name` points to with aria-describedby, spaces folded."""
        return [" ".join(self.texts[i].split()) for i in self.described_by[name].split() if i in self.texts]


def register(session, representative):
    return services.register_company(
        session,
        acting_user=representative.user,
        organization=representative.organization,
        attendees=attendees(1, representative.organization.slug),
    )


@pytest.fixture
def bulk_url(briefing):
    return f"/manage/sessions/{briefing.pk}/registrations/bulk/"


@pytest.fixture
def confirmed(briefing, representative_of):
    return register(briefing, representative_of("Austin Cloud"))


@pytest.fixture
def pending(briefing, representative_of, confirmed):
    briefing.registration_mode = "approval"
    briefing.save()
    return register(briefing, representative_of("Texas Cyber"))


def statuses():
    return dict(Registration.objects.values_list("pk", "status"))


@pytest.fixture
def signed_in(client, session_organiser):
    client.force_login(session_organiser)
    return client


@pytest.mark.parametrize(
    ("fields", "field", "error"),
    [
        ({"action": "decline", "reason": "Full"}, "ids", "Tick the registrations to decide on."),
        ({"action": "", "reason": "Full"}, "action", "Choose what to do with the ticked registrations."),
        ({"action": "confirm", "reason": "Full"}, "action", "Choose what to do with the ticked registrations."),
        (
            {"action": "decline", "reason": "R" * (REASON_MAX_LENGTH + 1)},
            "reason",
            f"Ensure this value has at most {REASON_MAX_LENGTH} characters (it has {REASON_MAX_LENGTH + 1}).",
        ),
        (
            {"action": "decline", "reason": "Duplicate\x1b"},
            "reason",
            "Remove the invisible control character U+001B at position 10.",
        ),
    ],
    ids=["nothing-ticked", "no-action", "unknown-action", "reason-too-long", "control-character"],
)
def test_a_refused_request_comes_back_with_the_work_kept_and_the_error_on_its_field(
    signed_in, bulk_url, confirmed, pending, fields, field, error
):
    ticked = [] if field == "ids" else [pending.pk, confirmed.pk]
    before = statuses()

    response = signed_in.post(bulk_url, {**fields, "ids": ticked})

    form = BulkForm(response.content.decode())
    assert response.status_code == 400
    assert sorted(form.ticked) == sorted(ticked)
    assert form.action == (fields["action"] if field != "action" else None)
    assert form.reason == fields["reason"]
    described = form.errors_on(field if field != "ids" else f"ids:{pending.pk}")
    assert error in described
    assert error in " ".join(form.texts["error-summary"].split())
    assert statuses() == before


def test_a_registration_from_another_session_is_refused_on_the_selection(
    signed_in, bulk_url, briefing, confirmed, session_organiser, representative_of
):
    from tests.factories import briefing_factory

    other = briefing_factory()
    other.stop.mission.organisers.add(session_organiser)
    elsewhere = register(other, representative_of("Atlas Data"))
    before = statuses()

    response = signed_in.post(bulk_url, {"action": "cancel", "ids": [confirmed.pk, elsewhere.pk], "reason": ""})

    form = BulkForm(response.content.decode())
    assert response.status_code == 400
    assert form.ticked == [confirmed.pk]
    assert "One of the ticked registrations is not in this session: reload the page and tick again." in (
        form.errors_on(f"ids:{confirmed.pk}")
    )
    assert statuses() == before


@pytest.mark.parametrize("unreadable", ["³", str(2**70)])
def test_an_id_the_database_cannot_hold_is_refused_on_the_selection(signed_in, bulk_url, confirmed, unreadable):
    response = signed_in.post(bulk_url, {"action": "cancel", "ids": [confirmed.pk, unreadable], "reason": "Full"})

    form = BulkForm(response.content.decode())
    assert response.status_code == 400
    assert (form.ticked, form.action, form.reason) == ([confirmed.pk], "cancel", "Full")
    assert "One of the ticked registrations is not in this session: reload the page and tick again." in (
        form.errors_on(f"ids:{confirmed.pk}")
    )
    assert Registration.objects.get(pk=confirmed.pk).status == "confirmed"


def test_a_decision_refused_for_every_ticked_registration_changes_nothing_and_says_what_to_do(
    signed_in, bulk_url, confirmed
):
    response = signed_in.post(bulk_url, {"action": "decline", "ids": [confirmed.pk], "reason": "Out of scope"})

    form = BulkForm(response.content.decode())
    assert response.status_code == 400
    assert (form.ticked, form.action, form.reason) == ([confirmed.pk], "decline", "Out of scope")
    assert form.errors_on(f"ids:{confirmed.pk}") == [
        "Austin Cloud is confirmed: it cannot be declined. Cancel it instead."
    ]
    assert "1 ticked registration was not changed: see why in its row." in form.texts["error-summary"]
    assert Registration.objects.get(pk=confirmed.pk).status == "confirmed"


def test_a_partly_refused_decision_keeps_the_refused_ones_ticked_with_the_reason_why(
    signed_in, bulk_url, briefing, confirmed, pending
):
    manage_url = f"/manage/sessions/{briefing.pk}/registrations/"
    response = signed_in.post(
        bulk_url, {"action": "decline", "ids": [confirmed.pk, pending.pk], "reason": "Out of scope"}
    )

    # Some were decided: the page comes back by a redirect, so that a reload does not post the decision again.
    assert (response.status_code, response["Location"]) == (302, manage_url)
    response = signed_in.get(manage_url)
    page = response.content.decode()
    form = BulkForm(page)
    assert response.status_code == 200
    assert (form.ticked, form.action, form.reason) == ([confirmed.pk], "decline", "Out of scope")
    assert form.errors_on(f"ids:{confirmed.pk}") == [
        "Austin Cloud is confirmed: it cannot be declined. Cancel it instead."
    ]
    assert form.errors_on(f"ids:{pending.pk}") == []
    assert "Declined: <bdi>Texas Cyber</bdi>." in page  # which one changed, not only how many
    assert statuses() == {confirmed.pk: "confirmed", pending.pk: "declined"}
    assert Registration.objects.get(pk=pending.pk).decision_reason == "Out of scope"
    reloaded = BulkForm(signed_in.get(manage_url).content.decode())  # said once; the page is itself again
    assert (reloaded.ticked, reloaded.errors_on(f"ids:{confirmed.pk}")) == ([], [])


def test_a_refused_registration_stays_shown_when_it_no_longer_matches_the_filters(
    signed_in, briefing, confirmed, pending, session_organiser
):
    """Ticked while awaiting approval on the page filtered so, approved by someone else before the decline."""
    services.approve_registration(pending, acting_user=session_organiser)
    filtered = f"/manage/sessions/{briefing.pk}/registrations/bulk/?status=pending"

    response = signed_in.post(filtered, {"action": "decline", "ids": [pending.pk], "reason": "Out of scope"})

    form = BulkForm(response.content.decode())
    assert response.status_code == 400
    assert form.ticked == [pending.pk]
    assert form.errors_on(f"ids:{pending.pk}") == [
        "Texas Cyber is confirmed: it cannot be declined. Cancel it instead."
    ]
    assert f"ids:{confirmed.pk}" not in form.described_by


def test_a_decision_taken_on_every_ticked_registration_goes_back_to_the_page(
    signed_in, bulk_url, briefing, confirmed, pending
):
    response = signed_in.post(bulk_url, {"action": "cancel", "ids": [confirmed.pk, pending.pk], "reason": ""})

    assert (response.status_code, response["Location"]) == (302, f"/manage/sessions/{briefing.pk}/registrations/")
    assert statuses() == {confirmed.pk: "cancelled", pending.pk: "cancelled"}


def test_the_page_names_the_registrations_decided_by_the_status_each_was_left_in(
    signed_in, bulk_url, briefing, confirmed, representative_of
):
    """Approving two on one seat left: one confirmed, one waitlisted; the banner names each, isolated."""
    briefing.registration_mode, briefing.capacity = "approval", 2
    briefing.save()
    first, second = (register(briefing, representative_of(name)) for name in ("Texas Cyber", "شركة الداخلة"))

    response = signed_in.post(bulk_url, {"action": "approve", "ids": [first.pk, second.pk], "reason": ""}, follow=True)

    page = response.content.decode()
    assert statuses() == {confirmed.pk: "confirmed", first.pk: "confirmed", second.pk: "waitlisted"}
    assert "Confirmed: <bdi>Texas Cyber</bdi>." in page
    assert "On the waitlist: <bdi>شركة الداخلة</bdi>." in page
    assert "registrations updated" not in page


def test_the_page_offers_no_action_until_one_is_chosen(signed_in, briefing, confirmed):
    form = BulkForm(signed_in.get(f"/manage/sessions/{briefing.pk}/registrations/").content.decode())

    assert (form.ticked, form.action, form.reason) == ([], None, "")
    assert form.actions == ["", "approve", "decline", "cancel"]


def test_a_refused_page_survives_a_reload(signed_in, bulk_url, briefing, confirmed):
    signed_in.post(bulk_url, {"action": "decline", "ids": [confirmed.pk]})

    reloaded = signed_in.get(bulk_url)

    assert (reloaded.status_code, reloaded["Location"]) == (302, f"/manage/sessions/{briefing.pk}/registrations/")


def test_errors_are_announced_as_alerts_and_successes_as_statuses(signed_in, briefing, confirmed):
    capacity_url = f"/manage/sessions/{briefing.pk}/capacity/"
    attendee = confirmed.attendees.get()

    refused = signed_in.post(f"/manage/attendees/{attendee.pk}/email/", {"email": "not an address"}, follow=True)
    saved = signed_in.post(capacity_url, {"capacity": "5"}, follow=True)

    refused_page, saved_page = refused.content.decode(), saved.content.decode()
    assert 'role="alert"' in refused_page
    assert 'role="status"' not in refused_page
    assert 'role="status"' in saved_page
    assert 'role="alert"' not in saved_page


def test_the_banner_agrees_with_how_many_were_decided_in_french(
    signed_in, bulk_url, briefing, session_organiser, representative_of
):
    """A tester read "Refusée : A, B, C." for three companies: the sentence is now one per status and number."""
    session_organiser.language = "fr"
    session_organiser.save()
    briefing.registration_mode = "approval"
    briefing.save()
    pending = [register(briefing, representative_of(name)) for name in ("Texas Cyber", "Atlas Data")]

    response = signed_in.post(
        bulk_url,
        {"action": "decline", "ids": [registration.pk for registration in pending], "reason": ""},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    page = response.content.decode()
    assert "Inscriptions refusées\u00a0: <bdi>Texas Cyber</bdi>, <bdi>Atlas Data</bdi>." in page
