"""``/api/v1/meldcode/dossiers/{id}/signalen|consultaties|gesprekken|wegingen|afwegingen/``: the steps of a dossier.

The same rules and write paths as the pages: the dossier comes from ``get_visible_or_404`` (404 for whoever may not
know it exists, audited), reading needs ``meldcode.view_dossier`` (that is: seeing the dossier), and each create goes
through the service of the page (``services.add_signal``, ``add_consultation``, ``add_conversation``,
``add_weighing``, ``assess``),
which checks ``meldcode.change_dossier`` and the workflow and audits the write. Records are append-only: there is no
update or delete. An assessment carries the dossier's ``version``; a stale one answers 409.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from drf_spectacular.utils import extend_schema_field
from rest_framework import generics, permissions, serializers, status
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from samenveilig import audit
from samenveilig.core.access import get_visible_or_404
from samenveilig.meldcode import checklists, services
from samenveilig.meldcode.afwegingskader import Answer, Outcome
from samenveilig.meldcode.api import WorksWithDossiers
from samenveilig.meldcode.forms import not_in_future
from samenveilig.meldcode.models import (
    Assessment,
    ChecklistItem,
    Consultation,
    Conversation,
    Dossier,
    PersonConcerned,
    SignalEntry,
    Weighing,
)
from samenveilig.meldcode.steps import ConversationSkipReason
from samenveilig.sociale_kaart.models import ContactPerson


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
    default_detail = services.CONFLICT_MESSAGE


class RecordSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    created = serializers.DateTimeField(read_only=True)
    created_by = serializers.CharField(source="created_by.username", read_only=True)


class SignalSerializer(RecordSerializer):
    observed_on = serializers.DateField(validators=[not_in_future])
    person = serializers.PrimaryKeyRelatedField(
        queryset=PersonConcerned.objects.none(), required=False, allow_null=True, default=None
    )
    source = serializers.ChoiceField(choices=SignalEntry.Source.choices, default=SignalEntry.Source.ZELF)
    fact = serializers.CharField(help_text="What was seen or heard (fact), stored encrypted")
    interpretation = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="What it may mean, kept apart from the fact"
    )
    checklist_items = serializers.PrimaryKeyRelatedField(
        many=True, queryset=ChecklistItem.objects.none(), required=False, default=list
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        dossier = self.context.get("dossier")
        if dossier is not None:
            self.fields["person"].queryset = dossier.persons.all()
            self.fields["checklist_items"].child_relation.queryset = checklists.available_for(dossier.organisation_id)


@extend_schema_field({"type": "string", "enum": Consultation.Kind.values})
class ConsultationKindField(serializers.ChoiceField):
    pass


class ConsultationSerializer(RecordSerializer):
    consulted_on = serializers.DateField(validators=[not_in_future])
    kind = ConsultationKindField(choices=Consultation.Kind.choices)
    contact_person = serializers.PrimaryKeyRelatedField(
        queryset=ContactPerson.objects.all(), required=False, allow_null=True, default=None
    )
    with_whom = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    question = serializers.CharField()
    advice = serializers.CharField()


class ConversationSerializer(RecordSerializer):
    held = serializers.BooleanField()
    held_on = serializers.DateField(validators=[not_in_future])
    participants = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    said = serializers.CharField(required=False, allow_blank=True, default="")
    reaction = serializers.CharField(required=False, allow_blank=True, default="")
    skip_reason = serializers.ChoiceField(
        choices=ConversationSkipReason.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Only when not held: one of the two reasons the law allows",
    )
    skip_explanation = serializers.CharField(required=False, allow_blank=True, default="")


class WeighingSerializer(RecordSerializer):
    weighed_on = serializers.DateField(validators=[not_in_future])
    instrument = serializers.CharField(
        max_length=100, required=False, allow_blank=True, default="", help_text="For example LIRIK, if one was used"
    )
    note = serializers.CharField(
        help_text="The weighing of risk, nature and severity (step 4 when the "
        "afwegingsvragen sit in step 5), stored encrypted"
    )


@extend_schema_field(
    {"type": "array", "items": {"type": "string", "enum": ["", *Answer.values]}, "minItems": 5, "maxItems": 5}
)
class AnswersField(serializers.ListField):
    """The answers to questions 1–5 in order; "" for a question not answered (it fell away or is left open)."""

    def __init__(self, **kwargs):
        super().__init__(
            child=serializers.ChoiceField(choices=Answer.choices, allow_blank=True),
            min_length=5,
            max_length=5,
            **kwargs,
        )

    def get_attribute(self, instance):
        return instance

    def to_representation(self, assessment):
        return [answer or "" for answer in assessment.answers]


class ReasonsField(serializers.ListField):
    def __init__(self, **kwargs):
        super().__init__(child=serializers.CharField(allow_blank=True), min_length=5, max_length=5, **kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, assessment):
        return [getattr(assessment, f"reason_{n}") for n in range(1, 6)]


class AssessmentSerializer(RecordSerializer):
    step = serializers.IntegerField(read_only=True, min_value=4, max_value=5)
    answers = AnswersField(help_text="Answers to questions 1-5 in order (ja, nee, nog_niet or empty)")
    reasons = ReasonsField(help_text="The reason for each answer, in the same order")
    with_veilig_thuis = serializers.BooleanField(read_only=True)
    outcome = serializers.ChoiceField(
        choices=Outcome.choices, help_text="Must be one of the outcomes the rule table allows for the answers"
    )
    decision_note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(
        write_only=True,
        min_value=1,
        max_value=2147483647,
        help_text="The dossier's version the assessment was made on; a stale one answers 409",
    )


class StepRecords(generics.ListCreateAPIView):
    """List the records of one step of a dossier (oldest first), or add one.

    A subclass names its ``model``, ``related_name`` and ``thing`` and defines ``save(request, dossier, data)``,
    which adds the record through the step's write path in ``services``.
    """

    permission_classes = [permissions.IsAuthenticated, WorksWithDossiers]
    model = SignalEntry
    related_name = ""
    thing = ""

    def dossier(self) -> Dossier:
        if not hasattr(self, "_dossier"):
            self._dossier = get_visible_or_404(
                self.request,
                Dossier.objects.select_related("organisation"),
                action="meldcode.dossier.viewed",
                purpose="api",
                pk=self.kwargs["pk"],
            )
        return self._dossier

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "swagger_fake_view", False):
            return context
        context["dossier"] = self.dossier()
        return context

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.model.objects.none()
        return getattr(self.dossier(), self.related_name).select_related("created_by").order_by("created", "pk")

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        audit.log(request, f"meldcode.{self.thing}.listed", self.dossier(), purpose="api")
        return response

    def create(self, request, *args, **kwargs):
        dossier = self.dossier()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            record = self.save(request, dossier, dict(serializer.validated_data))
        except services.ConcurrentChange:
            raise Conflict from None
        except DjangoValidationError as error:
            detail = error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
            raise serializers.ValidationError(detail) from None
        return Response(self.get_serializer(record).data, status=status.HTTP_201_CREATED)


class SignalList(StepRecords):
    """Step 1: the signals of a dossier (fact and interpretation apart)."""

    serializer_class = SignalSerializer
    model = SignalEntry
    related_name = "signals"
    thing = "signal"

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if getattr(self, "swagger_fake_view", False) else queryset.prefetch_related("checklist_items")

    def save(self, request, dossier, data):
        return services.add_signal(request, dossier, **data)


class ConsultationList(StepRecords):
    """Step 2: the consultations of a dossier."""

    serializer_class = ConsultationSerializer
    model = Consultation
    related_name = "consultations"
    thing = "consultation"

    def save(self, request, dossier, data):
        return services.add_consultation(request, dossier, **data)


class ConversationList(StepRecords):
    """Step 3: the conversation held, or the lawful reason it was not."""

    serializer_class = ConversationSerializer
    model = Conversation
    related_name = "conversations"
    thing = "conversation"

    def save(self, request, dossier, data):
        return services.add_conversation(request, dossier, **data)


class WeighingList(StepRecords):
    """Step 4 when the afwegingsvragen sit in step 5: the weighing, needed before the afweging."""

    serializer_class = WeighingSerializer
    model = Weighing
    related_name = "weighings"
    thing = "weighing"

    def save(self, request, dossier, data):
        return services.add_weighing(request, dossier, **data)


class AssessmentList(StepRecords):
    """Steps 4–5: the assessments of the afwegingskader (a re-assessment adds one); the outcome must follow from
    the answers."""

    serializer_class = AssessmentSerializer
    model = Assessment
    related_name = "assessments"
    thing = "assessment"

    def save(self, request, dossier, data):
        return services.assess(
            request,
            dossier,
            answers=data["answers"],
            reasons=data["reasons"],
            outcome=data["outcome"],
            decision_note=data["decision_note"],
            version=data["version"],
        )


urlpatterns = [
    path("dossiers/<int:pk>/signalen/", SignalList.as_view(), name="api-meldcode-signals"),
    path("dossiers/<int:pk>/consultaties/", ConsultationList.as_view(), name="api-meldcode-consultations"),
    path("dossiers/<int:pk>/gesprekken/", ConversationList.as_view(), name="api-meldcode-conversations"),
    path("dossiers/<int:pk>/wegingen/", WeighingList.as_view(), name="api-meldcode-weighings"),
    path("dossiers/<int:pk>/afwegingen/", AssessmentList.as_view(), name="api-meldcode-assessments"),
]
