from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models


def clean_value(model, field_name, value, *, error_key=None):
    """`value` as the model's field would accept it (type, length, validators), for a service that writes the
    field without `full_clean()`. A refusal is a ValidationError on `error_key`, the field's name by default."""
    try:
        return model._meta.get_field(field_name).clean(value, None)
    except ValidationError as error:
        raise ValidationError({error_key or field_name: error.messages}) from None


class ConstraintErrorsOnFieldsMixin:
    """Report a violated conditional or expression constraint on the field a person must change.

    Django reports such constraints as errors on the whole record; `constraint_fields` maps a
    constraint's name to the field that should carry its message instead.
    """

    constraint_fields: dict = {}

    def validate_constraints(self, exclude=None):
        errors = {}
        for constraint in self._meta.constraints:
            try:
                constraint.validate(type(self), self, exclude=exclude)
            except ValidationError as error:
                field = self.constraint_fields.get(constraint.name, NON_FIELD_ERRORS)
                errors.setdefault(field, []).extend(error.error_list)
        if errors:
            raise ValidationError(errors)


class PendingAnnouncement(models.Model):
    """An attendance change announced inside a short transaction and left for a worker to follow.

    Written with the change (events.core.signals.announcements_left_to_worker), so it commits or rolls
    back with it; a worker sends `attendance_changed` for it after commit and deletes it in the same
    transaction. A row left behind by a crash is followed by the next sweep (every 10 s).
    """

    sessions = models.JSONField(default=list)
    people = models.JSONField(default=list)
    announced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"sessions {self.sessions}, people {self.people}"
