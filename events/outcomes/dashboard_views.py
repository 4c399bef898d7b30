"""The organisers' outcomes pages of a mission: the dashboard (figures, charts, the deals behind them), the
leads behind "leads by stage", the funder's settings and the follow-up waves. A mission the person does not
organise is a 404, as on the other organiser pages."""

from collections import Counter
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from events.core.errors import ApplicationError
from events.core.forms import show_errors
from events.missions.selectors import organised_mission_or_404, sector_labels
from events.outcomes import charts, figures, services
from events.outcomes.forms import DashboardFilterForm, FundingForm, WaveForm
from events.outcomes.models import DealKind, FollowUpWave, MissionFunding, Stage


def _filters(request, mission):
    """The filter form, the (sector, stop id) it asks for, and the query string that keeps them on links.

    A value that is not one of the mission's is ignored with a message rather than refused: a stale
    bookmark or an edited address still opens the page, with everything shown."""
    form = DashboardFilterForm(request.GET or None, mission=mission)
    if not request.GET:
        return form, None, None, ""
    form.is_valid()
    if form.errors:
        messages.warning(request, _("A filter that is not one of this mission's was ignored."))
    sector, stop_id = form.cleaned_data.get("sector") or None, form.cleaned_data.get("stop")
    kept = {name: value for name, value in (("sector", sector), ("stop", stop_id)) if value}
    return form, sector, stop_id, urlencode(kept)


@login_required
def dashboard(request, slug):
    mission = organised_mission_or_404(request.user, slug)
    filter_form, sector, stop_id, query = _filters(request, mission)
    shown = figures.mission_figures(mission, sector=sector, stop_id=stop_id)
    # Figures name sectors in English; the page, its charts and its deals in the reader's language.
    labels = sector_labels([*shown.value_by_sector, *(deal.sector for deal in shown.deals)])
    # The SVG is our own drawing (vl-convert from our specification), so the template may mark it safe.
    # It is hidden from assistive technology: the figure around it has role="img" and a label, and the
    # numbers follow in a table.
    drawn = {
        chart["key"]: {**chart, "svg": chart["svg"].replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)}
        for chart in charts.mission_charts(shown, sector_labels=labels)
    }
    stage_labels, kind_labels = dict(Stage.choices), dict(DealKind.choices)
    # Deals name their sector (English name) and city; the filters take a sector's slug and a stop's id.
    sector_slugs = {sector.name: sector.slug for sector in mission.sectors.all()}
    stops = list(mission.stops.all())
    shared = {city for city, count in Counter(stop.city for stop in stops).items() if count > 1}
    stop_ids = {stop.city: stop.pk for stop in stops if stop.city not in shared}
    context = {
        "mission": mission,
        "filter_form": filter_form,
        "query": query,
        "figures": shown,
        "charts": drawn,
        "stages": [(stage, stage_labels[stage]) for stage in Stage.values],
        "stage_rows": [(day, [counts[stage] for stage in Stage.values]) for day, counts in shown.stages_over_time],
        "sector_values": _traced(shown.value_by_sector, "sector", sector_slugs, labels, sector=sector, stop=stop_id),
        "city_values": _traced(shown.value_by_city, "stop", stop_ids, {}, sector=sector, stop=stop_id),
        "deals": [
            (deal, kind_labels.get(deal.kind, deal.kind), labels.get(deal.sector, deal.sector)) for deal in shown.deals
        ],
    }
    return render(request, "outcomes/dashboard.html", context)


def _traced(values_by_name, parameter, filter_values, labels, **kept):
    """[(label, value, query)], largest first; `query` filters the page to that sector or city, so a bar's
    number leads to its deals (None where the name is not one the filters know: "not stated", a city two
    stops share). `labels`: what to show for a name, where it differs."""
    rows = []
    for name, value in sorted(values_by_name.items(), key=lambda item: -item[1]):
        query = None
        if name in filter_values:
            chosen = {**kept, parameter: filter_values[name]}
            query = urlencode({key: chosen_value for key, chosen_value in chosen.items() if chosen_value})
        rows.append((labels.get(name, name), value, query))
    return rows


@login_required
def leads(request, slug):
    mission = organised_mission_or_404(request.user, slug)
    filter_form, sector, stop_id, query = _filters(request, mission)
    stage_labels = dict(Stage.choices)
    context = {
        "mission": mission,
        "filter_form": filter_form,
        "query": query,
        "leads": [
            (row, stage_labels.get(row.stage)) for row in figures.lead_rows(mission, sector=sector, stop_id=stop_id)
        ],
    }
    return render(request, "outcomes/leads.html", context)


@login_required
def funding(request, slug):
    mission = organised_mission_or_404(request.user, slug)
    current = MissionFunding.objects.filter(mission=mission).first()
    form = FundingForm(request.POST or None, funding=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_mission_funding(mission, acting_user=request.user, **form.cleaned_data)
        except (ValidationError, ApplicationError) as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Funding saved: the figures use it from now on."))
            return redirect("outcomes:dashboard", slug=mission.slug)
    return render(request, "outcomes/funding.html", {"mission": mission, "form": form})


@login_required
def waves(request, slug):
    """The waves with what they asked and got; POST schedules the default waves, or one on a day (`add`)."""
    mission = organised_mission_or_404(request.user, slug)
    adding = request.POST.get("action") == "add"
    form = WaveForm(request.POST if adding else None)
    if request.method == "POST" and (not adding or form.is_valid()):
        days = [form.cleaned_data["opens_on"]] if adding else None  # None: the service's default months
        try:
            scheduled = services.schedule_follow_up_waves(mission, acting_user=request.user, days=days)
        except (ValidationError, ApplicationError) as error:
            # The form's field when a day was typed; otherwise the page's messages (the form is not bound).
            if adding:
                show_errors(form, error)
            else:
                messages.error(request, getattr(error, "message", None) or " ".join(error.messages))
        else:
            if any(wave.added for wave in scheduled):
                messages.success(request, _("Follow-up waves scheduled."))
            else:  # the default waves, all there already (a day typed twice is refused on its field)
                messages.info(request, _("The default follow-up waves are scheduled already."))
            return redirect("outcomes:waves", slug=mission.slug)
    context = {"mission": mission, "form": form, "waves": figures.follow_up_waves(mission)}
    return render(request, "outcomes/waves.html", context)


@login_required
def cancel_wave(request, slug, pk):
    """GET asks for confirmation; POST cancels. A wave already sent stays (its answers are kept)."""
    mission = organised_mission_or_404(request.user, slug)
    wave = get_object_or_404(FollowUpWave.objects.select_related("mission"), mission=mission, pk=pk)
    if request.method == "POST":
        try:
            services.cancel_follow_up_wave(wave, acting_user=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The follow-up wave was cancelled."))
        return redirect("outcomes:waves", slug=mission.slug)
    return render(request, "outcomes/cancel_wave.html", {"mission": mission, "wave": wave})
