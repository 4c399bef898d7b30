"""A mission's results for its organisers and its funder: one read, in a flat number of queries.

What counts (the report's method notes say the same):
- registrations: confirmed registrations and their attendees; attendance: people checked in at least once;
- meetings: requested (every request), accepted, placed (in the latest published schedule of each B2B
  session), held / no-show / unknown (events.meetings' MeetingOutcome);
- feedback: forms sent and forms answered at least once, right after meetings and per follow-up wave;
- a lead's stage on a day: the furthest stage among its parties' latest answers given by that day;
- a lead's deal: among its parties' latest answers, the latest that reports one (both describe the same
  deal; the later one is the better estimate; a party that takes it back no longer counts), self-reported,
  converted to the reporting currency at the organiser's stated rates; a deal in a currency without a
  rate is listed but not summed;
- a deal's sector: the first sector (by name) of the company that reported it; its city: where the two
  parties first met (the lead's stop).
Filters: `sector` keeps what concerns companies of that sector; `stop` what happened at that stop.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.db.models import Case, Count, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Lower
from django.utils import timezone

from events.checkin.models import CheckIn
from events.meetings.models import Meeting, MeetingGrid, MeetingRequest, latest_version_id
from events.missions.models import Delegate, Organization
from events.outcomes.models import (
    STAGE_ORDER,
    FeedbackAnswer,
    FeedbackRequest,
    FollowUpWave,
    Lead,
    MissionFunding,
    Stage,
    furthest_stage,
)
from events.registrations.models import Attendee, Registration


@dataclass(frozen=True)
class Deal:
    """One lead's deal, as last reported; `converted` is in the reporting currency, or None without a rate."""

    lead_id: int
    answer_id: int
    reported_by: str  # the company's name
    counterpart: str
    city: str
    sector: str
    kind: str
    value: Decimal | None
    currency: str
    converted: Decimal | None
    home_content_percent: int | None
    may_cite: bool
    stage_reported_at: dt.datetime


@dataclass
class MissionFigures:
    mission_id: int
    sector: str | None
    stop_id: int | None
    registrations: dict = field(default_factory=dict)
    meetings: dict = field(default_factory=dict)
    feedback: list[dict] = field(default_factory=list)  # one row per round: after meetings, then each wave
    stages_over_time: list[tuple[dt.date, dict[str, int]]] = field(default_factory=list)
    leads: int = 0
    deals: list[Deal] = field(default_factory=list)
    value_by_sector: dict[str, Decimal] = field(default_factory=dict)
    value_by_city: dict[str, Decimal] = field(default_factory=dict)
    total_value: Decimal = Decimal(0)
    unconverted_currencies: list[str] = field(default_factory=list)
    currency: str = "USD"
    programme_cost: Decimal | None = None
    funder: str = ""
    home_country: str = ""
    rates: dict[str, str] = field(default_factory=dict)
    # Deals not for citation a report took out of its sums (events.outcomes.report's rule of three).
    left_out_of_sums: int = 0

    @property
    def ratio(self) -> Decimal | None:
        """The funder's ratio: reported value ÷ programme cost (USTDA's export multiplier), or None."""
        if not self.programme_cost:
            return None
        return (self.total_value / self.programme_cost).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def cited_deals(self) -> list[Deal]:
        """The deals a report may show one by one: those their reporter allowed to be cited."""
        return [deal for deal in self.deals if deal.may_cite]


def mission_figures(mission, *, sector: str | None = None, stop_id: int | None = None, today=None) -> MissionFigures:
    """The figures of `mission`, optionally for one sector (a Sector slug) and one stop (its id)."""
    zone = ZoneInfo(mission.time_zone)
    today = today or timezone.localdate(timezone=zone)
    figures = MissionFigures(mission_id=mission.pk, sector=sector, stop_id=stop_id)
    funding = MissionFunding.objects.filter(mission=mission).first()
    if funding is not None:
        figures.currency, figures.programme_cost = funding.currency, funding.programme_cost
        figures.funder, figures.home_country, figures.rates = (
            funding.funder,
            funding.home_country,
            funding.exchange_rates,
        )
    figures.registrations = _registrations(mission, sector, stop_id)
    figures.meetings = _meetings(mission, sector, stop_id)
    leads = _leads(mission, sector, stop_id)
    figures.leads = len(leads)
    figures.feedback = _feedback(mission, leads, sector, stop_id)
    points = _month_ends(mission, today)
    # Lean rows, oldest first, each with the month it falls in (an index into `points`, compared with
    # instants computed here: no time zone arithmetic in SQL); 30,000 timestamps need not be parsed.
    answers = [row for row in _answer_rows(mission, stop_id, _boundaries(points, zone)) if row[1] in leads]
    figures.stages_over_time = _stages_over_time(points, leads, answers)
    _deals(figures, leads, answers)
    return figures


