"""The dashboard's and the report's charts: Vega-Lite specifications drawn to SVG on the server.

vl-convert (the Vega project's own converter, Rust with the Vega JavaScript embedded) draws the SVG
without a browser, for the page and the PDF alike: the page serves no chart script at all (nothing for
the Content-Security-Policy to allow, nothing from a CDN), and the PDF shows the same picture as the page.
Every chart has its numbers beside it in a table (the page and the report show both), and a title that
says what it shows for screen readers (role="img", aria-label).

Drawing takes about 0.2 s a chart once the converter is warm (1 s for the first in a process), so each
SVG is cached by its specification: the same figures draw once.
"""

import hashlib
import json

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from events.core.printing import FONTS
from events.outcomes.models import Stage

CACHE_SECONDS = 24 * 3600
# The fonts shipped with the project (events.core.printing), so that a chart drawn here measures its labels
# with the font the PDF shows them in, Arabic included.
FONT = "Noto Sans, Noto Sans Arabic, sans-serif"
PALETTE = ["#1f4e79", "#2e75b6", "#9dc3e6", "#c55a11", "#548235", "#7f6000"]
# A chart's numbers and months in the active language, as the page or the report around it writes them:
# (number locale, time locale) by name among d3's definitions, which vl-convert carries. Arabic: Morocco's
# numbers (Western digits and Django's Arabic separators, as every page here) with the month names of
# Django's Arabic catalogue (d3's ar-EG); d3's ar-EG numbers would be Eastern Arabic digits.
CHART_LOCALES = {"en": ("en-US", "en-US"), "fr": ("fr-FR", "fr-FR"), "ar": ("ar-MA", "ar-EG")}


def svg(spec: dict) -> str:
    """The chart drawn as an SVG document (UTF-8 text) in the active language's locale (CHART_LOCALES),
    cached by its specification and that locale."""
    numbers, times = CHART_LOCALES.get((get_language() or "")[:2], CHART_LOCALES["en"])
    drawing = json.dumps([spec, numbers, times], sort_keys=True, default=str)
    key = "chart:" + hashlib.sha256(drawing.encode()).hexdigest()
    drawn = cache.get(key)
    if drawn is None:
        import vl_convert  # a 30 MB extension: loaded by the processes that draw, not by every worker

        _register_fonts(vl_convert)
        drawn = vl_convert.vegalite_to_svg(spec, format_locale=numbers, time_format_locale=times)
        cache.set(key, drawn, CACHE_SECONDS)
    return drawn


_fonts_registered = False


def _register_fonts(vl_convert) -> None:
    global _fonts_registered
    if not _fonts_registered:
        vl_convert.register_font_directory(str(FONTS))
        _fonts_registered = True


def _base(title: str, values: list[dict], *, width=420) -> dict:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "width": width,
        "data": {"values": values},
        "config": {
            "font": FONT,
            "view": {"stroke": None},
            "axis": {"labelFontSize": 11, "titleFontSize": 11},
            "range": {"category": PALETTE},
        },
    }


def funnel(figures) -> dict:
    """Meetings requested → accepted → placed → held, and no-shows: horizontal bars in that order."""
    meetings = figures.meetings
    rows = [
        (_("Requested"), meetings.get("requested", 0)),
        (_("Accepted"), meetings.get("accepted", 0)),
        (_("Placed"), meetings.get("placed", 0)),
        (_("Held"), meetings.get("held", 0)),
        (_("No-show"), meetings.get("no_show", 0)),
    ]
    values = [{"step": step, "meetings": count, "order": n} for n, (step, count) in enumerate(rows)]
    spec = _base(_("Meetings, from request to held"), values)
    spec |= {
        "mark": {"type": "bar", "color": PALETTE[0]},
        "encoding": {
            "y": {"field": "step", "type": "nominal", "sort": {"field": "order"}, "title": None},
            "x": {"field": "meetings", "type": "quantitative", "title": _("Meetings"), "axis": {"tickMinStep": 1}},
        },
    }
    return spec


def stages_over_time(figures) -> dict:
    """Leads by stage at each month's end: stacked bars, stages in their order."""
    labels = dict(Stage.choices)
    values = [
        {"month": day.isoformat(), "stage": str(labels[stage]), "order": n, "leads": counts[stage]}
        for day, counts in figures.stages_over_time
        for n, stage in enumerate(Stage.values)
        if counts[stage]
    ]
    spec = _base(_("Leads by stage, month by month"), values)
    spec |= {
        "mark": "bar",
        "encoding": {
            "x": {"field": "month", "type": "ordinal", "timeUnit": "yearmonth", "title": None},
            "y": {"field": "leads", "type": "quantitative", "title": _("Leads"), "axis": {"tickMinStep": 1}},
            "color": {
                "field": "stage",
                "type": "nominal",
                "sort": [str(labels[stage]) for stage in Stage.values],
                "title": _("Stage"),
            },
            "order": {"field": "order"},
        },
    }
    return spec


def value_by(title: str, values_by_name: dict, currency: str) -> dict:
    """Reported deal value by one dimension (sector, city), largest first."""
    values = [{"name": name or _("Not stated"), "value": float(value)} for name, value in values_by_name.items()]
    spec = _base(title, values)
    spec |= {
        "mark": {"type": "bar", "color": PALETTE[1]},
        "encoding": {
            "y": {"field": "name", "type": "nominal", "sort": "-x", "title": None},
            "x": {"field": "value", "type": "quantitative", "title": currency, "axis": {"format": "~s"}},
        },
    }
    return spec


def mission_charts(figures, *, sector_labels=None) -> list[dict]:
    """The dashboard's charts, in reading order: [{"key", "title", "svg"}]. `sector_labels`: {English
    name: name in the reader's language} (missions.selectors.sector_labels), for the sectors' bars."""
    labels = sector_labels or {}
    by_sector = {}
    for name, value in figures.value_by_sector.items():
        label = labels.get(name, name)
        by_sector[label] = by_sector.get(label, 0) + value
    specs = [
        ("funnel", funnel(figures)),
        ("stages", stages_over_time(figures)),
        ("value_by_sector", value_by(_("Reported deal value by sector"), by_sector, figures.currency)),
        ("value_by_city", value_by(_("Reported deal value by city"), figures.value_by_city, figures.currency)),
    ]
    return [{"key": key, "title": spec["title"], "svg": svg(spec)} for key, spec in specs]
