from django.contrib import admin

from events.agenda.models import FeedToken, Invitation


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Who was invited to what, at which version, and what they answered from the email."""

    list_display = ["title", "starts_at", "zone", "email", "sequence", "answer", "cancelled", "mailed"]
    list_filter = ["answer", "cancelled", "mailed"]
    search_fields = ["email", "name", "title", "uid", "scope"]
    date_hierarchy = "starts_at"
    readonly_fields = [field.name for field in Invitation._meta.fields]

    def has_add_permission(self, request):
        return False  # written by the calendar sync from what people attend


@admin.register(FeedToken)
class FeedTokenAdmin(admin.ModelAdmin):
    """Feed links can be seen and revoked here; the secret itself is never stored."""

    list_display = ["user", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["user__email"]
    readonly_fields = ["user", "token_hash", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False  # a person makes their own feed link on their agenda
