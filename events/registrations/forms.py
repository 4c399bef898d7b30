"""The registration form of the mission page (sessions, named attendees, the organiser's questions), and the
organisers' bulk decision on a session's registrations."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from events.core.text import validate_multi_line, validate_single_line, whole_number
from events.registrations.errors import AlreadyRegistered
from events.registrations.models import REASON_MAX_LENGTH, Question, Registration
from events.registrations.services import DECISIONS, MAX_BULK_DECISIONS
from events.registrations.validation import attendee_limit, attendee_problems, clean_answers, questions_asked


def _question_field(question):
    """A field that only shapes the answer: the rules (required, length, lines) are validation.clean_answer's."""
    attrs = {"required": True, "aria-required": "true"} if question.required else {}
    common = {"label": question.label, "help_text": question.help_text, "required": False}
    if question.kind == Question.Kind.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3, **attrs}), **common)
    if question.kind == Question.Kind.YES_NO:
        choices = [("", "—"), ("yes", _("Yes")), ("no", _("No"))]
        return forms.ChoiceField(choices=choices, widget=forms.Select(attrs=attrs), **common)
    if question.kind == Question.Kind.CHOICE:
        choices = [("", "—"), *[(option, option) for option in question.choices]]
        return forms.ChoiceField(choices=choices, widget=forms.Select(attrs=attrs), **common)
    return forms.CharField(widget=forms.TextInput(attrs=attrs), **common)


class RegistrationForm(forms.Form):
    """The sessions a company registers for, its named attendees and the organiser's questions.

    The form checks what confirming would (events/registrations/validation.py, the rules the service
    applies again under its lock) and puts each refusal on the field to change, so that the review
    step never shows what the confirm step would refuse. Sessions the company is already registered
    for (`registered`, their pks) are described but not offered; choosing one anyway is refused.
    """

    def __init__(self, *args, sessions, representative=None, registered=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions = list(sessions)
        self.organization = representative.organization if representative is not None else None
        self.registered = set(registered)
        self.offered = [session for session in self.sessions if session.pk not in self.registered]
        self.fields["sessions"] = forms.TypedMultipleChoiceField(
            label=_("Sessions"),
            coerce=int,
            choices=[(session.pk, session.title) for session in self.sessions],
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "required": _("Choose at least one session."),
                # The one way a person meets it: a session's registration closed between review and confirm.
                "invalid_choice": _(
                    "A session you chose no longer takes registrations: its registration closed meanwhile. "
                    "The sessions still open are listed below."
                ),
            },
        )
        self.attendee_rows = max((session.attendees_per_company for session in self.offered), default=1)
        for number in range(1, self.attendee_rows + 1):
            self.fields[f"attendee_{number}_full_name"] = forms.CharField(label=_("Full name"), required=False)
            self.fields[f"attendee_{number}_email"] = forms.CharField(
                label=_("Email"), required=False, widget=forms.EmailInput
            )
            self.fields[f"attendee_{number}_job_title"] = forms.CharField(label=_("Job title"), required=False)
        if representative is not None and not self.is_bound:
            user = representative.user
            self.initial.update(
                attendee_1_full_name=user.full_name,
                attendee_1_email=user.email,
                attendee_1_job_title=representative.job_title,
            )
        self.questions_by_session = {}
        for session in self.offered:
            questions = questions_asked(session)
            self.questions_by_session[session.pk] = questions
            for question in questions:
                self.fields[f"question_{question.pk}"] = _question_field(question)

    def clean_sessions(self):
        chosen = self.cleaned_data["sessions"]
        taken = [session for session in self.sessions if session.pk in chosen and session.pk in self.registered]
        if taken:
            raise forms.ValidationError(
                [f"{session.title}: {AlreadyRegistered.default_message}" for session in taken], code="registered"
            )
        return chosen

    def clean(self):
        cleaned_data = super().clean()
        chosen = self.chosen_sessions()
        limit, limited_by = attendee_limit(chosen) if chosen else (self.attendee_rows, "")
        problems = attendee_problems(
            self.numbered_attendees(),
            limit=limit,
            limited_by=limited_by,
            sessions=chosen,
            organization=self.organization,
        )
        for problem in problems:
            self._add_error_once(f"attendee_{problem.number}_{problem.field}", problem.message)
        try:
            clean_answers(chosen, self.answers())
        except forms.ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self._add_error_once(field if field in self.fields else None, message)
        return cleaned_data

    def _add_error_once(self, field, message):
        """A field already refused by its own shape (a choice not offered) keeps that one message."""
        if field is None or not self.has_error(field):
            self.add_error(field, message)

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
        """Each session with its checkbox (None when already registered), so the page can describe it."""
        boxes = dict(zip([session.pk for session in self.sessions], self["sessions"], strict=True))
        return [(None if session.pk in self.registered else boxes[session.pk], session) for session in self.sessions]

    def sessions_with_questions(self):
        """[(session, [(question, field)])] for the sessions offered that ask something."""
        return [
            (session, [(question, self[f"question_{question.pk}"]) for question in questions])
            for session in self.offered
            if (questions := self.questions_by_session[session.pk])
        ]

    def chosen_sessions(self):
        chosen = set(self.cleaned_data.get("sessions") or ())
        return [session for session in self.offered if session.pk in chosen]

    def numbered_attendees(self):
        """[(row number, attendee)] for the rows with anything typed in them."""
        rows = []
        for number in range(1, self.attendee_rows + 1):
            row = {
                key: self.cleaned_data.get(f"attendee_{number}_{key}", "")
                for key in ("full_name", "email", "job_title")
            }
            if any(value.strip() for value in row.values()):
                rows.append((number, row))
        return rows

    def attendees(self):
        return [row for _number, row in self.numbered_attendees()]

    def answers(self):
        """Answers to the questions of the chosen sessions only (others are not asked)."""
        return {
            str(question.pk): self.cleaned_data.get(f"question_{question.pk}", "")
            for session in self.chosen_sessions()
            for question in self.questions_by_session[session.pk]
        }

    def answered_questions(self):
        """[(session, [(question, answer)])] of the chosen sessions, for the review step."""
        answers = self.answers()

        def shown(question):
            value = answers[str(question.pk)]
            return dict(getattr(self.fields[f"question_{question.pk}"], "choices", ())).get(value, value)

        return [
            (session, [(question, shown(question)) for question in self.questions_by_session[session.pk]])
            for session in self.chosen_sessions()
            if self.questions_by_session[session.pk]
        ]


