from rest_framework import serializers

from events.core.api import IdField
from events.core.text import validate_multi_line
from events.outcomes import selectors
from events.outcomes.models import (
    ANSWER_FIELDS,
    DealKind,
    FeedbackAnswer,
    FeedbackRequest,
    FollowUpWave,
    MissionFunding,
    Stage,
)


class FeedbackAnswerSerializer(serializers.ModelSerializer):
    class Meta:
        model = FeedbackAnswer
        fields = ["id", "feedback_request", "answered_at", "answered_by", *ANSWER_FIELDS]
        read_only_fields = fields


class AnswerRequestSerializer(serializers.Serializer):
    """An answer to a form. After a meeting, `took_place` is required; a deal needs the stage "agreement";
    a value needs its kind and currency (ISO 4217). The model's rules decide, per field."""

    took_place = serializers.BooleanField(required=False, allow_null=True, default=None)
    usefulness = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1, max_value=5)
    stage = serializers.ChoiceField(choices=Stage.choices)
    deal_kind = serializers.ChoiceField(choices=DealKind.choices, required=False, allow_blank=True, default="")
    deal_value = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None, min_value=0
    )
    deal_currency = serializers.RegexField(r"^[A-Z]{3}$", required=False, allow_blank=True, default="")
    home_content_percent = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0, max_value=100
    )
    may_cite = serializers.BooleanField(required=False, default=False)
    note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000, validators=[validate_multi_line]
    )


class FeedbackRequestSerializer(serializers.ModelSerializer):
    mission = serializers.IntegerField(source="lead.mission_id", read_only=True)
    counterpart = serializers.SerializerMethodField()
    wave_opens_on = serializers.DateField(source="wave.opens_on", read_only=True, allow_null=True)
    is_open = serializers.SerializerMethodField()
    latest_answer = serializers.SerializerMethodField()

    class Meta:
        model = FeedbackRequest
        fields = ["id", "lead", "mission", "meeting", "wave", "wave_opens_on", "party", "counterpart", "is_open"]
        fields += ["latest_answer", "created_at"]
        read_only_fields = fields

    def get_counterpart(self, form) -> str:
        return selectors.counterpart_name(form)

    def get_is_open(self, form) -> bool:
        known = self.context.get("open_forms")  # the list's page, read at once (views.FeedbackRequestViewSet)
        return form.pk in known if known is not None else selectors.is_open(form)

    def get_latest_answer(self, form) -> FeedbackAnswerSerializer(allow_null=True):
        answers = sorted(form.answers.all(), key=lambda answer: (answer.answered_at, answer.pk))
        return FeedbackAnswerSerializer(answers[-1]).data if answers else None


class FollowUpWaveSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUpWave
        fields = ["id", "mission", "opens_on", "sent_at", "created_at"]
        read_only_fields = fields


class WaveRequestSerializer(serializers.Serializer):
    """Waves for a mission: on `days`, or without them the defaults (3 and 6 months after its last day)."""

    mission = IdField()
    days = serializers.ListField(child=serializers.DateField(), required=False, max_length=12, default=list)


class PartySerializer(serializers.Serializer):
    key = serializers.CharField(help_text="'o<organisation id>' or 'd<delegate id>'.")
    name = serializers.CharField()


class LeadSerializer(serializers.Serializer):
    """A lead as the caller may see it: its meetings, and the answers they may read (their own side's, or
    every side's for the mission's organisers)."""

    id = serializers.IntegerField()
    mission = serializers.IntegerField(source="mission_id")
    city = serializers.CharField(source="stop.city")
    parties = serializers.SerializerMethodField()
    meetings = serializers.SerializerMethodField()
    stage = serializers.SerializerMethodField()
    answers = serializers.SerializerMethodField()

    def get_parties(self, lead) -> PartySerializer(many=True):
        return [{"key": key, "name": name} for key, name in selectors.parties_of_lead(lead)]

    def get_meetings(self, lead) -> list[int]:
        return [meeting_request.pk for meeting_request in lead.meetings.all()]

    def get_stage(self, lead) -> serializers.ChoiceField(choices=Stage.choices, allow_null=True):
        return selectors.stage_of(selectors.answers_of_lead(lead))

    def get_answers(self, lead) -> FeedbackAnswerSerializer(many=True):
        return FeedbackAnswerSerializer(selectors.answers_of_lead(lead), many=True).data