def _registrations(mission, sector, stop_id) -> dict:
    registrations = Registration.objects.filter(session__stop__mission=mission, status=Registration.Status.CONFIRMED)
    check_ins = CheckIn.objects.filter(session__stop__mission=mission)
    if stop_id:
        registrations = registrations.filter(session__stop_id=stop_id)
        check_ins = check_ins.filter(session__stop_id=stop_id)
    if sector:
        registrations = registrations.filter(organization__sectors__slug=sector)
    counted = registrations.aggregate(
        registrations=Count("pk", distinct=True), companies=Count("organization", distinct=True)
    )
    # People, as checked_in below: one person on three sessions is one attendee (addresses in any case).
    attendees = Attendee.objects.filter(registration__in=registrations).annotate(address=Lower("email"))
    counted["attendees"] = attendees.values("address").distinct().count()
    # Attendance is people, not companies: the sector filter does not apply (a badge is a person's).
    counted["checked_in"] = check_ins.values("badge").distinct().count()
    return counted


def _requests(mission, sector, stop_id):
    requests = MeetingRequest.objects.filter(grid__session__stop__mission=mission)
    if stop_id:
        requests = requests.filter(grid__session__stop_id=stop_id)
    if sector:
        requests = requests.filter(
            Q(requester__organization__sectors__slug=sector) | Q(receiver__organization__sectors__slug=sector)
        ).distinct()
    return requests


def _meetings(mission, sector, stop_id) -> dict:
    requests = _requests(mission, sector, stop_id)
    counted = (requests if not sector else MeetingRequest.objects.filter(pk__in=requests.values("pk"))).aggregate(
        requested=Count("pk"), accepted=Count("pk", filter=Q(status=MeetingRequest.Status.ACCEPTED))
    )
    # The latest published version of each of the mission's grids, read first (one row a grid): a
    # correlated subquery per meeting row cost more than the count itself at 15,000 meetings.
    versions = list(
        MeetingGrid.objects.filter(session__stop__mission=mission)
        .annotate(latest=latest_version_id("pk"))
        .exclude(latest=None)
        .values_list("latest", flat=True)
    )
    placed_meetings = Meeting.objects.filter(version_id__in=versions)
    if sector or stop_id:
        placed_meetings = placed_meetings.filter(request__in=requests.values("pk"))
    placed = placed_meetings.aggregate(
        placed=Count("pk"),
        held=Count("pk", filter=Q(request__outcome__held_at__isnull=False)),
        no_show=Count("pk", filter=Q(request__outcome__no_show_at__isnull=False)),
    )
    placed["unknown"] = placed["placed"] - placed["held"] - placed["no_show"]
    return {**counted, **placed}


def _leads(mission, sector, stop_id) -> dict[int, tuple[tuple[str, ...], str]]:
    """{lead id: (its two party keys, its city)} for the leads the filters keep, in one or two queries."""
    leads = Lead.objects.filter(mission=mission)
    if stop_id:
        leads = leads.filter(stop_id=stop_id)
    kept = {pk: (tuple(pair.split("|")), city) for pk, pair, city in leads.values_list("pk", "pair", "stop__city")}
    if sector:
        in_sector = {
            f"o{pk}"
            for pk in Organization.sectors.through.objects.filter(sector__slug=sector).values_list(
                "organization_id", flat=True
            )
        }
        kept = {pk: lead for pk, lead in kept.items() if in_sector.intersection(lead[0])}
    return kept


def _answers(mission, stop_id):
    """The mission's answers oldest first, selected by a join rather than a list of lead ids (15,000 of them
    would be 15,000 query parameters)."""
    answers = FeedbackAnswer.objects.filter(feedback_request__lead__mission=mission)
    if stop_id:
        answers = answers.filter(feedback_request__lead__stop_id=stop_id)
    return answers.order_by("answered_at", "pk")


