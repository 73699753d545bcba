"""``/api/v1/meldcode/``: sending to Veilig Thuis and its feedback (under a dossier), and the Veilig Thuis inbox.

The same rules as the pages: what was sent from a dossier is for whoever may see the dossier (sending for whoever works
in it); ``vt-inbox/`` is for Veilig Thuis workers, and holds only what is addressed to the organisation they act for.
Every list, read, write and refusal is audited; writes go through :mod:`samenveilig.meldcode.services_vt`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from samenveilig import audit
from samenveilig.accounts.models import Organisation, Sector
from samenveilig.core.access import get_visible_or_404
from samenveilig.meldcode import services, services_vt
from samenveilig.meldcode.api import WorksWithDossiers
from samenveilig.meldcode.feedback import JaNee, Onderzoeksuitkomst, Overdracht
from samenveilig.meldcode.models import Dossier
from samenveilig.meldcode.models_vt import IdentityDisclosure, Melding, MeldingEvent
from samenveilig.meldcode.vt_workflow import Soort, VtStatus

OBJECT_TYPE = "meldcode.melding"
INT_MAX = 2147483647


def _raise(error: DjangoValidationError):
    detail = error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
    raise serializers.ValidationError(detail) from None


class EventSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    event = serializers.ChoiceField(source="kind", choices=MeldingEvent.Kind.choices)
    created = serializers.DateTimeField()
    organisation = serializers.CharField(source="organisation.name", allow_null=True, default=None)
    from_status = serializers.CharField(allow_blank=True)
    to_status = serializers.CharField(allow_blank=True)
    message = serializers.CharField(allow_blank=True)
    forwarded_to = serializers.CharField(source="forwarded_to.name", allow_null=True, default=None)
    is_feedback = serializers.BooleanField(help_text="A feedback moment the law requires (Wmo 2015 art. 4.1.1)")
    follow_up_started = serializers.CharField(allow_blank=True)
    handed_to = serializers.CharField(allow_blank=True)
    reporter_has_role = serializers.BooleanField(allow_null=True)
    safety_conditions = serializers.CharField(allow_blank=True)
    monitoring_agreements = serializers.CharField(allow_blank=True)
    investigation_outcome = serializers.CharField(allow_blank=True)


class MeldingSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    message_kind = serializers.ChoiceField(source="kind", choices=Soort.choices, help_text="adviesvraag or melding")
    vt_status = serializers.ChoiceField(source="status", choices=VtStatus.choices)
    sent_at = serializers.DateTimeField()
    acknowledged_at = serializers.DateTimeField(allow_null=True)
    organisation = serializers.CharField(source="organisation.name", help_text="The sending organisation")
    vt_organisation = serializers.CharField(source="vt_organisation.name", help_text="The Veilig Thuis addressed")
    feedback_due_on = serializers.DateField(allow_null=True, help_text="Feedback expected by (the follow-up)")
    version = serializers.IntegerField(min_value=1, max_value=INT_MAX)


class MeldingDetailSerializer(MeldingSerializer):
    content = serializers.SerializerMethodField(help_text="The frozen snapshot of what was sent (null once hidden)")
    events = serializers.SerializerMethodField()

    def get_content(self, obj) -> dict | None:
        if self.context.get("veilig_thuis") and not obj.content_visible_to_vt:
            return None
        return obj.data

    @extend_schema(responses=EventSerializer(many=True))
    def get_events(self, obj) -> list:
        events = obj.events.select_related("organisation", "forwarded_to").order_by("created", "pk")
        return EventSerializer(events, many=True).data


class SendSerializer(serializers.Serializer):
    message_kind = serializers.ChoiceField(choices=Soort.choices, help_text="adviesvraag (anonymous) or melding")
    question = serializers.CharField(help_text="The question, or a summary of the concern")
    signals = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=INT_MAX), required=False, default=list
    )
    consultations = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=INT_MAX), required=False, default=list
    )
    conversations = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=INT_MAX), required=False, default=list
    )
    vt_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(sector=Sector.VEILIG_THUIS, is_active=True),
        required=False,
        allow_null=True,
        default=None,
        help_text="Only when the organisation works in more than one Veilig Thuis region",
    )
    identity_disclosure = serializers.ChoiceField(choices=IdentityDisclosure.choices, required=False, default="")
    nondisclosure_reason = serializers.CharField(required=False, allow_blank=True, default="")


class StatusUpdateSerializer(serializers.Serializer):
    vt_status = serializers.ChoiceField(choices=VtStatus.choices, help_text="The new status")
    message = serializers.CharField(allow_blank=True, help_text="The feedback message to the reporter")
    follow_up_started = serializers.ChoiceField(choices=JaNee.choices, required=False, allow_blank=True)
    handed_to = serializers.ChoiceField(choices=Overdracht.choices, required=False, allow_blank=True)
    reporter_has_role = serializers.BooleanField(required=False, allow_null=True, default=None)
    safety_conditions = serializers.CharField(required=False, allow_blank=True)
    monitoring_agreements = serializers.CharField(required=False, allow_blank=True)
    investigation_outcome = serializers.ChoiceField(
        choices=Onderzoeksuitkomst.choices, required=False, allow_blank=True
    )
    version = serializers.IntegerField(min_value=1, max_value=INT_MAX, required=False, allow_null=True, default=None)


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, max_value=INT_MAX, required=False, allow_null=True, default=None)


class AddendumSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="The dated correction or addition; what was sent never changes")


class ReasonSerializer(VersionSerializer):
    reason = serializers.CharField(help_text="Why; the other side reads it")


class ForwardSerializer(ReasonSerializer):
    to = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(sector=Sector.VEILIG_THUIS, is_active=True),
        help_text="The Veilig Thuis organisation of the other region",
    )


# --- under a dossier ------------------------------------------------------------------------------------------------


def _dossier(request, pk):
    return get_visible_or_404(request, Dossier.objects.all(), action="meldcode.dossier.viewed", purpose="api", pk=pk)


class DossierMeldingList(generics.ListCreateAPIView):
    """What was sent from the dossier to Veilig Thuis, and sending an advice request or report."""

    permission_classes = [permissions.IsAuthenticated, WorksWithDossiers]
    serializer_class = MeldingSerializer
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Melding.objects.none()
        dossier = _dossier(self.request, self.kwargs["pk"])
        return dossier.meldingen.select_related("organisation", "vt_organisation").order_by("-sent_at", "-pk")

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        audit.log(request, "meldcode.melding.listed", object_type=OBJECT_TYPE, purpose="api")
        return response

    @extend_schema(request=SendSerializer, responses={201: MeldingDetailSerializer})
    def create(self, request, *args, **kwargs):
        dossier = _dossier(request, kwargs["pk"])
        serializer = SendSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            melding = services_vt.send(
                request,
                dossier,
                kind=data["message_kind"],
                question=data["question"],
                signal_ids=data["signals"],
                consultation_ids=data["consultations"],
                conversation_ids=data["conversations"],
                vt_organisation=data["vt_organisation"],
                identity_disclosure=data["identity_disclosure"],
                nondisclosure_reason=data["nondisclosure_reason"],
            )
        except DjangoValidationError as error:
            _raise(error)
        return Response(MeldingDetailSerializer(melding).data, status=status.HTTP_201_CREATED)


class DossierMeldingDetail(generics.RetrieveAPIView):
    """One sent advice request or report: its content and every status change and feedback message."""

    permission_classes = [permissions.IsAuthenticated, WorksWithDossiers]
    serializer_class = MeldingDetailSerializer

    def get_object(self):
        queryset = Melding.objects.filter(dossier_id=self.kwargs["pk"]).select_related(
            "organisation", "vt_organisation"
        )
        return get_visible_or_404(
            self.request, queryset, action="meldcode.melding.viewed", purpose="api", pk=self.kwargs["melding_pk"]
        )


def _sent_item(request, pk, melding_pk, purpose):
    queryset = Melding.objects.filter(dossier_id=pk).select_related("dossier", "organisation", "vt_organisation")
    return get_visible_or_404(request, queryset, action="meldcode.melding.viewed", purpose=purpose, pk=melding_pk)


class DossierMeldingAddendum(APIView):
    permission_classes = [permissions.IsAuthenticated, WorksWithDossiers]

    @extend_schema(request=AddendumSerializer, responses={201: EventSerializer})
    def post(self, request, pk, melding_pk):
        """Send a dated addendum (correction or addition) to what was sent; for whoever works in the dossier."""
        melding = _sent_item(request, pk, melding_pk, purpose="aanvulling")
        serializer = AddendumSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            event = services_vt.add_addendum(request, melding, text=serializer.validated_data["text"])
        except DjangoValidationError as error:
            _raise(error)
        return Response(EventSerializer(event).data, status=status.HTTP_201_CREATED)


class DossierMeldingWithdraw(APIView):
    permission_classes = [permissions.IsAuthenticated, WorksWithDossiers]

    @extend_schema(request=ReasonSerializer, responses={200: MeldingDetailSerializer})
    def post(self, request, pk, melding_pk):
        """Withdraw what was sent in error, with the reason (only the sender, until the safety assessment)."""
        melding = _sent_item(request, pk, melding_pk, purpose="intrekken")
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        return _write(
            request,
            lambda: services_vt.withdraw(request, melding, reason=data["reason"], version=data["version"]),
            veilig_thuis=False,
        )


# --- the Veilig Thuis inbox -----------------------------------------------------------------------------------------


class IsVeiligThuis(permissions.BasePermission):
    """A Veilig Thuis worker (``meldcode.view_vt_inbox``); a refusal is audited."""

    def has_permission(self, request, view) -> bool:
        if request.user.has_perm("meldcode.view_vt_inbox"):
            return True
        audit.log(
            request, "meldcode.melding.inbox_listed", object_type=OBJECT_TYPE, purpose="api", outcome=audit.REFUSED
        )
        return False


def _inbox_item(request, pk, purpose="api"):
    queryset = Melding.objects.in_inbox_of(request.user, getattr(request, "membership", None))
    melding = queryset.select_related("organisation", "vt_organisation").filter(pk=pk).first()
    if melding is None:
        audit.log(
            request,
            "meldcode.melding.viewed",
            object_type=OBJECT_TYPE,
            object_id=str(pk),
            purpose=purpose,
            outcome=audit.REFUSED,
        )
        raise Http404
    audit.log(request, "meldcode.melding.viewed", melding, purpose=purpose)
    return melding


class InboxList(generics.ListAPIView):
    """What was sent to the caller's Veilig Thuis organisation, newest first."""

    permission_classes = [permissions.IsAuthenticated, IsVeiligThuis]
    serializer_class = MeldingSerializer

    def get_queryset(self):
        return (
            Melding.objects.in_inbox_of(self.request.user, getattr(self.request, "membership", None))
            .select_related("organisation", "vt_organisation")
            .order_by("-sent_at", "-pk")
        )

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        audit.log(request, "meldcode.melding.inbox_listed", object_type=OBJECT_TYPE, purpose="api")
        return response


