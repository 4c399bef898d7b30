"""Registrations are read here; what the admin changes goes through the services, as the pages and the API do.

Who attends, their seats, the waitlist and the mail are the registration services' (an attendee added or a
registration deleted here would skip them), so registrations and their attendees are shown, not edited:
an attendee's address alone is corrected, through change_attendee_email, which invites the new address
and checks it as registering does. Questions are added, changed and removed by the mission's organisers.
"""

from django.contrib import admin

from events.core.admin import DeletedWithTheirParentOnly, ShownOnlyForm
from events.missions.admin_scope import OrganisersEdit
from events.registrations import services
from events.registrations.models import Answer, Attendee, Question, Registration


class AttendeeInline(admin.TabularInline):
    model = Attendee
    form = ShownOnlyForm
    fields = readonly_fields = ["full_name", "email", "job_title"]
    extra = 0
    can_delete = False
    show_change_link = True  # where the address is corrected

    def has_add_permission(self, request, obj=None):
        return False


class AnswerInline(admin.TabularInline):
    model = Answer
    form = ShownOnlyForm
    fields = readonly_fields = ["question", "value"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(DeletedWithTheirParentOnly, admin.ModelAdmin):
    """Read and search here; a company registers on its page, organisers decide on theirs (or the API)."""

    list_display = ["organization", "session", "status", "seats", "waitlist_number", "created_at"]
    list_filter = ["status", "session__stop__mission", "organization__country"]
    search_fields = ["organization__name", "attendees__full_name", "attendees__email", "session__title"]
    list_select_related = ["organization", "session"]
    inlines = [AttendeeInline, AnswerInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Attendee)
class AttendeeAdmin(DeletedWithTheirParentOnly, OrganisersEdit, admin.ModelAdmin):
    mission_lookup = "registration__session__stop__mission"
    list_display = ["full_name", "email", "job_title", "registration"]
    search_fields = ["full_name", "email", "registration__organization__name"]
    list_select_related = ["registration__organization", "registration__session"]
    fields = ["full_name", "email", "job_title", "registration"]
    readonly_fields = ["full_name", "job_title", "registration"]

    def has_add_permission(self, request):
        return False

    def save_through_services(self, user, obj, form, change):
        if "email" in form.changed_data:
            services.change_attendee_email(obj, acting_user=user, email=form.cleaned_data["email"])


@admin.register(Question)
class QuestionAdmin(OrganisersEdit, admin.ModelAdmin):
    mission_lookup = "session__stop__mission"
    """Questions asked of registering companies; a session's questions show in its registration form."""

    list_display = ["label", "session", "kind", "required", "asked", "position"]
    list_filter = ["kind", "asked", "session__stop__mission"]
    search_fields = ["label", "session__title"]
    list_select_related = ["session"]
    autocomplete_fields = ["session"]

    def save_through_services(self, user, obj, form, change):
        if change:
            services.update_question(obj, acting_user=user, **self.changed_fields(form))
        else:
            services.add_question(acting_user=user, question=obj)

    def delete_through_services(self, user, obj):
        services.remove_question(obj, acting_user=user)

    def removal_refusal(self, obj) -> str:
        return services.question_removal_refusal(obj)