DECISION_LABELS = {"approve": _("Approve"), "decline": _("Decline"), "cancel": _("Cancel")}
NO_ACTION = _("Choose what to do with the ticked registrations.")
NOT_IN_SESSION = _("One of the ticked registrations is not in this session: reload the page and tick again.")


class TickedRegistrationsField(forms.ModelMultipleChoiceField):
    """Registrations by id. What cannot be an id of the database (beyond 64 bits SQLite cannot even compare:
    `pk__in=[2**70]` is a 500) is refused as not in the session, before any query, as the API's IdField does."""

    def clean(self, value):
        if isinstance(value, list | tuple) and any(whole_number(str(pk), minimum=1) is None for pk in value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().clean(value)


class BulkDecisionForm(forms.Form):
    """An organiser's decision on the registrations ticked on a session's page.

    The API's rules (api.serializers.BulkActionSerializer), from the same constants and validators: one of
    the services' decisions, from one to MAX_BULK_DECISIONS of `registrations` (the session's, as the
    organiser sees them), a reason of at most REASON_MAX_LENGTH characters with no control character but
    line breaks and tabs. Fields are in the page's order, which the error summary follows.
    """

    ids = TickedRegistrationsField(
        queryset=Registration.objects.none(),
        validators=[MaxLengthValidator(MAX_BULK_DECISIONS, _("Tick at most %(limit_value)d registrations at once."))],
        error_messages={
            "required": _("Tick the registrations to decide on."),
            "invalid_choice": NOT_IN_SESSION,
            "invalid_pk_value": NOT_IN_SESSION,
        },
    )
    action = forms.ChoiceField(
        choices=[("", _("Choose an action")), *((decision, DECISION_LABELS[decision]) for decision in DECISIONS)],
        error_messages={"required": NO_ACTION, "invalid_choice": NO_ACTION},
    )
    reason = forms.CharField(required=False, max_length=REASON_MAX_LENGTH, validators=[validate_multi_line])

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ids"].queryset = registrations

    def ticked(self) -> set[str]:
        """The ids the organiser ticked, as sent: kept ticked when the page comes back refused."""
        return set(map(str, self["ids"].value() or ()))


class SubstituteForm(forms.Form):
    """The person sent in an attendee's place; the service (services.substitute_attendee) says what it refuses,
    on each field. `replacing`: the address of the attendee the form was shown for (the page checks it is still
    theirs)."""

    replacing = forms.CharField(required=False, widget=forms.HiddenInput, validators=[validate_single_line])

    full_name = forms.CharField(
        label=_("Full name"),
        required=False,
        max_length=200,
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    email = forms.CharField(
        label=_("Email"),
        required=False,
        max_length=254,
        validators=[validate_single_line],
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text=_("To correct the spelling of a name, give the same address: the person stays the same."),
    )
    job_title = forms.CharField(
        label=_("Job title"),
        help_text=_("Left blank when correcting a name, the job title given before is kept."),
        required=False,
        max_length=150,
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )

    def person(self) -> dict:
        """The fields services.substitute_attendee takes."""
        return {name: self.cleaned_data[name] for name in ("full_name", "email", "job_title")}