class InboxDetail(generics.RetrieveAPIView):
    """One item of the inbox, with what was sent (unless withdrawn or returned) and its events."""

    permission_classes = [permissions.IsAuthenticated, IsVeiligThuis]
    serializer_class = MeldingDetailSerializer

    def get_object(self):
        return _inbox_item(self.request, self.kwargs["pk"])

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "veilig_thuis": True}


def _write(request, call, *, veilig_thuis=True, serializer_class=MeldingDetailSerializer):
    try:
        melding = call()
    except DjangoValidationError as error:
        _raise(error)
    except services.ConcurrentChange as error:
        raise serializers.ValidationError({"version": [str(error.message)]}) from None
    return Response(serializer_class(melding, context={"veilig_thuis": veilig_thuis}).data)


class InboxAcknowledge(APIView):
    permission_classes = [permissions.IsAuthenticated, IsVeiligThuis]

    @extend_schema(request=VersionSerializer, responses={200: MeldingDetailSerializer})
    def post(self, request, pk):
        """Acknowledge receipt; the sender sees it in the dossier."""
        melding = _inbox_item(request, pk, purpose="ontvangst bevestigen")
        serializer = VersionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = serializer.validated_data["version"]
        return _write(request, lambda: services_vt.acknowledge(request, melding, version=version))


