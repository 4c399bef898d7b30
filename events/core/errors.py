"""Domain errors: raised by services, turned into 400/409 answers by the API."""

from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    """A business rule refused an operation. `field` names the input a person should change."""

    code = "application_error"
    status_code = 400
    default_message = _("The operation could not be completed.")

    def __init__(self, message=None, *, field=None, code=None):
        self.message = message or self.default_message
        self.field = field
        if code:
            self.code = code
        super().__init__(str(self.message))


class PermissionDeniedError(ApplicationError):
    code = "permission_denied"
    status_code = 403
    default_message = _("You are not allowed to do this.")


class ConflictError(ApplicationError):
    code = "conflict"
    status_code = 409
    default_message = _("This conflicts with the current state; reload and try again.")
