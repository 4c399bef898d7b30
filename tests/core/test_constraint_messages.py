"""A constraint a person runs into is refused in words, not by its name ("Constraint “…” is violated.")."""

from django.apps import apps
from django.db.models import CheckConstraint, UniqueConstraint

from events.core.models import ConstraintErrorsOnFieldsMixin


def named_only_by_name():
    """Our constraints whose refusal would be Django's default: a check, or a unique with a condition or an
    expression (a plain unique on fields says "… with this … already exists." by itself)."""
    for model in apps.get_models():
        if not model.__module__.startswith("events."):
            continue
        for constraint in model._meta.constraints:
            speaks_by_name = isinstance(constraint, CheckConstraint) or (
                isinstance(constraint, UniqueConstraint) and (constraint.condition or constraint.expressions)
            )
            if speaks_by_name:
                yield model, constraint


def test_every_constraint_is_refused_in_words():
    unsaid = [
        f"{model._meta.label}.{constraint.name}"
        for model, constraint in named_only_by_name()
        if constraint.violation_error_message == constraint.default_violation_error_message
    ]

    assert unsaid == []


def test_every_constraint_is_refused_on_the_field_a_person_changes_or_on_the_whole_record():
    """The models place their constraints' refusals with ConstraintErrorsOnFieldsMixin.constraint_fields;
    a name there that no constraint has is a typo that would put the message on the whole record."""
    misplaced = [
        f"{model._meta.label}.{name}"
        for model in {model for model, _ in named_only_by_name()}
        if issubclass(model, ConstraintErrorsOnFieldsMixin)
        for name, field in model.constraint_fields.items()
        if name not in {constraint.name for constraint in model._meta.constraints}
        or field not in {f.name for f in model._meta.get_fields()}
    ]
    unplaced = sorted(
        {model._meta.label for model, _ in named_only_by_name() if not issubclass(model, ConstraintErrorsOnFieldsMixin)}
    )

    assert (misplaced, unplaced) == ([], [])
