from contextlib import contextmanager

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from modeltranslation.admin import TranslationAdmin

from events.core.errors import PermissionDeniedError
from events.missions import services
from events.missions.forms import SessionForm
from events.missions.models import (
    Delegate,
    Delegation,
    Mission,
    Organization,
    ProcurementPriority,
    Representative,
    Sector,
    Session,
    Stop,
)


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "name_fr", "name_ar", "slug"]
    search_fields = ["name", "name_fr", "name_ar", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "city"]
    list_filter = ["kind", "country", "sectors"]
    search_fields = ["name", "city", "description"]
    filter_horizontal = ["sectors"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Representative)
class RepresentativeAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "job_title"]
    list_filter = ["organization__kind"]
    search_fields = ["user__email", "user__full_name", "organization__name"]
    autocomplete_fields = ["user", "organization"]


class ThroughServices:
    """Admin edits of what calendars show go through the services, like the API's and the pages'.

    So a session moved or a stop renamed here is revised (SEQUENCE) and announced, and its people's
    invitations and reminders follow, instead of the feed and the mail telling two stories. What a
    service refuses comes back on the form's fields, as the API answers it, with nothing written.
    Many-to-many fields are left to the admin's save_related.
    """

    def changed_fields(self, form) -> dict:
        many_to_many = {field.name for field in self.model._meta.many_to_many}
        return {name: form.cleaned_data[name] for name in form.changed_data if name not in many_to_many}

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except _Refused as refused:
            # The admin's transaction has rolled the attempt back. The same post is shown again, its form
            # carrying the refusal, the way the admin shows any invalid input.
            request.refused_by_service = refused.error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        refusal = getattr(request, "refused_by_service", None)
        return form if refusal is None else type(form.__name__, (_RefusedForm, form), {"refusal": refusal})

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except _Refused as refused:
            self.message_user(request, " ".join(refused.error.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)

    def save_model(self, request, obj, form, change):
        with _refused():
            self.save_through_services(request.user, obj, form, change)

    def delete_model(self, request, obj):
        with _refused():
            self.delete_through_services(request.user, obj)

    def delete_queryset(self, request, queryset):
        # All or none: a refusal halfway must not leave the first ones deleted.
        with _refused(), transaction.atomic():
            for obj in queryset:
                self.delete_through_services(request.user, obj)

    def save_through_services(self, user, obj, form, change):
        raise NotImplementedError

    def delete_through_services(self, user, obj):
        obj.delete()


class _Refused(Exception):
    def __init__(self, error):
        super().__init__(error)
        self.error = error


@contextmanager
def _refused():
    """A service's refusal: not an organiser is the admin's 403; a rule broken goes back to the form."""
    try:
        yield
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error.message)) from error
    except ValidationError as error:
        raise _Refused(error) from error


class _RefusedForm(forms.BaseForm):
    """The admin's form for a post a service refused: its errors on the fields the service named."""

    refusal: ValidationError

    def clean(self):
        cleaned = super().clean()
        by_field = self.refusal.error_dict if hasattr(self.refusal, "error_dict") else {NON_FIELD_ERRORS: self.refusal}
        for name, errors in by_field.items():
            # A field this form does not show (a translated title's base name) is told above the form.
            self.add_error(name if name in self.fields else None, errors)
        return cleaned


class ShownOnlyForm(forms.ModelForm):
    """A row a read-only inline shows and nobody edits here: nothing to validate.

    Its own rules are checked where it is edited; checked here against the parent's unsaved changes,
    a stop's dates against the mission's new ones would be an error on a field this form does not have
    (a crash, not a message). The service saving the parent says it on the parent's field instead.
    """

    def _post_clean(self):
        pass


