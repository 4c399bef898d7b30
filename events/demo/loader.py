"""Write the demo stories to the database: idempotent, validated, in one transaction."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from events.accounts.models import User
from events.accounts.services import ensure_user_for_email
from events.certificates import services as certificate_services
from events.certificates.models import AttendanceMark, Certificate, CertificateDefinition
from events.checkin import services as checkin_services
from events.demo import certificates as demo_certificates
from events.demo import meetings as demo_meetings
from events.demo import outcomes as demo_outcomes
from events.demo.accounts import COMPANY, DELEGATE, ORGANISER, ORGANISER_APPS
from events.demo.dates import first_day, nth_day
from events.demo.digital_economy import DIRECTORY_CONTACTS, PRIORITY_ANSWERS
from events.demo.organizations import ORGANIZATIONS
from events.demo.registrations import (
    BRIEFING,
    BRIEFING_QUESTIONS,
    BRIEFING_REGISTRATIONS,
    BRIEFING_RULES,
    COMPANY_PROFILES,
)
from events.demo.stories import MISSIONS
from events.matching import services as matching_services
from events.meetings import services as meeting_services
from events.meetings.models import MeetingGrid, Participant
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
from events.missions.time_zones import make_local
from events.missions.translation import in_every_language
from events.outcomes import services as outcome_services
from events.outcomes.models import FeedbackRequest, FollowUpWave, Lead
from events.registrations.models import Question, Registration
from events.registrations.services import approve_registration, register_company, register_company_for_sessions

MISSION_FIELDS = ("title", "kind", "status", "time_zone", "summary", "description", "contact_name", "contact_email")
STOP_FIELDS = ("city", "region", "country", "time_zone", "venue")


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    password: str
    full_name: str
    note: str


@dataclass(frozen=True)
class DemoSummary:
    accounts: list[DemoAccount]
    missions: list[Mission]
    counts: dict[str, int]


def _translations(entry, *names) -> dict:
    """The French and Arabic texts an entry gives ("title_fr", "title_ar"...), empty for those it does not:
    a reload after a translation is taken out of the data takes it out of the row too."""
    return {key: entry.get(key, "") for key in in_every_language(*names) if not key.endswith("_en")}


def load_demo(*, today: dt.date | None = None) -> DemoSummary:
    """Create or update the demo organizations, missions and accounts, and say what is there.

    Missions are dated from `today` (the local date by default), so a run on a later day moves them
    forward. Every row is found by its natural key (slugs; (mission, order) for stops; (stop, title) for
    sessions; (mission, name) for delegations; (delegation, full name) for delegates; (delegation, order)
    for priorities) and updated in place, so running it again duplicates nothing. Each record passes
    full_clean() before it is saved, and everything happens in one transaction: a failure writes nothing.
    Sectors come from the data migration; a missing one raises LookupError.
    """
    with transaction.atomic():
        return _DemoLoader(today or timezone.localdate()).load()


class _DemoLoader:
    def __init__(self, today):
        self.today = today
        self.sectors = Sector.objects.in_bulk(field_name="slug")
        self.organizations = {}

    def load(self) -> DemoSummary:
        for entry in ORGANIZATIONS:
            self._load_organization(entry)
        organiser = self._load_organiser()
        self._load_company_representative()
        self._load_account(DELEGATE)
        missions = [self._load_mission(entry, organiser) for entry in MISSIONS]
        self._load_briefing_registrations()
        self._load_directory_contacts()
        self._load_priority_answers()
        self._load_meetings(organiser)
        # Before the certificates: the networking session's people get their badges with the trainees'.
        self._load_outcomes(organiser)
        self._load_certificates(organiser)
        accounts = [
            DemoAccount(data["role"], data["email"], data["password"], data["full_name"], data["note"])
            for data in (ORGANISER, COMPANY, DELEGATE)
        ]
        return DemoSummary(accounts=accounts, missions=missions, counts=self._counts(missions))

    def _save(self, model, lookup, fields, many=None):
        """update_or_create, except that the record is validated with full_clean() before it is saved."""
        instance = model.objects.filter(**lookup).first() or model(**lookup)
        for name, value in fields.items():
            setattr(instance, name, value)
        instance.full_clean()
        instance.save()
        for name, values in (many or {}).items():
            getattr(instance, name).set(values)
        return instance

    def _sector_list(self, slugs):
        missing = [slug for slug in slugs if slug not in self.sectors]
        if missing:
            raise LookupError(f"Sectors {missing} are not in the database; run `manage.py migrate` first.")
        return [self.sectors[slug] for slug in slugs]

    def _organization(self, slug):
        return self.organizations[slug] if slug else None

    def _load_organization(self, entry):
        fields = {name: entry.get(name, "") for name in ("name", "kind", "country", "city", "website", "description")}
        fields.update(COMPANY_PROFILES.get(entry["slug"], {}))
        many = {"sectors": self._sector_list(entry.get("sectors", []))}
        self.organizations[entry["slug"]] = self._save(Organization, {"slug": entry["slug"]}, fields, many)

    def _load_account(self, data, **attributes):
        # The address is recorded as verified, so the person signs in at once, by password or emailed code.
        user = ensure_user_for_email(data["email"], full_name=data["full_name"])
        user.full_name = data["full_name"]
        for name, value in attributes.items():
            setattr(user, name, value)
        user.set_password(data["password"])
        user.full_clean()
        user.save()
        return user

    def _load_organiser(self):
        # Staff, not superuser: the admin shows the organiser exactly what their permissions allow.
        organiser = self._load_account(ORGANISER, is_staff=True)
        organiser.user_permissions.add(*Permission.objects.filter(content_type__app_label__in=ORGANISER_APPS))
        return organiser

    def _load_company_representative(self):
        user = self._load_account(COMPANY)
        fields = {"organization": self.organizations[COMPANY["organization"]], "job_title": COMPANY["job_title"]}
        return self._save(Representative, {"user": user}, fields)

    def _load_mission(self, entry, organiser):
        start = first_day(entry["starts"], self.today)
        fields = {name: entry.get(name, "") for name in MISSION_FIELDS}
        fields.update(
            sponsor=self._organization(entry.get("sponsor")),
            start_date=start,
            end_date=nth_day(start, entry["days"]),
        )
        many = {
            "sectors": self._sector_list(entry["sectors"]),
            "implementers": [self.organizations[slug] for slug in entry.get("implementers", [])],
        }
        fields.update(_translations(entry, "title", "summary", "description"))
        mission = self._save(Mission, {"slug": entry["slug"]}, fields, many)
        mission.organisers.add(organiser)
        for stop in entry["stops"]:
            self._load_stop(mission, stop)
        for delegation in entry["delegations"]:
            self._load_delegation(mission, delegation)
        return mission

    def _load_stop(self, mission, entry):
        first, last = entry["days"]
        fields = {name: entry.get(name, "") for name in STOP_FIELDS}
        fields.update(start_date=nth_day(mission.start_date, first), end_date=nth_day(mission.start_date, last))
        stop = self._save(Stop, {"mission": mission, "order": entry["order"]}, fields)
        for session in entry["sessions"]:
            self._load_session(stop, session)
        return stop

    def _load_session(self, stop, entry):
        # Wall-clock times go through the stop's ZoneInfo, so each date gets the offset in force that day
        # (US daylight saving time, Morocco's UTC+0 during Ramadan).
        day = nth_day(stop.mission.start_date, entry["day"])
        starts_at, ends_at = (make_local(day, dt.time.fromisoformat(time), stop.time_zone) for time in entry["time"])
        fields = {
            "kind": entry["kind"],
            "description": entry.get("description", ""),
            "venue": entry.get("venue", ""),
            "starts_at": starts_at,
            "ends_at": ends_at,
            "capacity": entry.get("capacity"),
            "attendees_per_company": entry.get(
                "attendees_per_company", Session._meta.get_field("attendees_per_company").default
            ),
            "registration_mode": entry.get("registration_mode", Session.RegistrationMode.NONE),
            "audience": entry["audience"],
        }
        fields.update(_translations(entry, "title", "description"))
        many = {"sectors": self._sector_list(entry.get("sectors", []))}
        return self._save(Session, {"stop": stop, "title_en": entry["title"]}, fields, many)

    def _load_delegation(self, mission, entry):
        fields = {"country": entry["country"], "description": entry.get("description", "")}
        delegation = self._save(Delegation, {"mission": mission, "name": entry["name"]}, fields)
        for delegate in entry["delegates"]:
            self._load_delegate(delegation, delegate, languages=entry["languages"])
        for order, priority in enumerate(entry["priorities"], start=1):
            self._load_priority(delegation, priority, order)
        return delegation

    def _load_delegate(self, delegation, entry, *, languages):
        email = entry.get("email", "")
        fields = {
            "role": entry.get("role", Delegate.Role.MEMBER),
            "job_title": entry.get("job_title", ""),
            "organization": self._organization(entry.get("organization")),
            "email": email,
            "languages": entry.get("languages", languages),
            # As when an organiser adds a delegate: an address on the roster comes with an account.
            "user": ensure_user_for_email(email, full_name=entry["full_name"]) if email else None,
        }
        many = {"sectors": self._sector_list(entry.get("sectors", []))}
        return self._save(Delegate, {"delegation": delegation, "full_name": entry["full_name"]}, fields, many)

    def _load_priority(self, delegation, entry, order):
        fields = {
            "sector": self._sector_list([entry["sector"]])[0],
            "title": entry.get("title", ""),
            "seeking": entry["seeking"],
            "project": entry.get("project", ""),
            "certifications": entry.get("certifications", []),
            "budget_band": entry.get("budget_band", ""),
            "timeline": entry.get("timeline", ""),
        }
        many = {"owners": list(delegation.delegates.filter(full_name__in=entry.get("owners", [])))}
        return self._save(ProcurementPriority, {"delegation": delegation, "order": order}, fields, many)

    def _load_directory_contacts(self):
        """Companies of the directory that have a contact but registered for nothing yet."""
        for slug, name, email in DIRECTORY_CONTACTS:
            self._contact(slug, name, email)

    def _load_priority_answers(self):
        """What two companies answered to the delegation's priorities, each by its representative."""
        for slug, title, answer in PRIORITY_ANSWERS:
            representative = Representative.objects.filter(organization__slug=slug).order_by("pk").first()
            if representative is None:
                continue  # a company nobody represents in this demo
            priority = ProcurementPriority.objects.get(title=title)
            matching_services.answer_priority(priority, acting_user=representative.user, **answer)

    def _load_briefing_registrations(self):
        """The Austin briefing's questions and the companies already registered, through the real service."""
        briefing = Session.objects.get(title=BRIEFING)
        for name, value in BRIEFING_RULES.items():
            setattr(briefing, name, value)
        briefing.save()
        questions = [
            self._save(Question, {"session": briefing, "label": entry["label"]}, {**entry, "position": position})
            for position, entry in enumerate(BRIEFING_QUESTIONS, start=1)
        ]
        # Registration is judged at nine in the morning of the load day, so the demo loads the same any hour.
        now = dt.datetime.combine(self.today, dt.time(9), tzinfo=dt.UTC)
        for slug, people, answers in BRIEFING_REGISTRATIONS:
            company = self.organizations[slug]
            if Registration.objects.filter(session=briefing, organization=company).exists():
                continue
            name, email, job_title = people[0]
            user = ensure_user_for_email(email, full_name=name)
            self._save(Representative, {"user": user}, {"organization": company, "job_title": job_title})
            register_company(
                briefing,
                acting_user=user,
                organization=company,
                attendees=[{"full_name": n, "email": e, "job_title": t} for n, e, t in people],
                answers={str(q.pk): answer for q, answer in zip(questions, answers, strict=True)},
                now=now,
            )

    def _contact(self, slug, name, email):
        """The person who acts for a demo company: the demo company account, or a password-less contact."""
        company = self.organizations[slug]
        if name is None:
            return User.objects.get(email=COMPANY["email"]), company
        user = ensure_user_for_email(email, full_name=name)
        self._save(Representative, {"user": user}, {"organization": company})
        return user, company

    def _confirm_for(self, session, organiser, user, company, now, name=None):
        if Registration.objects.filter(session=session, organization=company).exists():
            return
        registration = register_company(
            session,
            acting_user=user,
            organization=company,
            attendees=[{"full_name": name or user.full_name, "email": user.email}],
            now=now,
        )
        if registration.status == Registration.Status.PENDING:
            approve_registration(registration, acting_user=organiser, now=now)

    def _grid(self, session, organiser, settings, tables):
        """Build the grid afresh, so that a later load (missions moved forward) never keeps stale slots."""
        MeetingGrid.objects.filter(session=session).delete()
        zone = session.stop.zone
        day = session.starts_at.astimezone(zone).date()
        pause_start, pause_end, label = settings["break"]
        return meeting_services.set_up_grid(
            session,
            acting_user=organiser,
            slot_minutes=settings["slot_minutes"],
            pairing=settings["pairing"],
            breaks=[
                (
                    make_local(day, dt.time.fromisoformat(pause_start), session.stop.time_zone),
                    make_local(day, dt.time.fromisoformat(pause_end), session.stop.time_zone),
                    label,
                )
            ],
            tables=[f"Table {n}" for n in range(1, tables + 1)],
        )

    def _load_meetings(self, organiser):
        now = dt.datetime.combine(self.today, dt.time(9), tzinfo=dt.UTC)
        austin = Session.objects.get(title=demo_meetings.AUSTIN_SESSION)
        companies = {}
        for slug, name, email in demo_meetings.AUSTIN_COMPANIES:
            user, company = self._contact(slug, name, email)
            self._confirm_for(austin, organiser, user, company, now)
            companies[slug] = user
        grid = self._grid(austin, organiser, demo_meetings.AUSTIN_GRID, demo_meetings.AUSTIN_TABLES)
        table_name, delegate_name = demo_meetings.AUSTIN_FIXED_TABLE
        grid.tables.filter(name=table_name).update(
            delegate=Delegate.objects.get(delegation__mission=austin.stop.mission, full_name=delegate_name)
        )
        for slug, delegate_name, priority, message, answered in demo_meetings.AUSTIN_REQUESTS:
            meeting_request = meeting_services.request_meeting(
                grid,
                acting_user=companies[slug],
                requester=Participant.objects.get(grid=grid, organization=self.organizations[slug]),
                receiver=Participant.objects.get(grid=grid, delegate__full_name=delegate_name),
                message=message,
                priority=priority,
            )
            if answered:
                meeting_services.answer_request(meeting_request, acting_user=organiser, accept=True)
        run = meeting_services.start_run(grid, acting_user=organiser)
        meeting_services.execute_run(run.pk)
        meeting_services.publish_schedule(grid, acting_user=organiser)

        dakhla = Session.objects.get(title=demo_meetings.DAKHLA_SESSION)
        people = {}
        for slug, name, email in demo_meetings.DAKHLA_COMPANIES:
            user, company = self._contact(slug, name, email)
            self._confirm_for(dakhla, organiser, user, company, now)
            people[slug] = user
        grid = self._grid(dakhla, organiser, demo_meetings.DAKHLA_GRID, demo_meetings.DAKHLA_TABLES)
        # Every request first, then the answers: a pair that asked each other is one mutual meeting (asking back
        # once accepted is refused: services.request_meeting).
        asked = [
            meeting_services.request_meeting(
                grid,
                acting_user=people[requester],
                requester=Participant.objects.get(grid=grid, organization=self.organizations[requester]),
                receiver=Participant.objects.get(grid=grid, organization=self.organizations[receiver]),
                priority=priority,
            )
            for requester, receiver, priority in demo_meetings.DAKHLA_REQUESTS
        ]
        for meeting_request in asked:
            meeting_request.refresh_from_db()
            if meeting_request.status == meeting_request.Status.PENDING:
                meeting_services.answer_request(meeting_request, acting_user=organiser, accept=True)

    def _load_outcomes(self, organiser):
        """The training's networking session, over, and what came of it (demo/outcomes.py), through the real
        services. Built once for the mission's dates: a load whose session already has its grid at these times
        leaves it be; a load that moved the mission rebuilds it (with leads and waves of the old dates).
        Funding and default waves are set each time, which changes nothing the second time."""
        mission = Mission.objects.get(slug=demo_outcomes.OUTCOMES_MISSION)
        session = Session.objects.get(stop__mission=mission, title=demo_outcomes.NETWORKING_SESSION)
        if not MeetingGrid.objects.filter(session=session, slots__starts_at=session.starts_at).exists():
            Lead.objects.filter(mission=mission).delete()
            FollowUpWave.objects.filter(mission=mission, sent_at__isnull=True).delete()
            self._hold_networking_meetings(session, organiser)
        outcome_services.set_mission_funding(mission, acting_user=organiser, **demo_outcomes.FUNDING)
        outcome_services.schedule_follow_up_waves(mission, acting_user=organiser, today=self.today)

    def _hold_networking_meetings(self, session, organiser):
        # Confirmed with the trainees, a week before the programme's first day.
        registered_at = session.starts_at - dt.timedelta(days=14)
        # A trainee comes under the name she gave for the training: her badge and certificate carry one name.
        trainees = {address: name for _s, _c, people in demo_certificates.TRAINEES for name, address, _d in people}
        people = {}
        for slug, name, email in demo_outcomes.NETWORKING_COMPANIES:
            user, company = self._contact(slug, name, email)
            self._confirm_for(session, organiser, user, company, registered_at, name=trainees.get(email))
            people[slug] = user
        grid = self._grid(session, organiser, demo_outcomes.NETWORKING_GRID, demo_outcomes.NETWORKING_TABLES)
        participants = {p.organization.slug: p for p in grid.participants.select_related("organization")}
        for buyer, seller, message, _held in demo_outcomes.NETWORKING_REQUESTS:
            meeting_request = meeting_services.request_meeting(
                grid,
                acting_user=people[buyer],
                requester=participants[buyer],
                receiver=participants[seller],
                message=message,
                priority=3,
            )
            meeting_services.answer_request(meeting_request, acting_user=organiser, accept=True)
        run = meeting_services.start_run(grid, acting_user=organiser)
        meeting_services.execute_run(run.pk)
        version = meeting_services.publish_schedule(grid, acting_user=organiser)
        meetings = {
            (meeting.request.requester.organization.slug, meeting.request.receiver.organization.slug): meeting
            for meeting in version.meetings.select_related(
                "slot", "request__requester__organization", "request__receiver__organization"
            )
        }
        for buyer, seller, _message, held in demo_outcomes.NETWORKING_REQUESTS:
            meeting = meetings[(buyer, seller)]
            if held:  # the buyer taps "we met" a few minutes in
                meeting_services.mark_held(
                    meeting, acting_user=people[buyer], now=meeting.slot.starts_at + dt.timedelta(minutes=3)
                )
            else:
                meeting_services.confirm_no_show(meeting, acting_user=organiser, now=session.ends_at)
        # The sweep the worker runs, as it ran at the session's end.
        outcome_services.ask_feedback_after_meetings(now=session.ends_at)
        for slug, counterpart, hours, answer in demo_outcomes.NETWORKING_ANSWERS:
            meeting = meetings.get((slug, counterpart)) or meetings[(counterpart, slug)]
            form = FeedbackRequest.objects.get(meeting=meeting.request, organization=self.organizations[slug])
            outcome_services.submit_feedback(
                form, email=people[slug].email, now=session.ends_at + dt.timedelta(hours=hours), **answer
            )

    def _load_certificates(self, organiser):
        """Dakhla's training, over: trainees registered and confirmed, checked in at the door (through the
        real check-in service, its nonces making a second load count nothing), one marked attended, the
        certificate issued the day after the last training day, and one revoked."""
        mission = Mission.objects.get(slug=demo_certificates.TRAINING_MISSION)
        days = list(Session.objects.filter(stop__mission=mission, kind="training").order_by("starts_at", "pk"))
        # Registered a week before the first day, while registration was open.
        registered_at = days[0].starts_at - dt.timedelta(days=7)
        for slug, (name, email), trainees in demo_certificates.TRAINEES:
            user, company = self._contact(slug, name, email)
            if Registration.objects.filter(session__in=days, organization=company).exists():
                continue
            registrations = register_company_for_sessions(
                days,
                acting_user=user,
                organization=company,
                attendees=[{"full_name": trainee, "email": address} for trainee, address, _days in trainees],
                now=registered_at,
            )
            for registration in registrations:
                approve_registration(registration, acting_user=organiser, now=registered_at)
        badges = checkin_services.issue_badges(mission)
        for _slug, _contact, trainees in demo_certificates.TRAINEES:
            for _name, address, attended in trainees:
                badge = badges[address]
                for day in attended:
                    session = days[day - 1]
                    arrival = session.starts_at - dt.timedelta(minutes=10)
                    checkin_services.check_in(
                        session,
                        acting_user=organiser,
                        nonce=f"demo-{session.pk}-{badge.pk}",
                        badge_id=badge.pk,
                        scanned_at=arrival,
                        now=arrival,
                    )
        definition = CertificateDefinition.objects.filter(
            mission=mission, title=demo_certificates.DEFINITION["title"]
        ).first() or certificate_services.define_certificate(
            mission, acting_user=organiser, sessions=days, **demo_certificates.DEFINITION
        )
        for address in demo_certificates.MARKED_ATTENDED:
            if not AttendanceMark.objects.filter(definition=definition, email=address).exists():
                certificate_services.mark_attended(
                    definition, acting_user=organiser, email=address, now=days[2].ends_at
                )
        certificate_services.issue_certificates(
            definition, acting_user=organiser, now=days[-1].ends_at + dt.timedelta(days=1)
        )
        address, reason = demo_certificates.REVOKED
        revoked = definition.certificates.get(email=address)
        if not revoked.revoked:
            certificate_services.revoke_certificate(
                revoked, acting_user=organiser, reason=reason, now=days[-1].ends_at + dt.timedelta(days=2)
            )

    def _counts(self, missions):
        delegations = Delegation.objects.filter(mission__in=missions)
        account_emails = [ORGANISER["email"], COMPANY["email"], DELEGATE["email"]]
        accounts = User.objects.filter(Q(email__in=account_emails) | Q(delegate_seats__delegation__in=delegations))
        return {
            "organizations": len(self.organizations),
            "missions": len(missions),
            "stops": Stop.objects.filter(mission__in=missions).count(),
            "sessions": Session.objects.filter(stop__mission__in=missions).count(),
            "delegations": delegations.count(),
            "delegates": Delegate.objects.filter(delegation__in=delegations).count(),
            "procurement priorities": ProcurementPriority.objects.filter(delegation__in=delegations).count(),
            "accounts": accounts.distinct().count(),
            "registrations": Registration.objects.filter(session__stop__mission__in=missions).count(),
            "certificates": Certificate.objects.filter(definition__mission__in=missions).count(),
        }
