"""Issuing badges, naming check-in staff, and recording entries at the door once.

check_in is what a scanner calls for each scan, online at once or later from its offline queue. Each
scan carries a nonce the device made: the same nonce again is answered from the first answer and counts
nothing, and two scans of one badge at one session (two doors, a double tap) are one entry: the
database's unique constraints decide between racing requests, not a read before the write.
"""

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events.checkin import selectors
from events.checkin.models import Badge, BadgePrint, CheckIn, CheckInStaff, Scan
from events.core.errors import ConflictError, PermissionDeniedError
from events.core.local_time import said_with_offset
from events.missions.services import require_organiser

# What a device may call a scan: letters, digits, "-" and "_" (a UUID, a ULID, a random base64url string).
NONCE = re.compile(r"[A-Za-z0-9_-]{8,64}")
# A queued scan's own time is kept, unless the device's clock is obviously wrong.
LONGEST_QUEUE = timedelta(days=2)


def require_check_in_staff(user, mission) -> None:
    if not selectors.may_check_in(user, mission):
        raise PermissionDeniedError(_("Only this mission's organisers and check-in staff can check people in."))


def name_check_in_staff(mission, *, acting_user, user) -> CheckInStaff:
    """Let `user` check people in at `mission` (and only there). Organisers only.

    Raises PermissionDeniedError for anyone else, and ConflictError (field "email") when `user` is
    named already: the unique constraint decides, so two organisers naming one person at once name them once.
    """
    require_organiser(acting_user, mission)
    try:
        with transaction.atomic():
            return CheckInStaff.objects.create(mission=mission, user=user)
    except IntegrityError:
        raise ConflictError(
            _("%(email)s already checks people in at this mission.") % {"email": user.email},
            field="email",
            code="already_named",
        ) from None


@transaction.atomic
def remove_check_in_staff(staff, *, acting_user) -> None:
    """Stop `staff` checking people in at their mission; their past scans and check-ins stay recorded
    (who made them is kept). Organisers of that mission only: PermissionDeniedError for anyone else."""
    require_organiser(acting_user, staff.mission)
    CheckInStaff.objects.filter(pk=staff.pk).delete()


def issue_badges(mission, emails=None) -> dict[str, Badge]:
    """A badge for each person with a role in `mission` (or each of `emails`), keeping those issued already.

    Returns {lower-case email: badge}. Two calls at once issue one badge per person (the unique
    constraint; the loser reads the winner's).
    """
    emails = sorted({email.lower() for email in (emails or selectors.holders_for_mission(mission))})
    existing = {badge.email: badge for badge in Badge.objects.filter(mission=mission, email__in=emails)}
    missing = [Badge(mission=mission, email=email) for email in emails if email not in existing]
    if missing:
        Badge.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {badge.email: badge for badge in Badge.objects.filter(mission=mission, email__in=emails)}
    return existing


def move_badges(missions, *, old: str, new: str) -> int:
    """A person's address moved (core.signals.address_moved): their badge in each of `missions` (ids) goes with
    it, and with the badge their check-ins and scans, so that their printed badge still gets them in and the
    door list still says they arrived. Kept where the new address holds a badge of its own already (two
    people's records are not merged), and where the old address still holds another role (a delegate, or another
    company's attendee, whose place a colleague took in one company's registration: the badge is theirs). Addresses
    in lower case. Returns the number of badges moved."""
    missions = set(missions) - selectors.missions_where_held(missions, old)
    taken = Badge.objects.filter(mission_id__in=missions, email=new).values("mission_id")
    return Badge.objects.filter(mission_id__in=missions, email=old).exclude(mission_id__in=taken).update(email=new)


@transaction.atomic
def replace_badge(badge, *, acting_user) -> Badge:
    """A lost badge: a new secret; the old QR code no longer gets in. Organisers only."""
    require_organiser(acting_user, badge.mission)
    badge.secret = Badge._meta.get_field("secret").default()
    badge.save(update_fields=["secret"])
    return badge


@dataclass(frozen=True)
class ScanResult:
    """What the door is told: the outcome, whose badge it is, when they entered, and whether this was a
    scan already uploaded (`replayed`: answered as the first time, nothing counted)."""

    scan: Scan
    holder: selectors.Holder | None
    checked_in_at: datetime | None
    replayed: bool


