from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from events.core.admin import ShownOnlyForm
from events.missions import services
from events.missions.admin_scope import OrganisersEdit
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
class MissionAdmin(OrganisersEdit, TranslationAdmin):
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
class StopAdmin(OrganisersEdit, admin.ModelAdmin):
    mission_lookup = "mission"
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
class SessionAdmin(OrganisersEdit, TranslationAdmin):
    mission_lookup = "stop__mission"
    form = SessionForm
    list_display = ["title", "kind", "stop", "starts_at", "capacity", "registration_mode", "audience"]
    list_filter = ["kind", "registration_mode", "audience", "stop__mission"]
    search_fields = ["title", "description", "venue", "stop__city"]
    filter_horizontal = ["sectors"]
    list_select_related = ["stop"]

    def get_fieldsets(self, request, obj=None):
        # modeltranslation lays the page out from the model's fields: the form's "if a time happens twice" choice,
        # which no model field holds, was left out, and a time in the repeated hour was refused with a pointer to a
        # choice the page did not have. It goes after the times it tells apart. (Not a `fieldsets` attribute: the
        # translation admin sets `fields` too, which the admin's checks refuse beside it.)
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            fields = [field for field in options["fields"] if field != "repeated_hour"]
            if "registration_closes_at" in fields:
                fields.insert(fields.index("registration_closes_at") + 1, "repeated_hour")
            fieldsets.append((name, {**options, "fields": fields}))
        return fieldsets

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
class DelegationAdmin(OrganisersEdit, admin.ModelAdmin):
    mission_lookup = "mission"
    list_display = ["name", "mission", "country"]
    list_filter = ["country", "mission"]
    search_fields = ["name", "mission__title"]
    inlines = [DelegateInline, ProcurementPriorityInline]

    def save_through_services(self, user, obj, form, change):
        if change:
            services.update_delegation(obj, acting_user=user, **self.changed_fields(form))
        else:
            services.create_delegation(obj.mission, acting_user=user, delegation=obj)

    def delete_through_services(self, user, obj):
        services.remove_delegation(obj, acting_user=user)


class DelegateAdminForm(forms.ModelForm):
    """The admin's delegate form (its model and fields come from DelegateAdmin), with the confirmation a role
    that meets no company asks for (services.update_delegate)."""

    cancel_meetings = forms.BooleanField(
        label=_("Cancel their meetings"),
        required=False,
        help_text=_(
            "For a role that meets no company (interpreter, staff): their meetings and open requests are cancelled "
            "for both sides. Without it, such a change is refused while they have any."
        ),
    )


@admin.register(Delegate)
class DelegateAdmin(OrganisersEdit, admin.ModelAdmin):
    form = DelegateAdminForm
    mission_lookup = "delegation__mission"
    list_display = ["full_name", "role", "job_title", "delegation", "email"]
    list_filter = ["role", "delegation__mission", "sectors"]
    search_fields = ["full_name", "job_title", "email", "organization__name"]
    autocomplete_fields = ["organization", "user"]
    filter_horizontal = ["sectors"]

    def save_through_services(self, user, obj, form, change):
        if change:
            fields = self.changed_fields(form)
            fields.pop("cancel_meetings", None)
            cancel = form.cleaned_data.get("cancel_meetings", False)
            services.update_delegate(obj, acting_user=user, cancel_meetings=cancel, **fields)
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
