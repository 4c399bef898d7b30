"""Issue 12: the header shows each role only its own links (a delegate has no company to show)."""

import re

import pytest
from django.contrib.auth.models import Group, Permission

from events.registrations.services import register_company
from tests.factories import DelegateFactory, MissionFactory, RepresentativeFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def header_links(client, path="/"):
    page = client.get(path).content.decode()
    nav = re.search(r'<nav aria-label="Account" class="account-nav">(.*?)</nav>', page, re.DOTALL).group(1)
    return [
        " ".join(re.sub(r"<[^>]+>", " ", text).split())
        for text in re.findall(r"<(?:a|button)\b[^>]*>(.*?)</(?:a|button)>", nav, re.DOTALL)
    ]


def test_a_representative_sees_their_company_registrations_meetings_and_agenda(client):
    representative = RepresentativeFactory(user__full_name="Ana Ruiz")
    client.force_login(representative.user)

    assert header_links(client) == [
        "Your details: Ana Ruiz",
        "Your company",
        "Your registrations",
        "Your meetings",
        "Your agenda",
        "Sign out",
        "Change",
    ]


def test_a_delegate_sees_their_meetings_and_agenda_and_no_company(client):
    delegate = DelegateFactory(user=UserFactory(full_name="Driss Alaoui"))
    client.force_login(delegate.user)

    assert header_links(client) == ["Your meetings", "Your agenda", "Sign out", "Change"]


@pytest.mark.parametrize("how", ["organises a mission", "may create missions", "in a group that may"])
def test_an_organiser_sees_their_agenda_only(client, how):
    user = UserFactory(full_name="Olivia Organiser")
    add_mission = Permission.objects.get(codename="add_mission")
    if how == "organises a mission":
        MissionFactory().organisers.add(user)
    elif how == "may create missions":
        user.user_permissions.add(add_mission)
    else:
        group = Group.objects.create(name="Agency staff")
        group.permissions.add(add_mission)
        user.groups.add(group)
    client.force_login(user)

    assert header_links(client) == ["Your agenda", "Sign out", "Change"]


def test_a_staff_organiser_also_sees_the_administration(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    assert header_links(client) == ["Your agenda", "Administration", "Sign out", "Change"]


def test_a_user_with_no_role_yet_is_offered_to_register_a_company(client):
    client.force_login(UserFactory())

    assert header_links(client) == ["Register your company", "Your agenda", "Sign out", "Change"]


def test_someone_a_company_named_as_its_attendee_finds_their_agenda(client):
    representative = RepresentativeFactory()
    attendee = UserFactory(email="marie@example.com")
    register_company(
        SessionFactory(registration_mode="open"),
        acting_user=representative.user,
        organization=representative.organization,
        attendees=[{"full_name": "Marie Curie", "email": "Marie@Example.com"}],
    )
    client.force_login(attendee)

    assert "Your agenda" in header_links(client)


def test_a_visitor_is_offered_to_sign_in_or_up(client):
    assert header_links(client) == ["Sign in", "Sign up", "Change"]


def test_a_representative_who_is_also_a_delegate_sees_both(client):
    representative = RepresentativeFactory(user__full_name="Ana Ruiz")
    DelegateFactory(user=representative.user)
    client.force_login(representative.user)

    assert "Your company" in header_links(client)
    assert "Your meetings" in header_links(client)


def test_the_roles_cost_one_query_per_page(client, django_assert_num_queries):
    from events.missions.selectors import roles_of

    user = DelegateFactory(user=UserFactory()).user

    with django_assert_num_queries(1):
        roles = roles_of(user)

    assert (roles.representative, roles.delegate, roles.organiser) == (False, True, False)
