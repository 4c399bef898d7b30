from django.contrib import admin

from events.registrations.models import Answer, Attendee, Question, Registration


class AttendeeInline(admin.TabularInline):
    model = Attendee
    extra = 0


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    readonly_fields = ["question", "value"]
    can_delete = False


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Read and search here; changes of status go through the API so seats and mail stay right."""

    list_display = ["organization", "session", "status", "seats", "waitlist_number", "created_at"]
    list_filter = ["status", "session__stop__mission", "organization__country"]
    search_fields = ["organization__name", "attendees__full_name", "attendees__email", "session__title"]
    list_select_related = ["organization", "session"]
    readonly_fields = ["status", "seats", "waitlist_number", "created_at", "updated_at"]
    inlines = [AttendeeInline, AnswerInline]


@admin.register(Attendee)
class AttendeeAdmin(admin.ModelAdmin):
    list_display = ["full_name", "email", "job_title", "registration"]
    search_fields = ["full_name", "email", "registration__organization__name"]
    list_select_related = ["registration__organization", "registration__session"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    """Questions asked of registering companies; a session's questions show in its registration form."""

    list_display = ["label", "session", "kind", "required", "position"]
    list_filter = ["kind", "session__stop__mission"]
    search_fields = ["label", "session__title"]
    list_select_related = ["session"]
    autocomplete_fields = ["session"]
