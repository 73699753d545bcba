from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from samenveilig.accounts.models import Membership, User


class MembershipSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name")
    organisation_id = serializers.IntegerField()

    class Meta:
        model = Membership
        fields = ["id", "organisation_id", "organisation", "role"]


class MeSerializer(serializers.ModelSerializer):
    memberships = MembershipSerializer(many=True, source="active_memberships")
    acting_for = MembershipSerializer(source="active_membership", allow_null=True)

    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name", "email", "memberships", "acting_for"]


class MeView(APIView):
    """The logged-in user, their memberships and the organisation they act for."""

    @extend_schema(responses=MeSerializer, operation_id="me_retrieve")
    def get(self, request):
        return Response(MeSerializer(request.user).data)


urlpatterns = [path("me/", MeView.as_view(), name="api-me")]
