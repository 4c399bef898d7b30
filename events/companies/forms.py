from django import forms
from django.utils.translation import gettext_lazy as _

from events.core.text import validate_single_line
from events.missions.models import Organization, Sector


class CompanyProfileForm(forms.ModelForm):
    sectors = forms.ModelMultipleChoiceField(
        queryset=Sector.objects.all(), widget=forms.CheckboxSelectMultiple, required=False, label=_("Sectors")
    )
    # A website typed without a scheme is https, as Django 6 will assume.
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    logo_upload = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG, GIF or WebP, at most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}),
    )

    class Meta:
        model = Organization
        fields = ["name", "country", "city", "website", "size", "sectors", "description", "offers"]
        labels = {"name": _("Company name")}
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "offers": forms.Textarea(attrs={"rows": 4})}

    def profile_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class NewCompanyForm(CompanyProfileForm):
    full_name = forms.CharField(label=_("Your full name"), max_length=200, validators=[validate_single_line])
    job_title = forms.CharField(
        label=_("Your job title"), max_length=150, required=False, validators=[validate_single_line]
    )

    field_order = ["full_name", "job_title"]


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Colleague's email"))


class AcceptInvitationForm(forms.Form):
    job_title = forms.CharField(
        label=_("Your job title"), max_length=150, required=False, validators=[validate_single_line]
    )


class OwnDetailsForm(forms.Form):
    """A representative's own name and job title; the service says what it refuses, on each field."""

    full_name = forms.CharField(label=_("Your full name"), required=False, validators=[validate_single_line])
    job_title = forms.CharField(label=_("Your job title"), required=False, validators=[validate_single_line])
