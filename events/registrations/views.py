"""Registration pages: a company registers from the mission page and follows its registrations;
an organiser reviews a session's registrations, decides, resizes and exports."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, npgettext, pgettext
from django.views.decorators.http import require_http_methods, require_POST

from events.companies.selectors import company_of
from events.core.bidi import isolated_list
from events.core.errors import ApplicationError
from events.core.forms import show_errors
from events.core.text import whole_number
from events.missions.models import Mission, Sector
from events.missions.models.mission import MAX_CAPACITY
from events.missions.selectors import mission_page, organised_session_or_404
from events.notifications.addresses import address_key
from events.notifications.selectors import unreachable_addresses
from events.registrations import selectors, services
from events.registrations.errors import AlreadyRegistered, SessionOver
from events.registrations.filters import RegistrationFilter, chosen_filters
from events.registrations.forms import BulkDecisionForm, RegistrationForm, SubstituteForm
from events.registrations.models import Attendee, Registration


def _outcome_message(registration):
    if registration.status == Registration.Status.WAITLISTED:
        return _("%(session)s: the session is full; you are number %(position)d on the waitlist.") % {
            "session": registration.session.title,
            "position": selectors.waitlist_position(registration),
        }
    if registration.status == Registration.Status.PENDING:
        return _("%(session)s: registration received; the organisers will review it.") % {
            "session": registration.session.title
        }
    return _("%(session)s: registration confirmed.") % {"session": registration.session.title}


@login_required
def register(request, slug):
    """Register the user's company for one session (?session=) or several sessions of a mission."""
    try:
        mission = mission_page(slug, request.user)
    except Mission.DoesNotExist as missing:
        raise Http404 from missing
    company = company_of(request.user)
    if company is None:
        messages.info(request, _("First tell us about your company; you will come back here to register."))
        return redirect(f"{reverse('companies:new')}?{urlencode({'next': request.get_full_path()})}")
    now = timezone.now()
    sessions = selectors.sessions_taking_registrations(mission, now)
    if not sessions:
        messages.error(request, _("Registration for this mission is not open."))
        return redirect("missions:detail", slug=slug)
    registered = selectors.sessions_registered_by(company, sessions)
    seats_left = selectors.seats_left_by_session(sessions)
    for session in sessions:
        session.seats_left = seats_left[session.pk]
    offered = [session.pk for session in sessions if session.pk not in registered]
    preselected_id = whole_number(request.GET.get("session"), minimum=1)
    if preselected_id in registered and request.method == "GET":
        messages.info(request, AlreadyRegistered.default_message)
    # The session the person came for, or the only one left; never several at once (one confirm, many seats).
    initial = {"sessions": [preselected_id] if preselected_id else offered if len(offered) == 1 else []}
    form = RegistrationForm(
        request.POST or None,
        sessions=sessions,
        representative=request.user.representative,
        registered=registered,
        initial=initial,
    )
    step = request.POST.get("step")
    reviewing = False
    if request.method == "POST" and form.is_valid() and step != "edit":
        if step != "confirm":
            reviewing = True
        else:
            try:
                registrations = services.register_company_for_sessions(
                    form.chosen_sessions(),
                    acting_user=request.user,
                    organization=company,
                    attendees=form.attendees(),
                    answers=form.answers(),
                )
            except (ValidationError, ApplicationError) as error:
                show_errors(form, error)
            else:
                for registration in registrations:
                    messages.success(request, _outcome_message(registration))
                return redirect("registrations:mine")
    return render(
        request,
        "registrations/register.html",
        {"mission": mission, "company": company, "form": form, "reviewing": reviewing, "now": now},
    )


@login_required
def my_registrations(request):
    company = company_of(request.user)
    if company is None:
        return redirect("companies:new")
    registrations = selectors.registrations_visible_to(request.user).filter(organization=company)
    now = timezone.now()
    registrations = list(registrations)
    for registration in registrations:
        registration.may_cancel = registration.may_change(now)
    return render(request, "registrations/mine.html", {"company": company, "registrations": registrations})


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request, pk):
    """Asks first (GET: what would be cancelled, and what it costs), cancels on the POST of that page."""
    company = company_of(request.user)
    registration = get_object_or_404(
        selectors.registrations_visible_to(request.user).filter(organization=company), pk=pk
    )
    if request.method == "GET":
        if not registration.is_active:
            return redirect("registrations:mine")
        lost = selectors.lost_with_cancellation(registration)
        return render(request, "registrations/cancel.html", {"registration": registration, "lost": lost})
    try:
        services.cancel_registration(registration, acting_user=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Your registration for %(session)s is cancelled.") % {"session": registration.session}
        )
    return redirect("registrations:mine")


