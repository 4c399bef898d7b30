"""Figures, not assertions on time: a mission's outcomes at scale (issue 14, "Measured").

A mission with 3,000 participants (2,000 companies, 1,000 delegates) in one B2B grid of 15 slots, 15,000 held
meetings (every delegate meets 15 companies), 15,000 leads and 30,000 feedback answers (both sides of every
meeting, spread over six months; one company answer in ten reports a deal, one in twenty may be cited), all
written with bulk_create. Printed: the time of `mission_figures` (the median of three, warm) and its query
count, against the three-lead fixture's (flat: the same), then the funder's PDF (charts drawn cold, then
warm) and the XLSX, with their sizes. The goals are 300 ms for the figures on PostgreSQL and 10 s for the PDF.
"""

import datetime as dt
import statistics
import time
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.meetings import services as meeting_services
from events.meetings.models import Meeting, MeetingOutcome, MeetingRequest, Participant, ScheduleVersion
from events.missions.models import Delegate, Delegation, Organization, Sector
from events.outcomes import report, services
from events.outcomes.figures import mission_figures
from events.outcomes.models import FeedbackAnswer, FeedbackRequest, Lead, Stage
from events.registrations.models import Attendee, Registration
from tests.factories import MissionFactory, OrganizationFactory, SessionFactory, StopFactory, UserFactory

pytestmark = pytest.mark.django_db

COMPANIES, DELEGATES, SLOTS = 2000, 1000, 15
STAGES = [Stage.INFORMATION, Stage.FOLLOW_UP_MEETING, Stage.PROPOSAL, Stage.NEGOTIATION, Stage.NONE]
TODAY = dt.date(2099, 8, 31)
BATCH = 2000


def large_mission(organiser):
    mission = MissionFactory(start_date=dt.date(2099, 2, 10), end_date=dt.date(2099, 2, 21))
    mission.organisers.add(organiser)
    stop = StopFactory(mission=mission, time_zone="America/Chicago", city="Austin")
    zone = stop.zone
    session = SessionFactory(
        stop=stop,
        kind="b2b_meetings",
        starts_at=dt.datetime(2099, 2, 13, 9, 0, tzinfo=zone),
        ends_at=dt.datetime(2099, 2, 13, 9, 0, tzinfo=zone) + dt.timedelta(minutes=20 * SLOTS),
        registration_mode="open",
        capacity=COMPANIES,
    )
    grid = meeting_services.set_up_grid(
        session, acting_user=organiser, tables=[f"Table {n + 1}" for n in range(DELEGATES)]
    )
    slots, tables = list(grid.slots.order_by("index")), list(grid.tables.order_by("position", "pk"))
    sectors = Sector.objects.bulk_create(Sector(slug=f"bench-{n}", name=f"Sector {n}") for n in range(5))
    organizations = Organization.objects.bulk_create(
        OrganizationFactory.build(name=f"Bench company {n}", slug=f"bench-company-{n}") for n in range(COMPANIES)
    )
    Organization.sectors.through.objects.bulk_create(
        Organization.sectors.through(organization=organization, sector=sectors[n % 5])
        for n, organization in enumerate(organizations)
    )
    user = UserFactory()
    registrations = Registration.objects.bulk_create(
        Registration(session=session, organization=organization, registered_by=user, status="confirmed", seats=1)
        for organization in organizations
    )
    Attendee.objects.bulk_create(
        (
            Attendee(registration=r, full_name=f"Guest {n}", email=f"guest{n}@bench.example")
            for n, r in enumerate(registrations)
        ),
        batch_size=BATCH,
    )
    delegation = Delegation.objects.create(mission=mission, name="Delegation")
    delegates = Delegate.objects.bulk_create(
        Delegate(delegation=delegation, full_name=f"Bench delegate {n}") for n in range(DELEGATES)
    )
    companies = Participant.objects.bulk_create(Participant(grid=grid, organization=o) for o in organizations)
    people = Participant.objects.bulk_create(Participant(grid=grid, delegate=d) for d in delegates)
    return mission, stop, grid, slots, tables, organizations, delegates, companies, people


