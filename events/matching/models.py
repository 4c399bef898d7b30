"""What a company says it can do for one of a delegation's procurement priorities (issue 16)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from events.core.text import validate_multi_line
from events.missions.models import Organization, ProcurementPriority
from events.missions.models.delegation import validate_certifications


class PriorityAnswer(models.Model):
    """A company's answer to a priority: how it would serve it, its references, the certifications it holds.

    One per company and priority; the company edits it. The matcher reads it with the company's profile.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="priority_answers", verbose_name=_("company")
    )
    priority = models.ForeignKey(
        ProcurementPriority, on_delete=models.CASCADE, related_name="answers", verbose_name=_("priority")
    )
    offer = models.TextField(_("how you would serve it"), max_length=2000, validators=[validate_multi_line])
    references = models.TextField(_("references"), max_length=2000, blank=True, validators=[validate_multi_line])
    certifications = models.JSONField(
        _("certifications held"), default=list, blank=True, validators=[validate_certifications]
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("answer to a priority")
        verbose_name_plural = _("answers to priorities")
        constraints = [
            models.UniqueConstraint(fields=["organization", "priority"], name="one_answer_per_company_and_priority")
        ]

    def __str__(self):
        return f"{self.organization} → {self.priority}"


class PriorityInvitation(models.Model):
    """An organiser invited a company from the directory to serve a priority (once per company and priority)."""

    priority = models.ForeignKey(
        ProcurementPriority, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("priority")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="priority_invitations", verbose_name=_("company")
    )
    score = models.PositiveSmallIntegerField(_("score when invited"))
    invited_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("invited by")
    )
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation to a priority")
        verbose_name_plural = _("invitations to priorities")
        constraints = [
            models.UniqueConstraint(fields=["priority", "organization"], name="one_invitation_per_company_and_priority")
        ]

    def __str__(self):
        return f"{self.organization} ← {self.priority}"
