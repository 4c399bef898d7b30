from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


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