@login_required
@require_http_methods(["GET", "POST"])
def substitute(request, pk):
    """Send someone else in an attendee's place: the company's representatives from "Your registrations", the
    organisers from the session's registrations page (services.substitute_attendee)."""
    attendee = get_object_or_404(
        Attendee.objects.filter(registration__in=selectors.registrations_visible_to(request.user)).select_related(
            "registration__session__stop", "registration__organization"
        ),
        pk=pk,
    )
    registration = attendee.registration
    company = company_of(request.user)
    if company is not None and company.pk == registration.organization_id:
        back, back_label = reverse("registrations:mine"), _("Your registrations")
    else:
        back = reverse("registrations:manage", args=[registration.session_id])
        back_label = _("Registrations: %(title)s") % {"title": registration.session.title}
    if not registration.may_change(timezone.now()):
        why = _("the session is over.") if registration.is_active else _("the registration is not active.")
        messages.error(
            request, _("Nobody can be sent in %(name)s's place: %(why)s") % {"name": attendee.full_name, "why": why}
        )
        return redirect(back)
    form = SubstituteForm(request.POST or None, initial={"replacing": attendee.email})
    status = 200
    if request.method == "POST" and form.is_valid():
        if not _still_the_person(form, attendee):
            status = 409
        else:
            try:
                changed = services.substitute_attendee(attendee, acting_user=request.user, **form.person())
            except (ValidationError, ApplicationError) as error:
                show_errors(form, error)
            else:
                messages.add_message(request, *_substituted(registration, attendee, changed))
                return redirect(back)
    if form.errors and status == 200:
        status = 400
    return render(
        request,
        "registrations/substitute.html",
        {"attendee": attendee, "registration": registration, "form": form, "back": back, "back_label": back_label},
        status=status,
    )


def _still_the_person(form, attendee) -> bool:
    """Whether the attendee is still the person the form was shown for (its hidden `replacing` address): of two
    colleagues with the form open, the second replaced the newcomer the first had just sent, unwarned. Else the
    form says so."""
    if (form.cleaned_data["replacing"] or attendee.email).lower() == attendee.email.lower():
        return True
    form.add_error(
        None,
        _("Meanwhile, this place went to %(name)s (%(email)s). Check that you still want to send someone else.")
        % {"name": attendee.full_name, "email": attendee.email},
    )
    return False


def _substituted(registration, before, after) -> tuple[int, str]:
    """(message level, text) the page says once the attendee `before` became `after` (services.substitute_attendee)."""
    names = {"name": after.full_name, "replaced": before.full_name, "email": after.email}
    if (after.full_name, after.email.lower(), after.job_title) == (
        before.full_name,
        before.email.lower(),
        before.job_title,
    ):
        return messages.INFO, _("Nothing to change: %(name)s is named so already.") % names
    if after.email.lower() == before.email.lower():
        return messages.SUCCESS, _("%(name)s's details are saved.") % names
    unreachable = _unreachable(after.email)
    if unreachable is not None:
        text = _(
            "%(name)s takes %(replaced)s's place, but mail cannot reach %(email)s (%(why)s): the invitation is not "
            "sent; give another address."
        )
        return messages.WARNING, text % {**names, "why": unreachable.explanation}
    if registration.status != Registration.Status.CONFIRMED:
        text = _("%(name)s takes %(replaced)s's place, and receives the invitation once the seat is confirmed.")
        return messages.SUCCESS, text % names
    text = _(
        "%(name)s takes %(replaced)s's place: the invitation is sent to %(email)s, and %(replaced)s is told it is "
        "cancelled."
    )
    return messages.SUCCESS, text % names


