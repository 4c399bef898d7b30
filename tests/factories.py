import datetime as dt
from zoneinfo import ZoneInfo

import factory
from allauth.account.models import EmailAddress

from events.accounts.models import User
from events.missions.models import (
    Delegate,
    Delegation,
    Mission,
    Organization,
    ProcurementPriority,
    Representative,
    Sector,
    Session,
    Stop,
)

AUSTIN = ZoneInfo("America/Chicago")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", "a-long-demo-password")

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        if create and extracted is not False:
            user.save()
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"sector-{n}")
    name = factory.Sequence(lambda n: f"Sector {n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Company {n}")
    slug = factory.Sequence(lambda n: f"company-{n}")
    kind = Organization.Kind.COMPANY
    country = "US"
    city = "Austin"


class RepresentativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representative

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)


class MissionFactory(factory.django.DjangoModelFactory):
    """A published reverse trade mission over twelve days, as the USTDA one."""

    class Meta:
        model = Mission

    title = factory.Sequence(lambda n: f"Mission {n}")
    slug = factory.Sequence(lambda n: f"mission-{n}")
    kind = Mission.Kind.REVERSE_TRADE_MISSION
    status = Mission.Status.PUBLISHED
    start_date = dt.date(2027, 2, 10)
    end_date = dt.date(2027, 2, 21)
    time_zone = "Africa/Casablanca"


class StopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stop

    mission = factory.SubFactory(MissionFactory)
    order = factory.Sequence(lambda n: n + 1)
    city = "Austin"
    region = "Texas"
    country = "US"
    time_zone = "America/Chicago"
    start_date = factory.LazyAttribute(lambda stop: stop.mission.start_date)
    end_date = factory.LazyAttribute(lambda stop: stop.mission.end_date)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    stop = factory.SubFactory(StopFactory)
    kind = Session.Kind.BUSINESS_BRIEFING
    title = factory.Sequence(lambda n: f"Session {n}")
    starts_at = factory.LazyAttribute(
        lambda session: dt.datetime.combine(session.stop.start_date, dt.time(9, 0), tzinfo=session.stop.zone)
    )
    ends_at = factory.LazyAttribute(lambda session: session.starts_at + dt.timedelta(hours=2))


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    mission = factory.SubFactory(MissionFactory)
    name = factory.Sequence(lambda n: f"Delegation {n}")
    country = "MA"


class DelegateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegate

    delegation = factory.SubFactory(DelegationFactory)
    full_name = factory.Faker("name")
    role = Delegate.Role.MEMBER
    job_title = "Director"
    email = factory.Sequence(lambda n: f"delegate{n}@example.ma")


class ProcurementPriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcurementPriority

    delegation = factory.SubFactory(DelegationFactory)
    sector = factory.SubFactory(SectorFactory)
    seeking = "Sovereign cloud hosting for government services"


def briefing_factory(capacity=20, mode="open", **fields):
    """A business briefing open for registration now, well before it starts."""
    return SessionFactory(
        stop=StopFactory(mission=MissionFactory(start_date=dt.date(2099, 2, 10), end_date=dt.date(2099, 2, 21))),
        capacity=capacity,
        registration_mode=mode,
        **fields,
    )
