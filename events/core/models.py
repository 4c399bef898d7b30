from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


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