def _unreachable(address):
    """Why mail cannot reach `address` (notifications' UnreachableAddress), or None."""
    return unreachable_addresses([address]).get(address_key(address))


def _organised_session(request, pk):
    return organised_session_or_404(request.user, pk)


@login_required
def manage(request, pk):
    """One session's registrations for its organisers: filters, counts, bulk decisions, capacity, exports.

    Shown once after a bulk decision some of whose registrations were refused: those stay ticked, each
    with why (carried from `bulk` in the session, then dropped, so that a reload shows the page as it is)."""
    session = _organised_session(request, pk)
    carried = request.session.pop(_carried_key(pk), None)
    if carried is None:
        return _manage_page(request, session)
    form = BulkDecisionForm(carried["form"], registrations=_registrations_of(request, session))
    form.is_valid()
    form.add_error("ids", carried["error"])
    refusals = {int(key): refusal for key, refusal in carried["refusals"].items()}
    return _manage_page(request, session, bulk=form, refusals=refusals)


def _carried_key(pk) -> str:
    return f"registrations:bulk-refusals:{pk}"


def headline_counts(headline) -> list[tuple[str, str, str]]:
    """(key, number shown, label agreeing with that number) for each headline count, in the page's order.

    Each label is a real plural form (French: "1 Confirmée", "2 Confirmées"); the seats label agrees with the
    capacity when one is shown ("2 / 3 places occupées"), with the seats taken otherwise ("1 place occupée")."""
    seats, capacity = headline["confirmed_seats"], headline["capacity"]
    shown = str(seats) if capacity is None else f"{seats} / {capacity}"
    counts = [("seats", shown, ngettext("seat taken", "seats taken", seats if capacity is None else capacity))]
    labels = {
        "confirmed": lambda n: npgettext("headline count", "Confirmed", "Confirmed", n),
        "pending": lambda n: npgettext("headline count", "Awaiting approval", "Awaiting approval", n),
        "waitlisted": lambda n: npgettext("headline count", "On the waitlist", "On the waitlist", n),
        "declined": lambda n: npgettext("headline count", "Declined", "Declined", n),
        "cancelled": lambda n: npgettext("headline count", "Cancelled", "Cancelled", n),
    }
    return [*counts, *((key, str(headline[key]), label(headline[key])) for key, label in labels.items())]


# A decision later than this after the registration itself is shown with its time ("Cancelled since ...").
DECIDED_AFTER = dt.timedelta(seconds=1)


def _registrations_of(request, session):
    return selectors.registrations_for_organiser(request.user).filter(session=session)


def _with_filters(url, params) -> str:
    """`url` with the page's filters chosen in `params` (a query string)."""
    narrowed = {name: value for name, value in chosen_filters(params).items() if value}
    return f"{url}?{urlencode(narrowed)}" if narrowed else url


