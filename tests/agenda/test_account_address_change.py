"""A person's account address is where a delegate's calendar goes (Delegate.calendar_address). Changed on the
account (allauth's email page makes another address primary; the admin edits it), the calendar follows it as it
follows an attendee's corrected address: the new address is invited and reminded, the old one hears nothing
more but its cancellations; and the new address must still be one the person may hold in the mission."""

import pytest
from allauth.account.models import EmailAddress

from events.accounts.models import User
from events.agenda.selectors import agenda_for
from events.missions.models import Delegate
from events.missions.services import add_delegate, create_delegation, update_delegate
from events.notifications.models import OutboundEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OLD, NEW = "omar@dakhla.example", "omar.tazi@peche.example"


def reminders_to(address):
    return OutboundEmail.objects.filter(kind="reminder", to=address, status=OutboundEmail.Status.PENDING).count()


def admin_post(client, user, email):
    page = client.get(f"/admin/accounts/user/{user.pk}/change/")
    form = page.context["adminform"].form
    posted = {name: value for name, value in form.initial.items() if value is not None and name != "password"}
    posted.update(email=email, groups=[], user_permissions=[], date_joined_0="2026-01-01", date_joined_1="00:00:00")
    posted.pop("date_joined", None)
    posted.pop("last_login", None)
    return client.post(f"/admin/accounts/user/{user.pk}/change/", posted)


@pytest.fixture
def omar(briefing, organiser):
    """A delegate who signs in with his account; the briefing is in his mission's programme."""
    user = UserFactory(email=OLD)
    delegation = create_delegation(briefing.stop.mission, acting_user=organiser, name="Dakhla", country="MA")
    add_delegate(delegation, acting_user=organiser, full_name="Omar Tazi", email=OLD)
    user.refresh_from_db()
    return user


def test_a_new_primary_address_takes_the_delegates_reminders(omar, briefing, django_capture_on_commit_callbacks):
    assert (reminders_to(OLD), reminders_to(NEW)) == (2, 0)
    address = EmailAddress.objects.create(user=omar, email=NEW, verified=True, primary=False)

    with django_capture_on_commit_callbacks(execute=True):
        address.set_as_primary()

    omar.refresh_from_db()
    assert omar.email == NEW
    assert (reminders_to(OLD), reminders_to(NEW)) == (0, 2)
    assert [item.title for item in agenda_for(omar) if item.kind == "session"] == [briefing.title]


def test_an_address_changed_in_the_admin_is_the_accounts_verified_primary_one(client, omar, admin_user):
    """A tester changed a delegate's address on the admin's user page: mail went to the new address, while
    the account's email page still named the old one primary, and signing in with the new one asked for a code."""
    client.force_login(admin_user)

    response = admin_post(client, omar, NEW)

    assert response.status_code == 302, response.context["adminform"].form.errors
    addresses = {a.email: (a.primary, a.verified) for a in EmailAddress.objects.filter(user=omar)}
    assert addresses[NEW] == (True, True)
    assert addresses.get(OLD, (False, True))[0] is False
    assert (reminders_to(OLD), reminders_to(NEW)) == (0, 2)


def test_the_replaced_address_no_longer_signs_in_and_is_free_for_another_account(client, omar, admin_user):
    """A second helper changed an address in the admin: the old one still signed in, and giving it to another
    account then crashed (allauth holds each address once)."""
    client.force_login(admin_user)
    assert admin_post(client, omar, NEW).status_code == 302
    other = UserFactory(email="rosa@walk.example")

    response = admin_post(client, other, OLD)

    assert response.status_code == 302
    assert not EmailAddress.objects.filter(user=omar, email__iexact=OLD).exists()
    assert EmailAddress.objects.get(email__iexact=OLD).user == other


def test_an_address_another_account_holds_is_refused_on_its_field(client, omar, admin_user):
    EmailAddress.objects.create(user=omar, email="second@dakhla.example", verified=True, primary=False)
    other = UserFactory(email="rosa@walk.example")
    client.force_login(admin_user)

    response = admin_post(client, other, "Second@Dakhla.example")

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == [
        "Another account uses this address already (as a second address)."
    ]
    other.refresh_from_db()
    assert other.email == "rosa@walk.example"


def test_the_roster_follows_the_accounts_new_address_and_an_organisers_edit_keeps_it(
    omar, briefing, organiser, django_capture_on_commit_callbacks
):
    """A helper: a delegate moved to a new address on their account; the organiser then changed only their job
    title in the admin, and the delegate was moved to a new password-less account on the address they had
    removed, with every invitation and reminder, while their own agenda went empty."""
    address = EmailAddress.objects.create(user=omar, email=NEW, verified=True, primary=False)
    with django_capture_on_commit_callbacks(execute=True):
        address.set_as_primary()
    EmailAddress.objects.filter(user=omar, email=OLD).delete()
    delegate = Delegate.objects.get(user=omar)
    assert delegate.email == NEW  # the organiser's roster shows where the delegate's mail goes

    with django_capture_on_commit_callbacks(execute=True):
        update_delegate(delegate, acting_user=organiser, job_title="Director of fisheries", email=delegate.email)

    delegate.refresh_from_db()
    assert delegate.user == omar
    assert (reminders_to(OLD), reminders_to(NEW)) == (0, 2)
    assert not User.objects.filter(email__iexact=OLD).exists()


def test_a_roster_address_left_behind_by_an_account_change_does_not_move_the_delegate(
    omar, organiser, django_capture_on_commit_callbacks
):
    """Rows written before the roster followed the account: the roster still names the old address. An edit
    that does not change it changes nobody's address."""
    address = EmailAddress.objects.create(user=omar, email=NEW, verified=True, primary=False)
    with django_capture_on_commit_callbacks(execute=True):
        address.set_as_primary()
    Delegate.objects.filter(user=omar).update(email=OLD)
    delegate = Delegate.objects.get(user=omar)

    with django_capture_on_commit_callbacks(execute=True):
        update_delegate(delegate, acting_user=organiser, job_title="Director", email=OLD)

    delegate.refresh_from_db()
    assert delegate.user == omar
    assert (reminders_to(OLD), reminders_to(NEW)) == (0, 2)


def test_the_migration_brings_rosters_left_behind_up_to_date(omar):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("events.missions.migrations.0015_roster_follows_the_account")
    User.objects.filter(pk=omar.pk).update(email=NEW)  # as before the roster followed the account
    assert Delegate.objects.get(user=omar).email == OLD

    migration.follow_the_accounts(apps, None)

    assert Delegate.objects.get(user=omar).email == NEW