class StopInline(admin.TabularInline):
    """Read only: a stop's place is in its sessions' calendar entries, so it is changed on its own page."""

    model = Stop
    form = ShownOnlyForm
    extra = 0
    show_change_link = True
    fields = ["order", "city", "country", "time_zone", "start_date", "end_date"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class DelegationInline(admin.TabularInline):
    model = Delegation
    extra = 0
    show_change_link = True


@admin.register(Mission)
class MissionAdmin(ThroughServices, TranslationAdmin):
    list_display = ["title", "kind", "status", "start_date", "end_date", "time_zone"]
    list_filter = ["status", "kind", "sectors"]
    search_fields = ["title", "summary", "description"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["sectors", "implementers", "organisers"]
    autocomplete_fields = ["sponsor"]
    inlines = [StopInline, DelegationInline]

    def save_through_services(self, user, obj, form, change):
        if change:
            services.update_mission(obj, acting_user=user, **self.changed_fields(form))
        else:
            obj.save()  # a new mission is a draft that nobody attends yet


@admin.register(Stop)
class StopAdmin(ThroughServices, admin.ModelAdmin):
    list_display = ["city", "mission", "order", "country", "time_zone", "start_date", "end_date"]
    list_filter = ["country", "time_zone"]
    search_fields = ["city", "region", "venue", "mission__title"]
    autocomplete_fields = ["mission"]

    def save_through_services(self, user, obj, form, change):
        if change:
            services.update_stop(obj, acting_user=user, **self.changed_fields(form))
        else:
            services.add_stop(obj.mission, acting_user=user, stop=obj)

    def delete_through_services(self, user, obj):
        services.remove_stop(obj, acting_user=user)


@admin.register(Session)
class SessionAdmin(ThroughServices, TranslationAdmin):
    form = SessionForm
    list_display = ["title", "kind", "stop", "starts_at", "capacity", "registration_mode", "audience"]
    list_filter = ["kind", "registration_mode", "audience", "stop__mission"]
    search_fields = ["title", "description", "venue", "stop__city"]
    filter_horizontal = ["sectors"]
    list_select_related = ["stop"]

    def save_through_services(self, user, obj, form, change):
        if change:
            services.update_session(obj, acting_user=user, **self.changed_fields(form))
        else:
            services.schedule_session(obj.stop, acting_user=user, session=obj)

    def delete_through_services(self, user, obj):
        services.remove_session(obj, acting_user=user)


class ProcurementPriorityInline(admin.TabularInline):
    model = ProcurementPriority
    extra = 0


class DelegateInline(admin.TabularInline):
    """Read only: a seat in the delegation is a role in calendars, so it is changed on the delegate's page."""

    model = Delegate
    form = ShownOnlyForm
    extra = 0
    fields = ["full_name", "role", "job_title", "organization", "email"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Delegation)
class DelegationAdmin(ThroughServices, admin.ModelAdmin):
    list_display = ["name", "mission", "country"]
    list_filter = ["country", "mission"]
    search_fields = ["name", "mission__title"]
    inlines = [DelegateInline, ProcurementPriorityInline]

    def save_through_services(self, user, obj, form, change):
        if change:
            services.update_delegation(obj, acting_user=user, **self.changed_fields(form))
        else:
            services.create_delegation(obj.mission, acting_user=user, delegation=obj)


@admin.register(Delegate)
class DelegateAdmin(ThroughServices, admin.ModelAdmin):
    list_display = ["full_name", "role", "job_title", "delegation", "email"]
    list_filter = ["role", "delegation__mission", "sectors"]
    search_fields = ["full_name", "job_title", "email", "organization__name"]
    autocomplete_fields = ["organization", "user"]
    filter_horizontal = ["sectors"]

    def save_through_services(self, user, obj, form, change):
        if change:
            services.update_delegate(obj, acting_user=user, **self.changed_fields(form))
        else:
            services.add_delegate(obj.delegation, acting_user=user, delegate=obj)

    def delete_through_services(self, user, obj):
        services.remove_delegate(obj, acting_user=user)


@admin.register(ProcurementPriority)
class ProcurementPriorityAdmin(admin.ModelAdmin):
    list_display = ["title", "delegation", "sector", "budget_band", "timeline"]
    list_filter = ["sector", "budget_band", "timeline"]
    search_fields = ["title", "seeking", "project", "delegation__name"]
    filter_horizontal = ["owners"]
