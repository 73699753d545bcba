"""``/api/v1/meldcode/dossiers/{id}/personen|kindchecks|leden|afsluiten/``: the rest of the dossier's flows.

The same rules and write paths as the pages (``views_steps``): the dossier comes from ``get_visible_or_404`` (404 for
whoever may not know it exists, audited), then the permission to do the write is checked before the input (403,
audited, as the page does), and the write goes through the page's service (``services.add_person``, ``edit_person``,
``add_kindcheck``, ``add_member``, ``close``), which checks the permission again, checks the workflow, bumps the
dossier's ``version`` and audits the write. Changing a person and closing carry the dossier's ``version``; a stale
one answers 409 and nothing is written.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import permissions, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from samenveilig import audit
from samenveilig.accounts.models import User
from samenveilig.core.access import get_visible_or_404, require_perm
from samenveilig.meldcode import services
from samenveilig.meldcode.api import DossierDetailSerializer, PersonSerializer, WorksWithDossiers
from samenveilig.meldcode.api_steps import Conflict, RecordSerializer, StepRecords
from samenveilig.meldcode.forms import not_in_future
from samenveilig.meldcode.models import DOSSIER_ROLES, Dossier, DossierMember, Kindcheck, PersonConcerned
from samenveilig.meldcode.steps import YesNoUnknown

INT_MAX = 2147483647
PERSON_OBJECT_TYPE = "meldcode.personconcerned"


def _dossier(request, pk) -> Dossier:
    return get_visible_or_404(
        request,
        Dossier.objects.select_related("owner", "organisation"),
        action="meldcode.dossier.viewed",
        purpose="api",
        pk=pk,
    )


def _checked_input(request, pk, action: str, serializer_class) -> tuple[Dossier, dict]:
    """The dossier (404 when not visible), the right to change it (403, audited), then the input (400): in the order
    the page checks them."""
    dossier = _dossier(request, pk)
    require_perm(request, services.CHANGE, action, dossier)
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dossier, serializer.validated_data


def _write(write):
    """Run a service call; its ConcurrentChange becomes 409, its ValidationError a 400 with the field errors."""
    try:
        return write()
    except services.ConcurrentChange:
        raise Conflict from None
    except DjangoValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
        raise serializers.ValidationError(detail) from None


# --- persons concerned ---------------------------------------------------------------------------------------------


@extend_schema_field({"$ref": "#/components/schemas/PersonKindEnum"})
class PersonKindField(serializers.ChoiceField):
    """``PersonSerializer.kind``; the schema names its choice set once (``PersonKindEnum``, from ``Person``)."""

    def __init__(self, **kwargs):
        super().__init__(choices=PersonConcerned.Kind.choices, **kwargs)


class PersonWriteSerializer(PersonSerializer):
    """A person concerned as the page takes it (no birth date in the future); the answer carries the dossier's
    version after the write, for the next edit."""

    kind = PersonKindField()
    date_of_birth = serializers.DateField(required=False, allow_null=True, default=None, validators=[not_in_future])
    version = serializers.IntegerField(
        read_only=True, min_value=1, max_value=INT_MAX, help_text="The dossier's version after this change"
    )

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["version"] = instance.dossier.version
        return data


class PersonEditSerializer(PersonWriteSerializer):
    """Only the fields sent change; ``version`` is required."""

    version = serializers.IntegerField(
        min_value=1,
        max_value=INT_MAX,
        help_text="Required: the dossier's version the change was made on; a stale one answers 409. "
        "The answer carries the new version.",
    )

    def validate(self, attrs):
        if "version" not in attrs:
            raise serializers.ValidationError({"version": [self.fields["version"].error_messages["required"]]})
        return attrs


class PersonAdd(APIView):
    permission_classes = [permissions.IsAuthenticated, WorksWithDossiers]

    @extend_schema(request=PersonWriteSerializer, responses={201: PersonWriteSerializer})
    def post(self, request, pk):
        """Add a person concerned to the dossier (identifying details optional, stored encrypted)."""
        dossier, data = _checked_input(request, pk, "meldcode.person.added", PersonWriteSerializer)
        person = _write(
            lambda: services.add_person(request, dossier, person={f: data.get(f) for f in services.PERSON_FIELDS})
        )
        return Response(PersonWriteSerializer(person).data, status=status.HTTP_201_CREATED)


class PersonEdit(APIView):
    permission_classes = [permissions.IsAuthenticated, WorksWithDossiers]

    @extend_schema(request=PersonEditSerializer, responses={200: PersonWriteSerializer})
    def patch(self, request, pk, person_pk):
        """Change a person's details: only the fields sent change; with the dossier's ``version`` (409 when stale)."""
        action = "meldcode.person.changed"
        dossier = _dossier(request, pk)
        require_perm(request, services.CHANGE, action, dossier)
        person = dossier.persons.filter(pk=person_pk).first()
        if person is None:
            audit.log(
                request,
                action,
                object_type=PERSON_OBJECT_TYPE,
                object_id=str(person_pk),
                purpose="api",
                outcome=audit.REFUSED,
            )
            raise NotFound
        serializer = PersonEditSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        version = changes.pop("version")
        data = {field: getattr(person, field) for field in services.PERSON_FIELDS} | changes
        person = _write(lambda: services.edit_person(request, person, data=data, version=version))
        return Response(PersonWriteSerializer(person).data)


# --- records under the dossier: kindchecks and members -------------------------------------------------------------


class DossierRecords(StepRecords):
    """``StepRecords`` that checks the permission to write (403, audited) before it reads the input, as the page."""

    perm = services.CHANGE
    write_action = ""

    def create(self, request, *args, **kwargs):
        require_perm(request, self.perm, self.write_action, self.dossier())
        return super().create(request, *args, **kwargs)


@extend_schema_field({"$ref": "#/components/schemas/ChildrenInCareEnum"})
class PregnancyField(serializers.ChoiceField):
    """Ja, nee or onbekend, like ``children_in_care``: the schema names that choice set once."""

    def __init__(self, **kwargs):
        super().__init__(choices=YesNoUnknown.choices, **kwargs)


class KindcheckSerializer(RecordSerializer):
    person = serializers.PrimaryKeyRelatedField(
        queryset=PersonConcerned.objects.none(), help_text="An adult person concerned of this dossier"
    )
    checked_on = serializers.DateField(validators=[not_in_future])
    children_in_care = serializers.ChoiceField(
        choices=YesNoUnknown.choices, help_text="Does the adult care for children (also as carer or shared care)?"
    )
    pregnancy = PregnancyField()
    number_of_children = serializers.IntegerField(
        min_value=0,
        max_value=20,
        required=False,
        allow_null=True,
        default=None,
        help_text="Required when children_in_care is ja",
    )
    ages = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    action_taken = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="What was done, stored encrypted"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        dossier = self.context.get("dossier")
        if dossier is not None:
            self.fields["person"].queryset = dossier.persons.all()

    def validate(self, attrs):
        if attrs.get("children_in_care") == YesNoUnknown.JA and not attrs.get("number_of_children"):
            raise serializers.ValidationError({"number_of_children": [_("Vul in hoeveel kinderen er zijn.")]})
        return attrs


class KindcheckList(DossierRecords):
    """Step 1 for an adult: the kindchecks of a dossier (are there children in their care, what was done)."""

    serializer_class = KindcheckSerializer
    model = Kindcheck
    related_name = "kindchecks"
    thing = "kindcheck"
    write_action = "meldcode.kindcheck.added"

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if getattr(self, "swagger_fake_view", False) else queryset.select_related("person")

    def save(self, request, dossier, data):
        return services.add_kindcheck(request, dossier, **data)


@extend_schema_field({"type": "string", "enum": DossierMember.Kind.values})
class MemberKindField(serializers.ChoiceField):
    pass


class MemberSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    user = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.none(),
        help_text="A colleague of the dossier's organisation (a professional or an aandachtsfunctionaris)",
        error_messages={"does_not_exist": _("Kies een collega van uw eigen organisatie.")},
    )
    username = serializers.CharField(source="user.username", read_only=True)
    kind = MemberKindField(choices=DossierMember.Kind.choices, read_only=True)
    added = serializers.DateTimeField(read_only=True)
    added_by = serializers.CharField(source="added_by.username", read_only=True, allow_null=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        dossier = self.context.get("dossier")
        if dossier is not None:
            # The colleagues the page offers: active users with an active membership of the dossier's organisation in
            # a role that works with dossiers. Who already works in the dossier is refused by the service.
            self.fields["user"].queryset = User.objects.filter(
                is_active=True,
                memberships__organisation_id=dossier.organisation_id,
                memberships__organisation__is_active=True,
                memberships__role__in=DOSSIER_ROLES,
                memberships__is_active=True,
            ).distinct()


class MemberList(DossierRecords):
    """The colleagues added to a dossier, and the owner adding one (``meldcode.add_member``)."""

    serializer_class = MemberSerializer
    model = DossierMember
    related_name = "members"
    thing = "member"
    perm = "meldcode.add_member"
    write_action = "meldcode.member.added"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return DossierMember.objects.none()
        return self.dossier().members.select_related("user", "added_by").order_by("added", "pk")

    def save(self, request, dossier, data):
        return services.add_member(request, dossier, user=data["user"])


# --- closing -------------------------------------------------------------------------------------------------------


class CloseSerializer(serializers.Serializer):
    note = serializers.CharField(help_text="Why the dossier can be closed (stored encrypted)")
    version = serializers.IntegerField(
        min_value=1,
        max_value=INT_MAX,
        help_text="The dossier's version the decision was made on; a stale one answers 409",
    )


class DossierClose(APIView):
    permission_classes = [permissions.IsAuthenticated, WorksWithDossiers]

    @extend_schema(request=CloseSerializer, responses={200: DossierDetailSerializer})
    def post(self, request, pk):
        """Close a dossier whose help or report is done (an open dossier closes through its assessment instead)."""
        dossier, data = _checked_input(request, pk, "meldcode.dossier.closed", CloseSerializer)
        closed = _write(lambda: services.close(request, dossier, note=data["note"], version=data["version"]))
        return Response(DossierDetailSerializer(closed).data)


urlpatterns = [
    path("dossiers/<int:pk>/personen/", PersonAdd.as_view(), name="api-meldcode-persons"),
    path("dossiers/<int:pk>/personen/<int:person_pk>/", PersonEdit.as_view(), name="api-meldcode-person"),
    path("dossiers/<int:pk>/kindchecks/", KindcheckList.as_view(), name="api-meldcode-kindchecks"),
    path("dossiers/<int:pk>/leden/", MemberList.as_view(), name="api-meldcode-members"),
    path("dossiers/<int:pk>/afsluiten/", DossierClose.as_view(), name="api-meldcode-close"),
]