class MissionFundingSerializer(serializers.ModelSerializer):
    exchange_rates = serializers.DictField(
        child=serializers.DecimalField(max_digits=15, decimal_places=8, min_value=0, max_value=1_000_000),
        required=False,
        help_text='One unit of each currency in the reporting currency, e.g. {"MAD": "0.10"}.',
    )
    currency = serializers.RegexField(r"^[A-Z]{3}$", required=False)

    class Meta:
        model = MissionFunding
        fields = ["funder", "programme_cost", "currency", "exchange_rates", "home_country", "updated_at"]
        read_only_fields = ["updated_at"]

    def validate_exchange_rates(self, rates):
        codes = [code for code in rates if not (len(code) == 3 and code.isalpha() and code.isupper())]
        if codes:
            raise serializers.ValidationError(f"Use ISO 4217 codes such as MAD, not {codes[0]!r}.")
        return {code: str(rate) for code, rate in rates.items()}


class DealSerializer(serializers.Serializer):
    lead = serializers.IntegerField(source="lead_id")
    answer = serializers.IntegerField(source="answer_id")
    reported_by = serializers.CharField()
    counterpart = serializers.CharField()
    city = serializers.CharField()
    sector = serializers.CharField()
    kind = serializers.ChoiceField(choices=DealKind.choices)
    value = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    currency = serializers.CharField()
    converted = serializers.DecimalField(
        max_digits=20, decimal_places=2, allow_null=True, help_text="In the reporting currency; null without a rate."
    )
    home_content_percent = serializers.IntegerField(allow_null=True)
    may_cite = serializers.BooleanField()
    stage_reported_at = serializers.DateTimeField()


class FeedbackRoundSerializer(serializers.Serializer):
    wave = serializers.DateField(allow_null=True, help_text="The wave's day; null for the forms right after meetings.")
    asked = serializers.IntegerField()
    answered = serializers.IntegerField()
    rate = serializers.FloatField(help_text="answered ÷ asked, 0..1.")


class StagePointSerializer(serializers.Serializer):
    day = serializers.DateField()
    leads = serializers.DictField(child=serializers.IntegerField(), help_text="Leads per stage on that day.")


class MissionFiguresSerializer(serializers.Serializer):
    """events.outcomes.figures.MissionFigures: its docstring says what counts."""

    mission = serializers.IntegerField(source="mission_id")
    sector = serializers.CharField(allow_null=True)
    stop = serializers.IntegerField(source="stop_id", allow_null=True)
    registrations = serializers.DictField(child=serializers.IntegerField())
    meetings = serializers.DictField(child=serializers.IntegerField())
    feedback = FeedbackRoundSerializer(many=True)
    stages_over_time = serializers.SerializerMethodField()
    leads = serializers.IntegerField()
    deals = DealSerializer(many=True)
    value_by_sector = serializers.DictField(child=serializers.DecimalField(max_digits=20, decimal_places=2))
    value_by_city = serializers.DictField(child=serializers.DecimalField(max_digits=20, decimal_places=2))
    total_value = serializers.DecimalField(max_digits=20, decimal_places=2)
    currency = serializers.CharField()
    unconverted_currencies = serializers.ListField(child=serializers.CharField())
    programme_cost = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    ratio = serializers.DecimalField(
        max_digits=20, decimal_places=2, allow_null=True, help_text="Reported value ÷ programme cost."
    )

    def get_stages_over_time(self, figures) -> StagePointSerializer(many=True):
        return [{"day": day, "leads": counts} for day, counts in figures.stages_over_time]
