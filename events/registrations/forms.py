"""The registration form of the mission page: sessions, named attendees and the organiser's questions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from events.core.text import validate_multi_line, validate_single_line
from events.registrations.models import Question


def _question_field(question):
    common = {"label": question.label, "help_text": question.help_text, "required": False}
    if question.kind == Question.Kind.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), validators=[validate_multi_line], **common)
    if question.kind == Question.Kind.YES_NO:
        return forms.ChoiceField(choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))], **common)
    if question.kind == Question.Kind.CHOICE:
        return forms.ChoiceField(choices=[("", "—"), *[(option, option) for option in question.choices]], **common)
    return forms.CharField(max_length=300, validators=[validate_single_line], **common)


class RegistrationForm(forms.Form):
    """Field rules that need the database (limits, required answers, open sessions) live in the service.

    The form only shapes the input, so that the page and the API refuse the same things with the
    same messages.
    """

    def __init__(self, *args, sessions, representative=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions = list(sessions)
        self.fields["sessions"] = forms.TypedMultipleChoiceField(
            label=_("Sessions"),
            coerce=int,
            choices=[(session.pk, session.title) for session in self.sessions],
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": _("Choose at least one session.")},
        )
        self.attendee_rows = max((session.attendees_per_company for session in self.sessions), default=1)
        for number in range(1, self.attendee_rows + 1):
            self.fields[f"attendee_{number}_full_name"] = forms.CharField(
                label=_("Full name"), max_length=200, required=False, validators=[validate_single_line]
            )
            self.fields[f"attendee_{number}_email"] = forms.EmailField(label=_("Email"), required=False)
            self.fields[f"attendee_{number}_job_title"] = forms.CharField(
                label=_("Job title"), max_length=150, required=False, validators=[validate_single_line]
            )
        if representative is not None and not self.is_bound:
            user = representative.user
            self.initial.update(
                attendee_1_full_name=user.full_name,
                attendee_1_email=user.email,
                attendee_1_job_title=representative.job_title,
            )
        self.questions_by_session = {}
        for session in self.sessions:
            questions = list(session.questions.all())
            self.questions_by_session[session.pk] = questions
            for question in questions:
                self.fields[f"question_{question.pk}"] = _question_field(question)

    def attendee_rows_fields(self):
        """[(number, name field, email field, job title field)] for the template."""
        return [
            (
                number,
                self[f"attendee_{number}_full_name"],
                self[f"attendee_{number}_email"],
                self[f"attendee_{number}_job_title"],
            )
            for number in range(1, self.attendee_rows + 1)
        ]

    def session_choices(self):
        """Each checkbox of the sessions field with the session it stands for, so the page can describe it."""
        return list(zip(self["sessions"], self.sessions, strict=True))

    def sessions_with_questions(self):
        return [
            (session, [self[f"question_{q.pk}"] for q in self.questions_by_session[session.pk]])
            for session in self.sessions
        ]

    def chosen_sessions(self):
        chosen = set(self.cleaned_data["sessions"])
        return [session for session in self.sessions if session.pk in chosen]

    def attendees(self):
        rows = []
        for number in range(1, self.attendee_rows + 1):
            row = {
                key: self.cleaned_data.get(f"attendee_{number}_{key}", "")
                for key in ("full_name", "email", "job_title")
            }
            if any(value.strip() for value in row.values()):
                rows.append(row)
        return rows

    def answers(self):
        """Answers to the questions of the chosen sessions only (others are not asked)."""
        return {
            str(question.pk): self.cleaned_data.get(f"question_{question.pk}", "")
            for session in self.chosen_sessions()
            for question in self.questions_by_session[session.pk]
        }
