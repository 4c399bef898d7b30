from django.utils.translation import gettext_lazy as _

from events.core.errors import ApplicationError, ConflictError


class RegistrationClosed(ApplicationError):
    code = "registration_closed"
    default_message = _("Registration for this session is not open.")


class AlreadyRegistered(ConflictError):
    code = "already_registered"
    default_message = _("Your company is already registered for this session.")


class InvalidTransition(ConflictError):
    code = "invalid_transition"
    default_message = _("This registration can no longer be changed this way.")


class SessionOver(ConflictError):
    """A session that has ended keeps its registrations as they were: they record who came (the lists, the
    check-ins, the certificates), and changing one would mail its attendees about a day gone by."""

    code = "session_over"
    default_message = _("This session is over: its registrations stay as they were.")
