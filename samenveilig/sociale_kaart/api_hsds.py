"""``/api/v1/sociale-kaart/hsds/``: the sociale kaart as one HSDS 3.0 document (the same as ``manage.py export_hsds``).

Anyone who may see the map (``sociale_kaart.view_map``) gets the organisations, locations and services. Contact persons
are personal data: only a coordinator gets them, and only when asking (``?contacts=true``); every export is audited.
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from samenveilig import audit
from samenveilig.sociale_kaart import hsds

ACTION = "sociale_kaart.hsds.exported"
OBJECT_TYPE = "sociale_kaart.organisationentry"


class CanViewMap(permissions.BasePermission):
    """The same rule as the map's pages; a refusal is logged (after authentication, never for an anonymous caller)."""

    def has_permission(self, request, view) -> bool:
        if request.user.has_perm("sociale_kaart.view_map"):
            return True
        audit.log(request, ACTION, object_type=OBJECT_TYPE, purpose="api", outcome=audit.REFUSED)
        return False


class HsdsQuerySerializer(serializers.Serializer):
    gemeente = serializers.RegexField(
        r"^GM\d{4}$",
        required=False,
        help_text="Only organisations working in, serving or located in this CBS municipality, e.g. GM0632.",
    )
    contacts = serializers.BooleanField(
        required=False, default=False, help_text="Include contact persons (coordinators only; audited)."
    )


class HsdsExport(APIView):
    """The sociale kaart as Open Referral HSDS 3.0."""

    permission_classes = [permissions.IsAuthenticated, CanViewMap]

    @extend_schema(
        operation_id="sociale_kaart_hsds_export",
        summary="The sociale kaart as an HSDS 3.0 document",
        description=(
            "One HSDS 3.0 page (`total_items`, `contents`, …) whose `contents` are full HSDS `organization` objects "
            "with their `locations`, `services` and `attributes` (https://docs.openreferral.org/en/v3.0/, schema "
            "`schema/compiled/organization.json`). Our own data (sector, Meldcode status, target groups, themes, "
            "CBS municipalities) are attributes with taxonomies named `samenveilig:…` and `cbs:…`. Sorted and "
            "without volatile fields: the same map gives the same document. Audited."
        ),
        parameters=[HsdsQuerySerializer],
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="An HSDS 3.0 page of organizations."),
            400: OpenApiResponse(OpenApiTypes.OBJECT, description="An invalid filter."),
            403: OpenApiResponse(description="The caller may not see the map, or not its contact persons."),
        },
    )
    def get(self, request):
        query = HsdsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        gemeente = query.validated_data.get("gemeente", "")
        with_contacts = query.validated_data["contacts"]
        if with_contacts and not hsds.may_export_contacts(request.user):
            audit.log(request, ACTION, object_type=OBJECT_TYPE, purpose="api with contacts", outcome=audit.REFUSED)
            raise PermissionDenied
        document = hsds.export_document(gemeente=gemeente, with_contacts=with_contacts)
        hsds.audit_export(request, document, channel="api", with_contacts=with_contacts)
        return Response(document)


urlpatterns = [path("", HsdsExport.as_view(), name="sociale_kaart-hsds")]