def _names_and_sectors(parties) -> tuple[dict[str, str], dict[str, list[tuple[str, str]]]]:
    """({party key: name}, {party key: [(sector slug, sector name)] by name}) for the given party keys."""
    organization_ids = {int(key[1:]) for key in parties if key[0] == "o"}
    delegate_ids = {int(key[1:]) for key in parties if key[0] == "d"}
    names = {
        f"o{pk}": name for pk, name in Organization.objects.filter(pk__in=organization_ids).values_list("pk", "name")
    }
    names |= {
        f"d{pk}": name for pk, name in Delegate.objects.filter(pk__in=delegate_ids).values_list("pk", "full_name")
    }
    sectors = defaultdict(list)
    for organization_id, slug, name in (
        Organization.sectors.through.objects.filter(organization_id__in=organization_ids)
        .order_by("sector__name")
        .values_list("organization_id", "sector__slug", "sector__name")
    ):
        sectors[f"o{organization_id}"].append((slug, name))
    return names, sectors


def _feedback(mission, leads, sector, stop_id) -> list[dict]:
    forms = FeedbackRequest.objects.filter(lead__mission=mission)
    if stop_id:
        forms = forms.filter(lead__stop_id=stop_id)
    if sector:  # the sector's leads only: fewer than the mission's, named one by one
        forms = forms.filter(lead_id__in=list(leads))
    rounds = (
        forms.values("wave_id", "wave__opens_on")
        # Exists rather than a join: one row a form, so no DISTINCT over 30,000 joined rows.
        .annotate(
            asked=Count("pk"),
            answered=Count("pk", filter=Q(Exists(FeedbackAnswer.objects.filter(feedback_request=OuterRef("pk"))))),
        )
        .order_by("wave__opens_on")
    )
    found = []
    for row in rounds:
        rate = row["answered"] / row["asked"] if row["asked"] else 0.0
        found.append({"wave": row["wave__opens_on"], "asked": row["asked"], "answered": row["answered"], "rate": rate})
    found.sort(key=lambda row: (row["wave"] is not None, row["wave"] or dt.date.min))
    return found


def _month_ends(mission, today) -> list[dt.date]:
    """The end of each month from the mission's last month to this one (today for this one), at most 24."""
    points, month = [], dt.date(mission.end_date.year, mission.end_date.month, 1)
    while month <= today and len(points) < 24:
        following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        points.append(min(following - dt.timedelta(days=1), today))
        month = following
    return points


def _boundaries(points, zone) -> list[dt.datetime]:
    """The first instant after each day, in the mission's zone: answers before it count for that day."""
    return [dt.datetime.combine(point + dt.timedelta(days=1), dt.time(0), tzinfo=zone) for point in points]


def _answer_rows(mission, stop_id, boundaries):
    """(pk, lead id, party, period, stage, deal kind, value, currency, home content, may cite, reported at)
    oldest first. `period` is the index of the first boundary the answer precedes (len(boundaries) when
    after them all); `reported at` is the answer's time for a deal only, so that 30,000 timestamps are
    not parsed for the few that a report shows."""
    whens = [When(answered_at__lt=boundary, then=Value(n)) for n, boundary in enumerate(boundaries)]
    period = Case(*whens, default=Value(len(boundaries))) if whens else Value(0)
    return (
        _answers(mission, stop_id)
        .annotate(period=period)
        .annotate(reported_at=Case(When(~Q(deal_kind=""), then=F("answered_at")), default=None))
        .values_list(
            "pk",
            "feedback_request__lead_id",
            "feedback_request__party",
            "period",
            "stage",
            "deal_kind",
            "deal_value",
            "deal_currency",
            "home_content_percent",
            "may_cite",
            "reported_at",
        )
    )


def _stages_over_time(points, leads, answers) -> list[tuple[dt.date, dict[str, int]]]:
    """Leads per stage at each of `points`. One pass over the answers: each changes one party's latest
    stage, so only its lead's furthest stage is worked out again."""
    ranks = [STAGE_ORDER[stage] for stage in Stage.values]
    latest: dict[int, list[int]] = {}  # {lead: [rank of each party's latest answer's stage, or -1]}
    furthest: dict[int, int] = {}  # {lead: rank of its furthest stage}
    counts = [0] * len(ranks)
    series, position, total = [], 0, len(answers)
    for index, point in enumerate(points):
        while position < total and answers[position][3] <= index:
            _pk, lead_id, party, _period, stage, *_deal = answers[position]
            position += 1
            parties_ranks = latest.setdefault(lead_id, [-1, -1])
            parties_ranks[0 if party == leads[lead_id][0][0] else 1] = STAGE_ORDER[stage]
            now_furthest = max(parties_ranks)
            before = furthest.get(lead_id)
            if before != now_furthest:
                if before is not None:
                    counts[before] -= 1
                counts[now_furthest] += 1
                furthest[lead_id] = now_furthest
        series.append((point, {stage: counts[rank] for stage, rank in zip(Stage.values, ranks, strict=True)}))
    return series


