"""Inviting companies on PostgreSQL: an organiser's double click, or two organisers at once, invite each
company once, mail each of its representatives once, and the counts they are told add up to the companies.
The negative control takes the priority's row lock away: the racing runs then collide on the unique rule
(a crash a person would see), which the lock is there to prevent."""

import threading

import pytest
from django.db import IntegrityError, connection

from events.matching import services
from events.matching.models import PriorityInvitation
from events.missions.models import ProcurementPriority
from events.notifications.models import OutboundEmail
from tests.factories import RepresentativeFactory
from tests.support.concurrency import run_in_parallel, without_row_lock

pytestmark = pytest.mark.django_db(transaction=True)

RUNS = 10


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency guarantees are proven on PostgreSQL (set DATABASE_URL)")


@pytest.fixture(autouse=True)
def sectors(seeded_sectors):
    """The directory's sectors, though an earlier transactional test flushed them (conftest.seeded_sectors)."""


def invite_at_once(directory):
    briefing, organiser, portals = directory
    companies = [(company, 50) for company in portals]
    counts = []
    jobs = [
        lambda: counts.append(services.invite_companies(briefing.portal, acting_user=organiser, companies=companies))
    ] * RUNS
    refused, crashed = run_in_parallel(jobs, RUNS)
    return refused, crashed, counts


def test_ten_invitations_at_once_invite_each_company_once_and_mail_each_representative_once(directory):
    _briefing, _organiser, portals = directory
    RepresentativeFactory(organization=portals[0])  # every representative is mailed, once
    representatives = sorted(person.user.email for company in portals for person in company.representatives.all())
    assert len(representatives) == len(portals) + 1

    refused, crashed, counts = invite_at_once(directory)

    assert (refused, crashed) == ([], [])
    with connection.cursor() as cursor:
        cursor.execute("SELECT organization_id, count(*) FROM matching_priorityinvitation GROUP BY organization_id")
        invitations = dict(cursor.fetchall())
    assert invitations == {company.pk: 1 for company in portals}
    assert sorted(OutboundEmail.objects.filter(kind="matching.invitation").values_list("to", flat=True)) == (
        representatives
    )
    assert sorted(counts) == [0] * (RUNS - 1) + [len(portals)]


class ReadTogether:
    """PriorityInvitation as the service sees it, for the negative control: each run reads who was invited, then
    waits until every run has read, so that without the lock they all read none and all insert. A pause alone
    left the race to the scheduler: on a loaded machine, one CI run saw every run read the others' commits."""

    def __init__(self, runs):
        self.barrier = threading.Barrier(runs, timeout=10)
        self.objects = self

    def filter(self, **lookup):
        barrier = self.barrier

        class Read:
            def values_list(self, *fields, flat=False):
                rows = list(PriorityInvitation.objects.filter(**lookup).values_list(*fields, flat=flat))
                barrier.wait()
                return rows

        return Read()

    def bulk_create(self, rows):
        return PriorityInvitation.objects.bulk_create(rows)

    def __call__(self, **fields):
        return PriorityInvitation(**fields)


def test_negative_control_without_the_row_lock_the_runs_collide(directory, monkeypatch):
    monkeypatch.setattr(services, "ProcurementPriority", without_row_lock(ProcurementPriority, pause=0))
    monkeypatch.setattr(services, "PriorityInvitation", ReadTogether(RUNS))
    _briefing, _organiser, portals = directory

    _refused, crashed, _counts = invite_at_once(directory)

    assert crashed, "without the lock, some runs should collide on the unique rule"
    assert all(isinstance(error, IntegrityError) for error in crashed)
    assert PriorityInvitation.objects.count() == len(portals)  # the database's rule still holds the line
