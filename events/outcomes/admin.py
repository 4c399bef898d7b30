from django.contrib import admin

from events.outcomes.models import FeedbackAnswer, FeedbackRequest, FollowUpWave, Lead, MissionFunding


@admin.register(Lead)
class LeadAdmin(admin.ModelAdmin):
    list_display = ["mission", "pair", "stop", "created_at"]
    list_filter = ["mission"]
    raw_id_fields = ["meetings"]


@admin.register(FollowUpWave)
class FollowUpWaveAdmin(admin.ModelAdmin):
    list_display = ["mission", "opens_on", "sent_at"]


@admin.register(FeedbackRequest)
class FeedbackRequestAdmin(admin.ModelAdmin):
    list_display = ["lead", "party", "wave", "meeting", "created_at"]
    raw_id_fields = ["lead", "meeting", "organization", "delegate"]


@admin.register(FeedbackAnswer)
class FeedbackAnswerAdmin(admin.ModelAdmin):
    list_display = ["feedback_request", "stage", "deal_kind", "deal_value", "deal_currency", "may_cite", "answered_at"]
    raw_id_fields = ["feedback_request"]


admin.site.register(MissionFunding)
