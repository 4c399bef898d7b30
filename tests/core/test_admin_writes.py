"""Every admin page writes through its app's services, shows only, or edits a plain record that no rule guards.

An admin form that saves a row directly skips what the services do: seats and the waitlist, the
calendars and the mail, who may act, the refusals the API and the pages give. So a model registered in
the admin must say which of the three it is; a new one cannot forget.
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import RequestFactory

from events.core.admin import ThroughServices
from tests.factories import MissionFactory, UserFactory

pytestmark = pytest.mark.django_db

# Plain records: what the admin writes is all there is to them (no seat, calendar, mail or audit behind).
PLAIN = {
    "account.EmailAddress": "allauth's addresses of an account",
    "accounts.User": "accounts",
    "auth.Group": "permission groups",
    "authtoken.TokenProxy": "API tokens",
    "missions.Sector": "the sector taxonomy",
    "missions.Organization": "the company directory",
    "missions.Representative": "who speaks for a company",
    "missions.ProcurementPriority": "what a delegation wants to buy; edited with its delegation",
    "matching.PriorityAnswer": "a company's answer to a priority, shown to the matcher",
    "certificates.CertificateDefinition": "a certificate's wording, before any is issued",
    # Revoking is the one change, and what the certificate's own page does (certificates.admin).
    "certificates.Certificate": "read-only but for revoking",
    # Withdrawing is setting revoked_at, which the link's page and the feed check; nothing else follows.
    "companies.Invitation": "read-only but for withdrawing",
    "agenda.FeedToken": "read-only but for revoking",
}


def superuser_request():
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    return request


def writable_fields(model_admin, request):
    form = model_admin.get_form(request)
    return set(form.base_fields) - set(model_admin.get_readonly_fields(request))


def test_every_admin_writes_through_services_or_only_shows():
    request = superuser_request()
    unguarded = {}
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label
        if label in PLAIN or isinstance(model_admin, ThroughServices):
            continue
        writes = []
        if model_admin.has_add_permission(request):
            writes.append("adds")
        if model_admin.has_change_permission(request) and writable_fields(model_admin, request):
            writes.append(f"changes {sorted(writable_fields(model_admin, request))}")
        if writes:
            unguarded[label] = writes
    assert unguarded == {}


@pytest.mark.parametrize(
    ("url", "codenames"),
    [
        ("/admin/checkin/checkin/add/", ["add_checkin"]),
        ("/admin/checkin/scan/add/", ["add_scan"]),
        ("/admin/checkin/badge/add/", ["add_badge"]),
        ("/admin/outcomes/lead/add/", ["add_lead"]),
        ("/admin/outcomes/feedbackanswer/add/", ["add_feedbackanswer"]),
        ("/admin/outcomes/feedbackrequest/add/", ["add_feedbackrequest"]),
        ("/admin/outcomes/followupwave/add/", ["add_followupwave"]),
    ],
)
def test_what_happened_at_the_door_and_after_is_not_written_in_the_admin(client, url, codenames):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client.force_login(staff)

    assert client.get(url).status_code == 403


def staff_with(*codenames):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return staff


@pytest.mark.parametrize("organises", [True, False])
def test_check_in_staff_are_named_in_the_admin_by_the_missions_organisers_only(client, organises):
    from events.checkin.models import CheckInStaff

    mission = MissionFactory()
    staff = staff_with("add_checkinstaff", "view_checkinstaff")
    if organises:
        mission.organisers.add(staff)
    door = UserFactory(email="door@agency.example")
    client.force_login(staff)

    response = client.post("/admin/checkin/checkinstaff/add/", {"user": door.pk, "mission": mission.pk})

    assert response.status_code == (302 if organises else 200)  # not offered: refused on the mission field
    if not organises:
        assert response.context["adminform"].form.errors["mission"]
    assert CheckInStaff.objects.filter(user=door, mission=mission).exists() == organises


@pytest.mark.parametrize("organises", [True, False])
def test_a_missions_funding_is_set_in_the_admin_by_its_organisers_only(client, organises):
    from events.outcomes.models import MissionFunding

    mission = MissionFactory()
    staff = staff_with("add_missionfunding", "view_missionfunding")
    if organises:
        mission.organisers.add(staff)
    client.force_login(staff)
    posted = {
        "mission": mission.pk,
        "funder": "USTDA",
        "programme_cost": "250000",
        "currency": "USD",
        "exchange_rates": "{}",
        "home_country": "US",
    }

    response = client.post("/admin/outcomes/missionfunding/add/", posted)

    assert response.status_code == (302 if organises else 200)  # not offered: refused on the mission field
    if not organises:
        assert response.context["adminform"].form.errors["mission"]
    funding = MissionFunding.objects.filter(mission=mission).first()
    assert (funding is not None) == organises
    if organises:
        assert (funding.funder, funding.updated_by) == ("USTDA", staff)
