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


class RemembersStoredValues:
    """A model whose post_save receivers tell a save that changed one of its `stored_fields` from one that did not,
    whatever made the save (a page, the admin, an import, a service): the values as read from the database, the
    pattern of Django's "Customizing model loading" (Model.from_db)."""

    stored_fields: tuple[str, ...] = ()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.stored_values = {name: instance.__dict__.get(name) for name in cls.stored_fields}
        return instance

    def value_before_save(self, name, *, same=None):
        """In a post_save receiver: what `name` held as stored if this save changed it, else None (unchanged, not
        loaded, or a new row). The value saved becomes the stored one, so saving it again is no change. `same`
        compares two values (equality by default)."""
        stored = self.__dict__.setdefault("stored_values", {})
        before, now = stored.get(name), getattr(self, name)
        stored[name] = now
        if before is None or (same or (lambda first, second: first == second))(before, now):
            return None
        return before


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