def check_in(session, *, acting_user, nonce, secret=None, badge_id=None, scanned_at=None, now=None) -> ScanResult:
    """Record one scan (of a badge's QR `secret`, or a `badge_id` found by name) at `session`'s door.

    Outcomes (Scan.Outcome): checked_in (the first entry), already_checked_in (with the first entry's
    time), door_closed (a badge of the mission scanned outside the session's door hours, selectors.door_hours:
    the scan's own time, so a scan queued while the door was open counts when uploaded later), not_on_list (a
    badge of the mission that may not enter this session now, e.g. a cancelled registration), unknown_badge (no
    badge of this mission has that secret: another mission's badges read as unknown, so a scanner learns nothing
    about other missions' people). Raises PermissionDeniedError for anyone but the mission's organisers and
    check-in staff, and ValidationError {"nonce"|"secret": ...} for a malformed scan, writing nothing.
    """
    mission = session.stop.mission
    require_check_in_staff(acting_user, mission)
    now = now or timezone.now()
    nonce = (nonce or "").strip()
    if not NONCE.fullmatch(nonce):
        raise ValidationError({"nonce": _("A scan's nonce is 8 to 64 letters, digits, '-' or '_'.")})
    if (secret is None) == (badge_id is None):
        raise ValidationError({"secret": _("Scan a badge or choose a person: one of the two.")})
    scanned_at = _believable(scanned_at, now)
    replay = _replayed(nonce, session)
    if replay is not None:
        return replay
    badges = Badge.objects.filter(mission=mission)
    badge = badges.filter(secret=secret.strip().upper()).first() if secret is not None else None
    if badge_id is not None:
        badge = badges.filter(pk=badge_id).first()
    holder = selectors.holder_at_session(session, badge.email) if badge else None
    try:
        with transaction.atomic():
            scan = _record(session, badge, holder, nonce=nonce, scanned_at=scanned_at, by=acting_user)
    except IntegrityError:
        # The same nonce uploaded twice at once: the other request recorded it; answer as it did.
        replay = _replayed(nonce, session)
        if replay is None:
            raise
        return replay
    return ScanResult(scan, holder, scan.check_in.checked_in_at if scan.check_in else None, replayed=False)


def _believable(scanned_at, now) -> datetime:
    """The device's time of a queued scan, unless it lies in the future or too far back: then now."""
    if scanned_at is None or scanned_at > now or scanned_at < now - LONGEST_QUEUE:
        return now
    return scanned_at


def _record(session, badge, holder, *, nonce, scanned_at, by) -> Scan:
    check_in = None
    opens, closes = selectors.door_hours(session)
    if badge is None:
        outcome = Scan.Outcome.UNKNOWN
    elif not opens <= scanned_at <= closes:
        outcome = Scan.Outcome.DOOR_CLOSED
    elif holder is None:
        outcome = Scan.Outcome.NOT_ON_LIST
    else:
        try:
            with transaction.atomic():
                check_in = CheckIn.objects.create(
                    session=session, badge=badge, checked_in_at=scanned_at, checked_in_by=by
                )
            outcome = Scan.Outcome.CHECKED_IN
        except IntegrityError:
            check_in = CheckIn.objects.get(session=session, badge=badge)
            outcome = Scan.Outcome.ALREADY
    return Scan.objects.create(
        nonce=nonce,
        session=session,
        badge=badge,
        outcome=outcome,
        check_in=check_in,
        scanned_at=scanned_at,
        scanned_by=by,
    )


def _replayed(nonce, session) -> ScanResult | None:
    scan = Scan.objects.select_related("badge", "check_in").filter(nonce=nonce).first()
    if scan is None:
        return None
    if scan.session_id != session.pk:
        raise ValidationError({"nonce": _("This nonce was already used for a scan at another session.")})
    holder = selectors.holder_at_session(session, scan.badge.email) if scan.badge else None
    return ScanResult(scan, holder, scan.check_in.checked_in_at if scan.check_in else None, replayed=True)


logger = logging.getLogger(__name__)
BADGE_PRINT_TASK = "events.checkin.build_badge_print"
# A print still queued or building this long after it was asked for lost its worker (a crash, a deploy):
# asking again marks it failed and starts a new one. 2,000 badges take under a minute to build.
BADGE_PRINT_STALE_AFTER = timedelta(minutes=15)


def request_badge_print(mission, *, acting_user, layout, now=None) -> BadgePrint:
    """Ask for one PDF of `mission`'s badges in `layout` (BadgePrint.Layout), built by a worker after commit.

    While a print of the same mission and layout is queued or building, that print is returned instead of a
    second one (a partial unique constraint decides between two clicks at once). Raises
    PermissionDeniedError for anyone but the mission's organisers, ValidationError {"layout": ...} for an
    unknown layout.
    """
    require_organiser(acting_user, mission)
    if layout not in BadgePrint.Layout.values:
        raise ValidationError({"layout": _("Choose the A6 or the A4 layout.")})
    now = now or timezone.now()
    pending = selectors.pending_badge_print(mission, layout)
    if pending is not None and pending.requested_at > now - BADGE_PRINT_STALE_AFTER:
        return pending
    try:
        with transaction.atomic():
            if pending is not None:
                _fail_badge_print(pending.pk, _("The build did not finish; the badges were asked for again."))
            badge_print = BadgePrint.objects.create(mission=mission, layout=layout, requested_by=acting_user)
            transaction.on_commit(lambda: _hand_badge_print_to_worker(badge_print.pk))
    except IntegrityError:
        # Someone else asked for the same print at the same moment: theirs is the one.
        winner = selectors.pending_badge_print(mission, layout)
        if winner is None:
            raise
        return winner
    return badge_print


