from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm as BaseUserChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from events.accounts.models import User
from events.accounts.services import address_refusal, make_primary_address


class UserChangeForm(BaseUserChangeForm):
    def clean_email(self):
        """An address is one account's: allauth's list holds each once (a primary or a second address), so one
        another account holds is refused here rather than failing on its save."""
        email = self.cleaned_data["email"]
        taken = EmailAddress.objects.filter(email__iexact=email).exclude(user=self.instance).first()
        if taken is not None:
            raise ValidationError(
                _("Another account uses this address already.")
                if taken.primary
                else _("Another account uses this address already (as a second address).")
            )
        if refusal := address_refusal(self.instance, email):
            raise ValidationError(refusal)
        return email


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserChangeForm
    ordering = ["email"]
    list_display = ["email", "full_name", "language", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "language"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["full_name", "language"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "email" in form.changed_data:
            make_primary_address(obj, obj.email)
