"""What every app's admin shares: edits that go through the app's services, as the API's and the pages' do."""

from contextlib import contextmanager

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect

from events.core.errors import PermissionDeniedError


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
        if obj is not None:
            form = type(form.__name__, (_AsShown, form), {})
        refusal = getattr(request, "refused_by_service", None)
        return form if refusal is None else type(form.__name__, (_RefusedForm, form), {"refusal": refusal})

    def delete_view(self, request, object_id, extra_context=None):
        _mark_removal_through_services(self, request)
        obj = self.get_object(request, object_id)
        if obj is not None and (refusal := self.removal_refusal(obj)):
            # Said before the confirmation page, which would otherwise list what "will be deleted" and then refuse.
            self.message_user(request, refusal, messages.ERROR)
            return HttpResponseRedirect(request.path.removesuffix("delete/") + "change/")
        try:
            return super().delete_view(request, object_id, extra_context)
        except _Refused as refused:
            self.message_user(request, " ".join(refused.error.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)

    def changelist_view(self, request, extra_context=None):
        _mark_removal_through_services(self, request)  # the delete action removes through delete_queryset
        try:
            return super().changelist_view(request, extra_context)
        except _Refused as refused:
            # A bulk delete a service refused (delete_queryset: all or none): said on the list, not a 500.
            self.message_user(request, " ".join(refused.error.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def removal_refusal(self, obj) -> str:
        """Why the service would refuse to remove `obj`, said before asking to confirm; "" to ask."""
        return ""

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


class _AsShown:
    """A change page is a snapshot: each field carries the value it showed (Django's show_hidden_initial), and
    what changed is what the organiser changed on the page, not what differs from the row now. Saved after the
    row changed elsewhere (another organiser moved the session; the delegate moved their account's address), the
    page applies its own edits (changed_fields) and leaves the rest as they are now, instead of writing back the
    values it showed. Files and many-to-many fields are left as Django compares them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field, forms.FileField | forms.ModelMultipleChoiceField):
                field.show_hidden_initial = True


def _mark_removal_through_services(model_admin, request) -> None:
    """Say on `request` that what this admin deletes goes through its app's service (remove_session cancels
    the session for its people), so the rows it takes with it may go (DeletedWithTheirParentOnly)."""
    if type(model_admin).delete_through_services is not ThroughServices.delete_through_services:
        request.removing_through_services = True


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


class DeletedWithTheirParentOnly:
    """Rows the admin never deletes on their own: a registration is cancelled, not deleted, so that its seat
    goes to the waitlist and its people are told. They go with their parent only when a service removes
    it (a session removed here, which cancels it for its people); a parent deleted as a plain row (a
    company, a mission) that would take them along is refused, as the admin refuses any deletion it lacks
    a permission for, and says which.
    """

    def has_delete_permission(self, request, obj=None):
        return getattr(request, "removing_through_services", False) and super().has_delete_permission(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        raise PermissionDenied

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def render_change_form(self, request, context, *args, **kwargs):
        context["show_delete"] = False
        return super().render_change_form(request, context, *args, **kwargs)


class ShownOnly(DeletedWithTheirParentOnly):
    """Records of what happened (a check-in, a scan, a lead, an answer): the admin shows them and writes nothing.

    They are written where they happen, by the services behind the door, the meeting board and the
    feedback form; an admin edit would rewrite the figures a funder reads without anything behind them.
    """

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
