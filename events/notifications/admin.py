from django.contrib import admin

from events.notifications.models import DeliveryEvent, OutboundEmail, UnreachableAddress


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "to", "status", "attempts", "due_at", "sent_at"]
    list_filter = ["status", "kind", "language"]
    search_fields = ["to", "subject", "reference", "provider_message_id"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in OutboundEmail._meta.fields]

    def has_add_permission(self, request):
        return False  # composed by the apps, in the recipient's language


@admin.register(UnreachableAddress)
class UnreachableAddressAdmin(admin.ModelAdmin):
    """Deleting one lets mail to it be offered again (once the person says the mailbox works; SendGrid's
    own suppression list must then be cleared in its console too)."""

    list_display = ["email", "event", "reason", "since"]
    list_filter = ["event"]
    search_fields = ["email"]
    readonly_fields = ["email", "event", "reason", "since"]

    def has_add_permission(self, request):
        return False


@admin.register(DeliveryEvent)
class DeliveryEventAdmin(admin.ModelAdmin):
    list_display = ["occurred_at", "event", "email", "detail", "outbound_email"]
    list_filter = ["event"]
    search_fields = ["email", "provider_event_id"]
    readonly_fields = [field.name for field in DeliveryEvent._meta.fields]

    def has_add_permission(self, request):
        return False
