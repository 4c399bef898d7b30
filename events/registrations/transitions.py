"""Which decisions an organiser may take on a registration in each status, and what to say when one is refused.

The services enforce these transitions under the session's lock (tests/registrations/test_organiser_page.py
checks that this table and the services agree); pages and the API read the table to explain a refusal.
"""

from django.utils.translation import gettext as _

from events.registrations.models import Registration

Status = Registration.Status

ALLOWED_DECISIONS = {
    Status.PENDING: ("approve", "decline", "cancel"),
    Status.WAITLISTED: ("decline", "cancel"),
    Status.CONFIRMED: ("cancel",),
    Status.DECLINED: (),
    Status.CANCELLED: (),
}


def explain_refusal(registration, decision) -> str:
    """Why `decision` does not apply to the registration in its present status, and what does instead."""
    company = registration.organization.name
    status = registration.status
    if status == Status.WAITLISTED and decision == "approve":
        return _(
            "%(company)s is on the waitlist: it cannot be approved. It is confirmed by itself, in order, when a "
            "seat frees up (raise the capacity to seat it now); or decline or cancel it."
        ) % {"company": company}
    if status == Status.CONFIRMED and decision == "approve":
        return _("%(company)s is already confirmed: there is nothing to approve.") % {"company": company}
    if status == Status.CONFIRMED and decision == "decline":
        return _("%(company)s is confirmed: it cannot be declined. Cancel it instead.") % {"company": company}
    if status == Status.DECLINED:
        return _(
            "%(company)s's registration is already declined: nothing more can be done with it. "
            "The company may register again."
        ) % {"company": company}
    if status == Status.CANCELLED:
        return _(
            "%(company)s's registration is already cancelled: nothing more can be done with it. "
            "The company may register again."
        ) % {"company": company}
    return _("%(company)s: this registration can no longer be changed this way.") % {"company": company}