class InboxStatus(APIView):
    permission_classes = [permissions.IsAuthenticated, IsVeiligThuis]

    @extend_schema(request=StatusUpdateSerializer, responses={200: MeldingDetailSerializer})
    def post(self, request, pk):
        """Move the status on with a feedback message (structured feedback at the legal moments)."""
        melding = _inbox_item(request, pk, purpose="status bijwerken")
        serializer = StatusUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        new, message, version = data.pop("vt_status"), data.pop("message"), data.pop("version")
        return _write(
            request,
            lambda: services_vt.update_status(request, melding, status=new, message=message, version=version, **data),
        )


class InboxReturn(APIView):
    permission_classes = [permissions.IsAuthenticated, IsVeiligThuis]

    @extend_schema(request=ReasonSerializer, responses={200: MeldingDetailSerializer})
    def post(self, request, pk):
        """Return it to the sender with the reason; its content is then no longer shown to Veilig Thuis."""
        melding = _inbox_item(request, pk, purpose="terugsturen")
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        return _write(
            request,
            lambda: services_vt.return_to_sender(request, melding, reason=data["reason"], version=data["version"]),
        )


class InboxForward(APIView):
    permission_classes = [permissions.IsAuthenticated, IsVeiligThuis]

    @extend_schema(request=ForwardSerializer, responses={200: MeldingSerializer})
    def post(self, request, pk):
        """Forward it to the Veilig Thuis of another region, with the reason; it leaves this inbox (the answer holds
        no content)."""
        melding = _inbox_item(request, pk, purpose="doorsturen")
        serializer = ForwardSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        return _write(
            request,
            lambda: services_vt.forward(
                request, melding, to=data["to"], reason=data["reason"], version=data["version"]
            ),
            serializer_class=MeldingSerializer,
        )


