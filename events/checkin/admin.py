from django.contrib import admin

from events.checkin.models import Badge, CheckIn, CheckInStaff, Scan


@admin.register(CheckInStaff)
class CheckInStaffAdmin(admin.ModelAdmin):
    list_display = ["user", "mission"]
    list_filter = ["mission"]
    autocomplete_fields = ["user"]


@admin.register(Badge)
class BadgeAdmin(admin.ModelAdmin):
    list_display = ["email", "mission", "issued_at"]
    list_filter = ["mission"]
    search_fields = ["email"]
    # The secret is what the QR code carries: not shown, so a screenshot of the admin lets nobody in.
    exclude = ["secret"]


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["badge", "session", "checked_in_at", "checked_in_by"]
    list_filter = ["session__stop__mission"]
    readonly_fields = ["recorded_at"]


@admin.register(Scan)
class ScanAdmin(admin.ModelAdmin):
    list_display = ["nonce", "session", "outcome", "scanned_at", "recorded_at"]
    list_filter = ["outcome"]
