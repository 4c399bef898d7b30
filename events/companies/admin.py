from django.contrib import admin

from events.companies.models import Invitation


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are sent by representatives; here they can be read and withdrawn, not forged."""

    list_display = ["email", "organization", "invited_by", "created_at", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["accepted_at", "revoked_at"]
    search_fields = ["email", "organization__name"]
    list_select_related = ["organization", "invited_by"]
    readonly_fields = ["organization", "email", "invited_by", "created_at", "expires_at", "accepted_at"]

    def has_add_permission(self, request):
        return False
