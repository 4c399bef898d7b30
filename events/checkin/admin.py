"""Check-in is done at the door (the check-in pages and their API): the admin shows what happened there.

Who checks people in is named here through the service, as the mission's page does: organisers only.
"""

from django.contrib import admin

from events.checkin import services
from events.checkin.models import Badge, CheckIn, CheckInStaff, Scan
from events.core.admin import ShownOnly
from events.missions.admin_scope import OrganisersEdit


@admin.register(CheckInStaff)
class CheckInStaffAdmin(OrganisersEdit, admin.ModelAdmin):
    mission_lookup = "mission"
    list_display = ["user", "mission"]
    list_filter = ["mission"]
    autocomplete_fields = ["user"]

    def has_change_permission(self, request, obj=None):
        return False  # name another person instead

    def save_through_services(self, user, obj, form, change):
        named = services.name_check_in_staff(obj.mission, acting_user=user, user=obj.user)
        obj.pk = named.pk  # the admin links to the row the service wrote

    def delete_through_services(self, user, obj):
        services.remove_check_in_staff(obj, acting_user=user)


@admin.register(Badge)
class BadgeAdmin(ShownOnly, admin.ModelAdmin):
    list_display = ["email", "mission", "issued_at"]
    list_filter = ["mission"]
    search_fields = ["email"]
    # The secret is what the QR code carries: not shown, so a screenshot of the admin lets nobody in.
    exclude = ["secret"]


@admin.register(CheckIn)
class CheckInAdmin(ShownOnly, admin.ModelAdmin):
    list_display = ["badge", "session", "checked_in_at", "checked_in_by"]
    list_filter = ["session__stop__mission"]


@admin.register(Scan)
class ScanAdmin(ShownOnly, admin.ModelAdmin):
    list_display = ["nonce", "session", "outcome", "scanned_at", "recorded_at"]
    list_filter = ["outcome"]