def meet_everyone(organiser, mission, stop, grid, slots, tables, organizations, delegates, companies, people):
    """In slot s, delegate d meets company (d + 137 s) mod 2,000: nobody twice in a slot, no pair twice."""
    plan = [(s, d, (d + 137 * s) % COMPANIES) for s in range(SLOTS) for d in range(DELEGATES)]
    requests = MeetingRequest.objects.bulk_create(
        (MeetingRequest(grid=grid, requester=companies[c], receiver=people[d], status="accepted") for _s, d, c in plan),
        batch_size=BATCH,
    )
    version = ScheduleVersion.objects.create(grid=grid, number=1, published_by=organiser)
    Meeting.objects.bulk_create(
        (
            Meeting(grid=grid, version=version, request=r, uid=r.uid, slot=slots[s], table=tables[d], working=False)
            for r, (s, d, _c) in zip(requests, plan, strict=True)
        ),
        batch_size=BATCH,
    )
    ended = slots[-1].ends_at
    MeetingOutcome.objects.bulk_create(
        (MeetingOutcome(request=r, held_at=ended, marked_by=organiser) for r in requests), batch_size=BATCH
    )
    leads = Lead.objects.bulk_create(
        (Lead(mission=mission, pair=f"d{delegates[d].pk}|o{organizations[c].pk}", stop=stop) for _s, d, c in plan),
        batch_size=BATCH,
    )
    Lead.meetings.through.objects.bulk_create(
        (Lead.meetings.through(lead=lead, meetingrequest=r) for lead, r in zip(leads, requests, strict=True)),
        batch_size=BATCH,
    )
    forms = FeedbackRequest.objects.bulk_create(
        (
            form
            for lead, r, (_s, d, c) in zip(leads, requests, plan, strict=True)
            for form in (
                FeedbackRequest(lead=lead, meeting=r, party=f"o{organizations[c].pk}", organization=organizations[c]),
                FeedbackRequest(lead=lead, meeting=r, party=f"d{delegates[d].pk}", delegate=delegates[d]),
            )
        ),
        batch_size=BATCH,
    )
    FeedbackAnswer.objects.bulk_create((answer(k, form, ended) for k, form in enumerate(forms)), batch_size=BATCH)
    services.set_mission_funding(
        mission,
        acting_user=organiser,
        funder="USTDA",
        programme_cost=Decimal("1500000"),
        exchange_rates={"MAD": "0.10"},
    )


def answer(k, form, ended) -> FeedbackAnswer:
    answered_at = ended + dt.timedelta(days=(k * 7) % 180, hours=1)
    if form.organization_id and k % 20 == 0:  # every tenth company answer: a deal, half of them citable
        return FeedbackAnswer(
            feedback_request=form,
            answered_at=answered_at,
            took_place=True,
            usefulness=5,
            stage=Stage.AGREEMENT,
            deal_kind="sale",
            deal_value=Decimal(10000 + k),
            deal_currency="USD" if k % 40 else "MAD",
            may_cite=k % 40 == 0 or k % 60 == 0,
        )
    return FeedbackAnswer(
        feedback_request=form, answered_at=answered_at, took_place=True, usefulness=3, stage=STAGES[k % 5]
    )


def timed(work):
    """(result, wall seconds, CPU seconds of this process): the machine may be busy with others' work."""
    started, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, time.perf_counter() - started, time.process_time() - cpu


def test_figures_and_the_report_for_15000_meetings(organiser):
    started = time.perf_counter()
    built = large_mission(organiser)
    meet_everyone(organiser, *built)
    mission = built[0]
    build_seconds = time.perf_counter() - started

    mission_figures(mission, today=TODAY)  # warm: the first read pays for connection and statement set-up
    runs = []
    for _run in range(3):
        with CaptureQueriesContext(connection) as queries:
            figures, seconds, _cpu = timed(lambda: mission_figures(mission, today=TODAY))
        runs.append(seconds)
    cache.clear()
    pdf, pdf_cold, pdf_cold_cpu = timed(lambda: report.report_pdf(mission, figures, language="en", today=TODAY))
    _pdf, pdf_warm, pdf_warm_cpu = timed(lambda: report.report_pdf(mission, figures, language="en", today=TODAY))
    xlsx, xlsx_seconds, _cpu = timed(lambda: report.report_xlsx(mission, figures, language="en", today=TODAY))

    print(
        f"\noutcomes ({connection.vendor}): built {Meeting.objects.count():,} meetings, "
        f"{FeedbackAnswer.objects.count():,} answers, {figures.leads:,} leads, {len(figures.deals):,} deals "
        f"({len(figures.cited_deals):,} citable) in {build_seconds:.1f} s; "
        f"mission_figures {statistics.median(runs) * 1000:.0f} ms (median of 3) in {len(queries)} queries; "
        f"PDF {pdf_cold:.2f} s ({pdf_cold_cpu:.2f} s CPU) with charts drawn, {pdf_warm:.2f} s ({pdf_warm_cpu:.2f} s "
        f"CPU) with them cached, {len(pdf) / 1024:.0f} KiB, {report.PDF_DEALS} of the cited deals listed; "
        f"XLSX {xlsx_seconds:.2f} s, {len(xlsx) / 1024:.0f} KiB"
    )
