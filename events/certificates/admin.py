from django.contrib import admin

from events.certificates.models import AttendanceMark, Certificate, CertificateDefinition, SigningKey


@admin.register(CertificateDefinition)
class CertificateDefinitionAdmin(admin.ModelAdmin):
    list_display = ["title", "mission", "minimum_check_ins", "issuer_name", "created_at"]
    list_filter = ["mission"]
    filter_horizontal = ["sessions"]
    search_fields = ["title"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """Read-only but for revoking: a certificate's fields are copies of its signed record, which the admin
    cannot re-sign (an edited name would no longer match the signature)."""

    list_display = ["name", "definition", "issued_at", "revoked_at"]
    list_filter = ["definition__mission", "revoked_at"]
    search_fields = ["name", "email", "public_id"]
    readonly_fields = ["definition", "public_id", "email", "name", "issued_at", "record", "signature", "signing_key"]

    def has_add_permission(self, request):
        return False


@admin.register(SigningKey)
class SigningKeyAdmin(admin.ModelAdmin):
    """The private half is never shown (exclude); rotating is `manage.py rotate_certificate_key`."""

    list_display = ["kid", "active", "created_at", "retired_at"]
    exclude = ["private_key"]
    readonly_fields = ["kid", "public_key", "active", "created_at", "retired_at"]

    def has_add_permission(self, request):
        return False


@admin.register(AttendanceMark)
class AttendanceMarkAdmin(admin.ModelAdmin):
    """Read-only: marking and unmarking go through the certificates page or the API, which record who marked,
    check the person is on a session's list, and refuse to unmark once the certificate is issued."""

    list_display = ["email", "definition", "marked_by", "marked_at"]
    list_filter = ["definition__mission"]
    search_fields = ["email"]
    readonly_fields = ["definition", "email", "marked_by", "marked_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