def _hand_badge_print_to_worker(badge_print_id):
    from celery import current_app

    # The embedded default has no broker: the print is built here and now (send_task ignores eager mode).
    if settings.CELERY_TASK_ALWAYS_EAGER:
        build_badge_print(badge_print_id)
        return
    try:
        current_app.send_task(BADGE_PRINT_TASK, args=[badge_print_id])
    except Exception:  # noqa: BLE001 - a stopped broker must not fail the organiser's click
        logger.exception("could not hand badge print %s to a worker", badge_print_id)
        _fail_badge_print(badge_print_id, _("No worker could be reached; try again."))


def build_badge_print(badge_print_id) -> BadgePrint:
    """Build a queued print (in a worker): issue missing badges, lay out the PDF, store it, mark it ready.

    Claimed by one worker only (queued → building); a print taken or finished already is left as it is.
    Any failure marks the print failed with its reason, for the organiser to see.
    """
    claimed = BadgePrint.objects.filter(pk=badge_print_id, status=BadgePrint.Status.QUEUED).update(
        status=BadgePrint.Status.BUILDING
    )
    badge_print = BadgePrint.objects.select_related("mission").get(pk=badge_print_id)
    if not claimed:
        return badge_print
    # Imported here: badges.py uses this module, and WeasyPrint loads only where a PDF is built.
    from events.checkin.badges import mission_badges, render_badges

    try:
        badges = mission_badges(badge_print.mission)
        document = render_badges(badge_print.mission, badges, layout=badge_print.layout)
        body = document.write_pdf()
        badge_print.file.save("badges.pdf", ContentFile(body), save=False)
    except Exception as error:  # noqa: BLE001 - any failure is the print's outcome, shown to the organiser
        logger.exception("badge print %s failed", badge_print_id)
        _fail_badge_print(badge_print_id, str(error) or type(error).__name__)
    else:
        BadgePrint.objects.filter(pk=badge_print_id).update(
            status=BadgePrint.Status.READY,
            file=badge_print.file.name,
            badge_count=len(badges),
            page_count=len(document.pages),
            size=len(body),
            finished_at=timezone.now(),
        )
    badge_print.refresh_from_db()
    return badge_print


def _fail_badge_print(badge_print_id, message) -> None:
    BadgePrint.objects.filter(pk=badge_print_id, status__in=BadgePrint.PENDING).update(
        status=BadgePrint.Status.FAILED, error=str(message), finished_at=timezone.now()
    )


def refuse_removing_arrivals(session) -> None:
    """Refuse (ValidationError) to remove a session people checked in at: its arrivals are a record that
    certificates and reports read. A helper removed one held and checked in; its check-ins went with it, and a
    certificate issued on them still verified."""
    arrivals = session.check_ins.count()
    if arrivals:
        message = ngettext(
            "%(count)d person has checked in at this session: it took place, and its arrivals are a record "
            "(certificates, reports). It cannot be removed.",
            "%(count)d people have checked in at this session: it took place, and their arrivals are a record "
            "(certificates, reports). It cannot be removed.",
            arrivals,
        )
        raise ValidationError(message % {"count": arrivals})


def refuse_leaving_arrivals(session) -> None:
    """Refuse (ValidationError on "starts_at" or "ends_at") new times whose door hours (selectors.door_hours) no
    longer hold every check-in at `session`: a session moved two days on kept Claire "arrived" two days before it,
    and a certificate was issued for it. It may still run longer, or start earlier."""
    opens, closes = selectors.door_hours(session)
    outside = session.check_ins.filter(Q(checked_in_at__lt=opens) | Q(checked_in_at__gt=closes)).order_by(
        "checked_in_at"
    )
    count = outside.count()
    if not count:
        return
    first = outside.first().checked_in_at
    field = "starts_at" if first < opens else "ends_at"
    message = ngettext(
        "%(count)d person has checked in at this session at %(time)s, which its new times no longer cover: the "
        "arrival is a record, and the session cannot move away from it. Add a new session instead.",
        "%(count)d people have checked in at this session from %(time)s, which its new times no longer cover: "
        "their arrivals are a record, and the session cannot move away from them. Add a new session instead.",
        count,
    )
    moment = first.astimezone(session.stop.zone)
    when = said_with_offset(moment, date_format(moment, "DATETIME_FORMAT"))
    raise ValidationError({field: message % {"count": count, "time": when}})