urlpatterns = [
    path("dossiers/<int:pk>/meldingen/", DossierMeldingList.as_view(), name="api-meldcode-meldingen"),
    path(
        "dossiers/<int:pk>/meldingen/<int:melding_pk>/",
        DossierMeldingDetail.as_view(),
        name="api-meldcode-melding",
    ),
    path(
        "dossiers/<int:pk>/meldingen/<int:melding_pk>/addenda/",
        DossierMeldingAddendum.as_view(),
        name="api-meldcode-melding-addendum",
    ),
    path(
        "dossiers/<int:pk>/meldingen/<int:melding_pk>/intrekken/",
        DossierMeldingWithdraw.as_view(),
        name="api-meldcode-melding-withdraw",
    ),
    path("vt-inbox/", InboxList.as_view(), name="api-meldcode-vt-inbox"),
    path("vt-inbox/<int:pk>/", InboxDetail.as_view(), name="api-meldcode-vt-inbox-item"),
    path("vt-inbox/<int:pk>/acknowledge/", InboxAcknowledge.as_view(), name="api-meldcode-vt-inbox-acknowledge"),
    path("vt-inbox/<int:pk>/status/", InboxStatus.as_view(), name="api-meldcode-vt-inbox-status"),
    path("vt-inbox/<int:pk>/terugsturen/", InboxReturn.as_view(), name="api-meldcode-vt-inbox-return"),
    path("vt-inbox/<int:pk>/doorsturen/", InboxForward.as_view(), name="api-meldcode-vt-inbox-forward"),
]