def _manage_page(request, session, *, capacity=None, bulk=None, refusals=None, status=200):
    """The page; `capacity` carries a refused capacity back to its field: {"value": ..., "error": ...}; `bulk`
    a refused bulk decision (its form, with what was ticked), `refusals` why each refused registration was."""
    filters = chosen_filters(request.GET)
    chosen = RegistrationFilter(filters, queryset=_registrations_of(request, session))
    # The exports and the bulk form carry the rows the page shows: its filters go with them.
    export_url = reverse("api:session-registrations-export", args=[session.pk])
    narrowed = {name: value for name, value in filters.items() if value}
    registrations = list(chosen.qs)
    bulk = bulk or BulkDecisionForm(registrations=Registration.objects.none())
    refusals = refusals or {}
    # What comes back ticked: the refused ones when others were decided; else all that was ticked. A ticked
    # registration that no longer matches the filters (its status changed meanwhile) stays shown with its tick.
    ticked = {str(pk) for pk in refusals} if refusals else bulk.ticked()
    hidden = {whole_number(pk, minimum=1) for pk in ticked} - {None, *(r.pk for r in registrations)}
    if hidden:
        registrations += _registrations_of(request, session).filter(pk__in=hidden)
    # Each attendee whose address mail cannot reach is marked with why, where it can be corrected.
    unreachable = unreachable_addresses(a.email for r in registrations for a in r.attendees.all())
    # Who has come: nobody takes their place any more (services.substitute_attendee), and the page says so.
    arrived = selectors.arrived_among(session, (a.email for r in registrations for a in r.attendees.all()))
    for registration in registrations:
        decided = registration.updated_at - registration.created_at > DECIDED_AFTER
        registration.decided_at = registration.updated_at if decided else None
        registration.ticked = str(registration.pk) in ticked
        registration.refusal = refusals.get(registration.pk)
        for attendee in registration.attendees.all():
            attendee.unreachable = unreachable.get(address_key(attendee.email))
            attendee.checked_in = attendee.email.lower() in arrived
    everyone = Registration.objects.filter(session=session)
    return render(
        request,
        "registrations/manage.html",
        {
            "session": session,
            "mission": session.stop.mission,
            "registrations": registrations,
            # Its registrations are the record of who came: no decision is offered (services.SessionOver).
            "session_over": SessionOver.default_message if session.has_ended(timezone.now()) else None,
            "headline_counts": headline_counts(selectors.session_headline(session)),
            "statuses": Registration.Status.choices,
            "sectors": Sector.objects.filter(organizations__registrations__session=session).distinct(),
            "countries": sorted(
                {r.organization.country for r in everyone.select_related("organization")}, key=lambda c: c.name
            ),
            "filters": filters,
            "export_csv": f"{export_url}?{urlencode(narrowed)}" if narrowed else export_url,
            "export_xlsx": f"{export_url}?{urlencode({'type': 'xlsx', **narrowed})}",
            "capacity": capacity or {"value": "" if session.capacity is None else session.capacity, "error": None},
            "max_capacity": MAX_CAPACITY,
            "bulk": bulk,
            "bulk_url": _with_filters(reverse("registrations:bulk", args=[session.pk]), filters),
            "refused": bool(refusals),
        },
        status=status,
    )


def _decided_line(status, count) -> str:
    """The banner's sentence for `count` registrations a bulk decision left in `status`, with %(names)s: its own
    sentence per status and number, for languages whose words agree with them (Inscriptions confirmées)."""
    return {
        Registration.Status.CONFIRMED: ngettext("Confirmed: %(names)s.", "Confirmed: %(names)s.", count),
        Registration.Status.WAITLISTED: ngettext("On the waitlist: %(names)s.", "On the waitlist: %(names)s.", count),
        Registration.Status.DECLINED: ngettext("Declined: %(names)s.", "Declined: %(names)s.", count),
        Registration.Status.CANCELLED: ngettext("Cancelled: %(names)s.", "Cancelled: %(names)s.", count),
    }[status]


def _decided(outcomes, names) -> list:
    """One line per status a bulk decision left registrations in, naming their companies (isolated, core.bidi):
    "Confirmed: Texas Cyber." then "On the waitlist: ..."; an approval may leave either."""
    by_status = {}
    for outcome in outcomes:
        if outcome.refusal is None:
            by_status.setdefault(outcome.registration.status, []).append(names[outcome.registration.pk])
    separator = pgettext("between names in a list", ", ")
    return [
        mark_safe(  # noqa: S308 - the sentence escaped here, the names by isolated_list
            conditional_escape(_decided_line(status, len(companies))) % {"names": isolated_list(companies, separator)}
        )
        for status, companies in by_status.items()
    ]


