"""Dependencies point one way (DESIGN.md, "Layout"): every import of every module under events/ is checked.

Imports are read from the source (ast), including the ones inside functions, so a lazy import cannot hide
an arrow. What ast cannot see (a model named by string, a signal) is how a lower app is meant to reach a
higher one.
"""

import ast
from pathlib import Path

EVENTS = Path(__file__).resolve().parent.parent / "events"

# Low to high. An app imports only apps on lower layers; apps on one layer do not import each other.
LAYERS = [
    {"core"},  # errors, base models, the signals the domain apps announce
    {"accounts", "notifications"},  # users; the generic outbox, which imports no domain app
    {"missions"},
    {"companies"},  # company profiles: missions' Organization and Representative, seen by a company
    {"registrations"},  # a company registers: it uses companies (company_of)
    # companies scored against a delegation's procurement priorities, with reasons; the meetings page shows
    # the suggestions and the scheduler will weigh them
    {"matching"},
    {"meetings"},  # grids are built from confirmed registrations
    {"agenda", "checkin"},  # read missions, registrations and meetings: calendars; badges and the door
    # certificates for those checked in (checkin's CheckIn rows), signed and verifiable; outcomes: feedback,
    # leads and deals after the meetings, and the funder's figures
    {"certificates", "outcomes"},
    {"demo"},  # loads stories through every app above
]
LAYER = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}

# Pages, the HTTP API and Celery tasks of an app are ways in, not libraries: no other app imports them.
# core is the exception: it has no pages of its own, and its api module is the plumbing every app's API
# shares (the exception handler, checked fields).
ENTRY_POINTS = {"views", "api", "tasks"}
SHARED_PLUMBING = "core"

# Upward arrows tolerated while on their way out, as (file, imported module); none is left: missions,
# registrations and meetings announce changes (events.core.signals) that the agenda follows in its
# receivers.py. The test fails when an entry is no longer true: remove it then.
KNOWN_UPWARD_IMPORTS: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    parts = path.relative_to(EVENTS.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_in(source: str, module: str, *, is_package: bool = False) -> list[tuple[int, str, list[str]]]:
    """(line, imported module, names taken from it) for each import of `source`, relative ones made absolute."""
    package = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name, []) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                imported = f"{base}.{node.module}" if node.module else base
            else:
                imported = node.module
            found.append((node.lineno, imported, [alias.name for alias in node.names]))
    return found


def project_imports():
    """(file, line, importing app, imported module, names) for every import of one of our apps by another."""
    for path in sorted(EVENTS.glob("*/**/*.py")):
        module = module_name(path)
        app = module.split(".")[1]
        for line, imported, names in imports_in(path.read_text(), module, is_package=path.name == "__init__.py"):
            parts = imported.split(".")
            if parts[0] == "events" and len(parts) > 1 and parts[1] != app:
                yield str(path.relative_to(EVENTS.parent)), line, app, imported, names


def upward_imports():
    for file, line, app, imported, _names in project_imports():
        if LAYER[imported.split(".")[1]] >= LAYER[app]:
            yield file, line, imported


def test_every_app_has_its_place_in_the_layers():
    apps = {path.parent.name for path in EVENTS.glob("*/__init__.py")}

    assert apps == set(LAYER)


def test_no_app_imports_an_app_on_its_layer_or_above():
    arrows = [
        f"{file}:{line} imports {imported}"
        for file, line, imported in upward_imports()
        if (file, imported) not in KNOWN_UPWARD_IMPORTS
    ]

    assert arrows == []


def test_every_known_upward_import_is_still_there():
    present = {(file, imported) for file, _line, imported in upward_imports()}

    assert sorted(KNOWN_UPWARD_IMPORTS - present) == []


def test_notifications_imports_no_domain_app():
    imported_apps = {
        imported.split(".")[1] for _file, _line, app, imported, _names in project_imports() if app == "notifications"
    }

    assert imported_apps <= {"core"}


def submodules(imported, names):
    """The modules of an app an import reaches: `events.x.views`, or `from events.x import views`."""
    parts = imported.split(".")
    return {parts[2]} if len(parts) > 2 else set(names)


def test_no_app_imports_the_views_api_or_tasks_of_another():
    entry_points = [
        f"{file}:{line} imports {imported}"
        for file, line, _app, imported, names in project_imports()
        if imported.split(".")[1] != SHARED_PLUMBING and submodules(imported, names) & ENTRY_POINTS
    ]

    assert entry_points == []


def test_imports_are_found_inside_functions_and_relative_ones_resolved():
    source = "from ..agenda import views\n\ndef later():\n    from events.agenda.entries import sync\n"

    found = imports_in(source, "events.missions.services")

    assert found == [(1, "events.agenda", ["views"]), (4, "events.agenda.entries", ["sync"])]
