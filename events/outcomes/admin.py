"""Outcomes are recorded by the meetings, the feedback form and the organisers' dashboard: the admin shows
them. A funder's figures are set, and a wave not yet sent cancelled, through the services."""

from django.contrib import admin

from events.core.admin import ShownOnly
from events.missions.admin_scope import OrganisersEdit
from events.outcomes import services
from events.outcomes.models import FeedbackAnswer, FeedbackRequest, FollowUpWave, Lead, MissionFunding


@admin.register(Lead)
class LeadAdmin(ShownOnly, admin.ModelAdmin):
    list_display = ["mission", "pair", "stop", "created_at"]
    list_filter = ["mission"]
    raw_id_fields = ["meetings"]


@admin.register(FollowUpWave)
class FollowUpWaveAdmin(OrganisersEdit, admin.ModelAdmin):
    mission_lookup = "mission"
    """Scheduled on the mission's outcomes page; one not yet sent may be cancelled here."""

    list_display = ["mission", "opens_on", "sent_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_through_services(self, user, obj):
        services.cancel_follow_up_wave(obj, acting_user=user)


@admin.register(FeedbackRequest)
class FeedbackRequestAdmin(ShownOnly, admin.ModelAdmin):
    list_display = ["lead", "party", "wave", "meeting", "created_at"]
    raw_id_fields = ["lead", "meeting", "organization", "delegate"]


@admin.register(FeedbackAnswer)
class FeedbackAnswerAdmin(ShownOnly, admin.ModelAdmin):
    list_display = ["feedback_request", "stage", "deal_kind", "deal_value", "deal_currency", "may_cite", "answered_at"]
    raw_id_fields = ["feedback_request"]


@admin.register(MissionFunding)
class MissionFundingAdmin(OrganisersEdit, admin.ModelAdmin):
    mission_lookup = "mission"
    list_display = ["mission", "funder", "programme_cost", "currency"]
    exclude = ["updated_by"]

    def save_through_services(self, user, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in form.cleaned_data if name != "mission"}
        funding = services.set_mission_funding(obj.mission, acting_user=user, **fields)
        obj.pk = funding.pk  # the admin links to the row the service wrote
