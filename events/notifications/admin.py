from django.contrib import admin

from events.notifications.models import OutboundEmail


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "to", "status", "attempts", "due_at", "sent_at"]
    list_filter = ["status", "kind", "language"]
    search_fields = ["to", "subject", "reference", "provider_message_id"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in OutboundEmail._meta.fields]