@login_required
@require_http_methods(["GET", "POST"])
def bulk(request, pk):
    """Approve, decline or cancel the ticked registrations, each on its own.

    A refused request comes back on the page with the organiser's ticks, action and reason, each error on its
    field: with 400 when nothing changed (the form refused, or every registration); when some were decided,
    the refused ones stay ticked, each with why. The page keeps its filters. A GET here (a reload of that page,
    or the language switch returning to it) goes to the registrations page."""
    session = _organised_session(request, pk)
    manage_url = _with_filters(reverse("registrations:manage", args=[pk]), request.GET)
    if request.method == "GET":
        return redirect(manage_url)
    form = BulkDecisionForm(request.POST, registrations=_registrations_of(request, session))
    if not form.is_valid():
        return _manage_page(request, session, bulk=form, status=400)
    try:
        outcomes = services.decide_each(
            form.cleaned_data["ids"],
            form.cleaned_data["action"],
            acting_user=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        show_errors(form, error)
        return _manage_page(request, session, bulk=form, status=400)
    refusals = {outcome.registration.pk: outcome.refusal for outcome in outcomes if outcome.refusal is not None}
    done = len(outcomes) - len(refusals)
    names = {registration.pk: registration.organization.name for registration in form.cleaned_data["ids"]}
    for message in _decided(outcomes, names):
        messages.success(request, message)
    if not refusals:
        return redirect(manage_url)
    error = ngettext(
        "%(count)d ticked registration was not changed: see why in its row.",
        "%(count)d ticked registrations were not changed: see why in their rows.",
        len(refusals),
    ) % {"count": len(refusals)}
    if done:
        # Some were decided: back to the page by a redirect, so that a reload does not post the decision again;
        # the refused ones go with it, once (manage).
        request.session[_carried_key(pk)] = {
            "form": {
                "ids": sorted(form.ticked()),
                "action": form.cleaned_data["action"],
                "reason": form.data.get("reason", ""),
            },
            "error": str(error),
            "refusals": {str(key): str(refusal) for key, refusal in refusals.items()},
        }
        return redirect(manage_url)
    form.add_error("ids", error)
    return _manage_page(request, session, bulk=form, refusals=refusals, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def capacity(request, pk):
    """Resize the session; a refused capacity comes back on its field, with the page around it.

    That page is shown at this URL, so a GET here (a reload, or the language switch returning to it) goes to
    the registrations page rather than a 405."""
    session = _organised_session(request, pk)
    if request.method == "GET":
        return redirect("registrations:manage", pk=pk)
    raw = request.POST.get("capacity", "").strip()
    try:
        # Negative numbers are read here and refused by the service, with its own words.
        capacity = whole_number(raw.removeprefix("-"))
        if raw and capacity is None:
            raise ValidationError({"capacity": _("Enter a whole number of seats, or leave it empty for no limit.")})
        if capacity is not None and raw.startswith("-"):
            capacity = -capacity
        session = services.change_capacity(session, acting_user=request.user, capacity=capacity)
    except ValidationError as error:
        message = " ".join(error.message_dict.get("capacity", error.messages))
        return _manage_page(request, session, capacity={"value": raw, "error": message}, status=400)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("registrations:manage", pk=pk)
    messages.success(request, _capacity_saved(session))
    return redirect("registrations:manage", pk=pk)


def _capacity_saved(session) -> str:
    seats = selectors.confirmed_seats(session)
    if session.capacity is None or seats <= session.capacity:
        return _("Capacity saved.")
    return _(
        "Capacity saved. %(seats)d seats are already confirmed, %(over)d more than the new capacity: nobody is "
        "unseated, and new registrations go to the waitlist until enough seats are freed."
    ) % {"seats": seats, "over": seats - session.capacity}


@login_required
@require_POST
def attendee_email(request, pk):
    """An organiser corrects an attendee's address from the session's registrations page."""
    attendee = get_object_or_404(
        Attendee.objects.filter(registration__in=selectors.registrations_for_organiser(request.user)), pk=pk
    )
    session_pk = attendee.registration.session_id
    before, wanted = attendee.email, request.POST.get("email", "").strip()
    try:
        services.change_attendee_email(attendee, acting_user=request.user, email=wanted)
    except ValidationError as error:
        messages.error(request, " ".join(error.message_dict.get("email", error.messages)))
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        unreachable = _unreachable(wanted)
        if wanted.lower() == before.lower():
            messages.info(request, _("%(email)s is already this attendee's address.") % {"email": before})
        elif unreachable is not None:
            messages.warning(
                request,
                _("%(name)s's address is now %(email)s, but mail cannot reach it either (%(why)s): nothing is sent.")
                % {"name": attendee.full_name, "email": wanted, "why": unreachable.explanation},
            )
        else:
            messages.success(
                request,
                _("%(name)s's address is now %(email)s; their invitations are sent there.")
                % {"name": attendee.full_name, "email": wanted},
            )
    return redirect("registrations:manage", pk=session_pk)
