"""``/api/v1/meldcode/``: an organisation's own client system reads and opens Meldcode dossiers.

The same rules as the pages: the dossiers come from ``Dossier.objects.visible_to`` (owner, added colleagues, the
organisation's aandachtsfunctionaris), opening one needs ``meldcode.create_dossier`` and goes through
``services.create_dossier`` (with the duplicate check). Every list, read, write and refusal is audited.
The steps are nested under a dossier (``api_steps``: signalen, consultaties, gesprekken, wegingen, afwegingen);
what was sent to Veilig Thuis and the Veilig Thuis inbox are in ``api_vt``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import include, path
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, serializers, status
from rest_framework.response import Response

from samenveilig import audit
from samenveilig.core.access import get_visible_or_404
from samenveilig.meldcode import services
from samenveilig.meldcode.models import Concern, Dossier, PersonConcerned
from samenveilig.meldcode.steps import Step
from samenveilig.meldcode.validators import validate_bsn
from samenveilig.meldcode.workflow import Status

OBJECT_TYPE = "meldcode.dossier"


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    kind = serializers.ChoiceField(choices=PersonConcerned.Kind.choices)
    local_reference = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    date_of_birth = serializers.DateField(required=False, allow_null=True, default=None)
    address = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    bsn = serializers.CharField(
        max_length=9,
        min_length=8,
        required=False,
        allow_blank=True,
        default="",
        validators=[validate_bsn],
        help_text="Burgerservicenummer (elfproef); stored encrypted",
    )

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["date_of_birth"] = instance.birth_date.isoformat() if instance.birth_date else None
        return data


class DossierSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    local_reference = serializers.CharField(max_length=40, help_text="The organisation's own reference (no name)")
    concern = serializers.ChoiceField(choices=Concern.choices)
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)
    step = serializers.ChoiceField(choices=Step.choices, read_only=True, help_text="The step that is next (1-5)")
    afweging_step = serializers.IntegerField(
        read_only=True, min_value=4, max_value=5, help_text="The step in which the afwegingsvragen are asked"
    )
    owner = serializers.CharField(source="owner.username", read_only=True)
    opened_on = serializers.DateField(read_only=True)
    closed_on = serializers.DateField(read_only=True, allow_null=True)
    last_activity = serializers.DateTimeField(read_only=True)
    version = serializers.IntegerField(read_only=True, min_value=1, max_value=2147483647)


class DossierDetailSerializer(DossierSerializer):
    persons = PersonSerializer(many=True, read_only=True)


class DossierCreateSerializer(DossierSerializer):
    person = PersonSerializer(write_only=True, help_text="The first person concerned")


class WorksWithDossiers(permissions.BasePermission):
    """A professional or aandachtsfunctionaris (``meldcode.view_own_dossiers``); a refusal is audited."""

    def has_permission(self, request, view) -> bool:
        if request.user.has_perm("meldcode.view_own_dossiers"):
            return True
        audit.log(request, "meldcode.dossier.listed", object_type=OBJECT_TYPE, purpose="api", outcome=audit.REFUSED)
        return False


class DossierList(generics.ListCreateAPIView):
    """The dossiers the caller may see (newest activity first), and opening a new one."""

    permission_classes = [permissions.IsAuthenticated, WorksWithDossiers]

    def get_serializer_class(self):
        return DossierCreateSerializer if self.request.method == "POST" else DossierSerializer

    def get_queryset(self):
        return (
            Dossier.objects.visible_to(self.request.user, getattr(self.request, "membership", None))
            .select_related("owner")
            .order_by("-last_activity", "-pk")
        )

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        audit.log(request, "meldcode.dossier.listed", object_type=OBJECT_TYPE, purpose="api")
        return response

    @extend_schema(request=DossierCreateSerializer, responses={201: DossierDetailSerializer})
    def create(self, request, *args, **kwargs):
        serializer = DossierCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            dossier = services.create_dossier(
                request, concern=data["concern"], local_reference=data["local_reference"], person=data["person"]
            )
        except services.DuplicateReference as error:
            raise serializers.ValidationError({"local_reference": [str(error.message)]}) from None
        except DjangoValidationError as error:
            detail = error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
            raise serializers.ValidationError(detail) from None
        return Response(DossierDetailSerializer(dossier).data, status=status.HTTP_201_CREATED)


class DossierDetail(generics.RetrieveAPIView):
    """One dossier with its persons concerned (identifying details included: the same rule as the page)."""

    permission_classes = [permissions.IsAuthenticated, WorksWithDossiers]
    serializer_class = DossierDetailSerializer
    queryset = Dossier.objects.select_related("owner")

    def get_object(self):
        dossier = get_visible_or_404(
            self.request, self.get_queryset(), action="meldcode.dossier.viewed", purpose="api", pk=self.kwargs["pk"]
        )
        return dossier


urlpatterns = [
    path("dossiers/", DossierList.as_view(), name="api-meldcode-dossiers"),
    path("dossiers/<int:pk>/", DossierDetail.as_view(), name="api-meldcode-dossier"),
    path("", include("samenveilig.meldcode.api_vt")),
    path("", include("samenveilig.meldcode.api_dossier")),
]

from samenveilig.meldcode.api_steps import urlpatterns as step_urlpatterns  # noqa: E402

urlpatterns += step_urlpatterns