def _deals(figures, leads, answers) -> None:
    # {(lead, party): (position, row) of its latest answer}: the rows are oldest first, so a later
    # position is a later answer; a deal taken back no longer counts.
    latest_of_party = {(row[1], row[2]): (position, row) for position, row in enumerate(answers)}
    last_deal = {}
    for (lead_id, _party), (position, row) in latest_of_party.items():
        if row[5] and (lead_id not in last_deal or position > last_deal[lead_id][0]):
            last_deal[lead_id] = (position, row)
    last_deal = {lead_id: row for lead_id, (_position, row) in last_deal.items()}
    names, sectors = _names_and_sectors({party for lead_id in last_deal for party in leads[lead_id][0]})
    rates = {code.upper(): Decimal(str(rate)) for code, rate in figures.rates.items()}
    rates[figures.currency] = Decimal(1)
    unconverted = set()
    for lead_id, row in sorted(last_deal.items()):
        pk, _lead, party, _period, _stage, kind, value, currency, home, may_cite, answered_at = row
        parties, city = leads[lead_id]
        counterpart = next((key for key in parties if key != party), party)
        converted = None
        if value is not None:
            try:
                converted = (value * rates[currency]).quantize(Decimal("0.01"))
            except (KeyError, InvalidOperation):  # no rate, or one stored before rates were bounded
                unconverted.add(currency)
        deal = Deal(
            lead_id=lead_id,
            answer_id=pk,
            reported_by=names.get(party, ""),
            counterpart=names.get(counterpart, ""),
            city=city,
            sector=sectors[party][0][1] if sectors.get(party) else "",
            kind=kind,
            value=value,
            currency=currency,
            converted=converted,
            home_content_percent=home,
            may_cite=may_cite,
            stage_reported_at=answered_at,
        )
        figures.deals.append(deal)
        if converted is not None:
            figures.total_value += converted
            figures.value_by_sector[deal.sector] = figures.value_by_sector.get(deal.sector, Decimal(0)) + converted
            figures.value_by_city[deal.city] = figures.value_by_city.get(deal.city, Decimal(0)) + converted
    figures.unconverted_currencies = sorted(unconverted)


@dataclass(frozen=True)
class LeadRow:
    """One lead as the dashboard lists it: the rows behind "leads by stage"."""

    lead_id: int
    names: tuple[str, str]
    city: str
    stage: str | None  # the furthest stage among its parties' latest answers, None before any answer
    last_answered_at: dt.datetime | None


def lead_rows(mission, *, sector: str | None = None, stop_id: int | None = None) -> list[LeadRow]:
    """The leads `mission_figures` counts (same filters, same stage rule), in a flat number of queries."""
    leads = _leads(mission, sector, stop_id)
    latest = {}  # {(lead, party): (answered_at, stage)}, answers read oldest first
    for lead_id, party, answered_at, stage in _answers(mission, stop_id).values_list(
        "feedback_request__lead_id", "feedback_request__party", "answered_at", "stage"
    ):
        if lead_id in leads:
            latest[(lead_id, party)] = (answered_at, stage)
    answers_of_lead = defaultdict(list)
    for (lead_id, _party), answer in latest.items():
        answers_of_lead[lead_id].append(answer)
    names, _sectors = _names_and_sectors({party for parties, _city in leads.values() for party in parties})
    rows = []
    for lead_id, (parties, city) in leads.items():
        answers = answers_of_lead[lead_id]
        stages = [stage for _at, stage in answers]
        rows.append(
            LeadRow(
                lead_id=lead_id,
                names=tuple(names.get(party, "") for party in parties),
                city=city,
                stage=furthest_stage(stages),
                last_answered_at=max((at for at, _stage in answers), default=None),
            )
        )
    return rows


def follow_up_waves(mission) -> list[FollowUpWave]:
    """The mission's waves, each with `asked` (forms sent) and `answered` (forms answered at least once)."""
    return list(
        FollowUpWave.objects.filter(mission=mission)
        .annotate(
            asked=Count("feedback_requests", distinct=True),
            answered=Count("feedback_requests", filter=Q(feedback_requests__answers__isnull=False), distinct=True),
        )
        # By day, said here: a query that counts (GROUP BY) does not take the model's default ordering.
        .order_by("opens_on", "pk")
    )
