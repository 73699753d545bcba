"""``/api/v1/verwijsindex/``: a professional (personal token) or a connected organisation's client system
(organisation API credential, :mod:`samenveilig.verwijsindex.api_auth`) registers, lists and ends its signals, reads
its matches with the other parties' contact details, does the matchregie; a coordinator reads the figures.

The same permissions and services as the pages: signals come from ``Signaal.objects.visible_to`` (only the
registering professional, acting for the organisation that made them; for a client system the signals of its
organisation's systems), registering goes through ``services.register`` (idempotent: the same professional, or the
same organisation's systems, registering the same young person again gets the existing signal, 200 instead of 201),
ending through ``services.end_signal``, matchregie through ``regie``. Every read, write and refusal is audited. The
BSN is accepted on registration only: it is never in a response, an audit entry or a log line. Every route answers
404 while the Verwijsindex is switched off.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from samenveilig import audit
from samenveilig.core.access import get_visible_or_404, require_perm
from samenveilig.verwijsindex import bsn as bsn_module
from samenveilig.verwijsindex import figures, regie, services, terms
from samenveilig.verwijsindex.api_auth import KoppelingAuthentication, RegistrationThrottle
from samenveilig.verwijsindex.models import Match, Outcome, Regiestap, RemovalReason, Signaal, is_system, owns
from samenveilig.verwijsindex.views_regie import figures_request

BIG = 2147483647
SIGNAL_TYPE = "verwijsindex.signaal"


# --- serializers -----------------------------------------------------------------------------------------------------


class ContactSerializer(serializers.Serializer):
    naam = serializers.CharField(max_length=150)
    telefoon = serializers.CharField(max_length=30)
    email = serializers.EmailField()


class SignalContactSerializer(serializers.Serializer):
    naam = serializers.CharField(source="contact_name")
    telefoon = serializers.CharField(source="contact_phone")
    email = serializers.EmailField(source="contact_email")


class SignaalCreateSerializer(serializers.Serializer):
    bsn = serializers.CharField(
        max_length=20, write_only=True, help_text="Burgerservicenummer (elfproef); never stored or returned"
    )
    geboortedatum = serializers.DateField(write_only=True, help_text="YYYY-MM-DD; the young person is under 23")
    betrokken_sinds = serializers.DateField(required=False, help_text="Defaults to today")
    contactpersoon = ContactSerializer(
        required=False,
        help_text="Required with an organisation API credential; with a personal token it defaults to the "
        "professional's own details",
    )
    informeren = serializers.ChoiceField(
        choices=Signaal.Informed.choices,
        default=Signaal.Informed.NOT_RECORDED,
        help_text="Whether the young person or the parents were informed, or not because of safety (GDPR art. 14); "
        "niet_vastgelegd when left out (the client system keeps it in its own file)",
    )
    eigen_kenmerk = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")

    def validate_bsn(self, value):
        digits = bsn_module.normalise(value)
        if not bsn_module.passes_eleven_test(digits):
            raise ValidationError(_("Dit is geen geldig burgerservicenummer: controleer de negen cijfers."))
        return digits

    def validate_geboortedatum(self, value):
        if not terms.in_age_range(value, timezone.localdate()):
            raise ValidationError(_("De jongere moet geboren zijn en jonger dan 23 jaar."))
        return value

    def validate_betrokken_sinds(self, value):
        if value > timezone.localdate():
            raise ValidationError(_("Deze datum ligt in de toekomst."))
        return value


class SignaalSerializer(serializers.Serializer):
    id = serializers.IntegerField(min_value=1, max_value=BIG)
    organisatie = serializers.CharField(source="organisation.name")
    contactpersoon = SignalContactSerializer(source="*")
    betrokken_sinds = serializers.DateField(source="start_date")
    afgegeven_op = serializers.DateTimeField(source="created")
    uiterlijk_verwijderd_op = serializers.DateField(source="remove_on")
    informeren = serializers.ChoiceField(source="informed", choices=Signaal.Informed.choices)
    eigen_kenmerk = serializers.CharField(source="label")


class PartySerializer(serializers.Serializer):
    id = serializers.IntegerField(min_value=1, max_value=BIG, help_text="The party, for a hand-over of the regie")
    organisatie = serializers.CharField(source="organisation")
    naam = serializers.CharField(source="name")
    telefoon = serializers.CharField(source="phone")
    email = serializers.EmailField()
    datum = serializers.DateTimeField(source="date", help_text="When the party's signal was made")


class CoordinatorSerializer(serializers.Serializer):
    organisatie = serializers.CharField()
    naam = serializers.CharField()
    ik = serializers.BooleanField(help_text="The caller has the regie")


class StepSerializer(serializers.Serializer):
    datum = serializers.DateField(source="day")
    soort = serializers.ChoiceField(source="kind", choices=Regiestap.Kind.choices)
    uitkomst = serializers.ChoiceField(source="outcome", choices=Outcome.choices, allow_blank=True)
    organisatie = serializers.CharField(source="organisation.name", help_text="The organisation with the regie")


class MatchSerializer(serializers.Serializer):
    id = serializers.IntegerField(min_value=1, max_value=BIG)
    signaal = serializers.IntegerField(min_value=1, max_value=BIG, help_text="The caller's own signal")
    ontstaan_op = serializers.DateTimeField()
    regie = CoordinatorSerializer(allow_null=True)
    partijen = PartySerializer(many=True)
    verloop = StepSerializer(many=True)


class HandOverSerializer(serializers.Serializer):
    partij = serializers.IntegerField(min_value=1, max_value=BIG, help_text="The id of a party of the match")


class OutcomeSerializer(serializers.Serializer):
    uitkomst = serializers.ChoiceField(choices=Outcome.choices)
    datum = serializers.DateField(help_text="When it happened; not in the future, not before the match")


COUNT = {"min_value": 0, "max_value": BIG, "allow_null": True}


class FigureRowSerializer(serializers.Serializer):
    periode = serializers.CharField(help_text="2025-03, 2025 K1 or 2025")
    soort_organisatie = serializers.CharField(
        allow_blank=True, help_text="The organisation type (sector code, as in the sociale kaart); empty: the total"
    )
    signalen = serializers.IntegerField(**COUNT)
    matches = serializers.IntegerField(**COUNT)
    afstemming_gepland = serializers.IntegerField(**COUNT)
    afgestemd = serializers.IntegerField(**COUNT)
    geen_actie_nodig = serializers.IntegerField(**COUNT)
    mediaan_dagen_tot_afgestemd = serializers.IntegerField(**COUNT)


class OrganisationFigureRowSerializer(serializers.Serializer):
    periode = serializers.CharField(help_text="2025-03, 2025 K1 or 2025")
    organisatie = serializers.CharField(help_text="A connected organisation serving the municipality")
    signalen = serializers.IntegerField(**COUNT)
    matches = serializers.IntegerField(**COUNT)


# --- base ------------------------------------------------------------------------------------------------------------


class VerwijsindexView(APIView):
    """404 while switched off; the membership the caller acts for (token, organisation credential or session) on the
    request. Only these views accept an organisation API credential (``Token svk_…``)."""

    authentication_classes = [KoppelingAuthentication, *api_settings.DEFAULT_AUTHENTICATION_CLASSES]

    def initial(self, request, *args, **kwargs):
        if not settings.SAMENVEILIG_VERWIJSINDEX_ENABLED:
            raise Http404
        super().initial(request, *args, **kwargs)
        if getattr(request._request, "membership", None) is None:
            request._request.membership = getattr(request.user, "active_membership", None)

    def own_signal(self, request, pk: int, purpose: str) -> Signaal:
        return get_visible_or_404(
            request,
            Signaal.objects.select_related("organisation"),
            action="verwijsindex.signaal.viewed",
            purpose=purpose,
            pk=pk,
        )


def _match_data(request, signal: Signaal, match: Match, parties: list[dict]) -> dict:
    coordinator = match.coordinator
    return {
        "id": match.pk,
        "signaal": signal.pk,
        "ontstaan_op": match.created,
        "regie": {
            "organisatie": coordinator.organisation.name,
            "naam": coordinator.contact_name,
            "ik": owns(request.user, coordinator, request.membership),
        }
        if coordinator
        else None,
        "partijen": parties,
        "verloop": list(match.regiestappen.all()),
    }


# --- signals ---------------------------------------------------------------------------------------------------------


class SignalListView(VerwijsindexView):
    throttle_classes = [RegistrationThrottle]

    def throttled(self, request, wait):
        audit.log(
            request,
            "verwijsindex.signaal.created",
            object_type=SIGNAL_TYPE,
            purpose="te veel registraties per uur",
            outcome=audit.REFUSED,
        )
        super().throttled(request, wait)

    @extend_schema(summary="The caller's own signals", responses={200: SignaalSerializer(many=True)})
    def get(self, request):
        action = "verwijsindex.signaal.listed"
        require_perm(request, "verwijsindex.view_own_signals", action, object_type=SIGNAL_TYPE)
        signals = Signaal.objects.visible_to(request.user, request.membership).select_related("organisation")
        audit.log(request, action, object_type=SIGNAL_TYPE, purpose="api")
        return Response(SignaalSerializer(signals, many=True).data)

    @extend_schema(
        summary="Register a signal (idempotent)",
        request=SignaalCreateSerializer,
        responses={
            201: SignaalSerializer,
            200: OpenApiResponse(SignaalSerializer, description="The caller's existing signal on this person"),
            400: OpenApiResponse(description="Invalid input; the errors per field"),
            403: OpenApiResponse(description="No right to register (role or organisation not meldingsbevoegd)"),
            429: OpenApiResponse(description="More registrations per hour than the caller may make; Retry-After"),
        },
    )
    def post(self, request):
        require_perm(request, "verwijsindex.register_signal", "verwijsindex.signaal.created", object_type=SIGNAL_TYPE)
        serializer = SignaalCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = request.user
        if is_system(user) and not data.get("contactpersoon"):
            raise ValidationError({"contactpersoon": [_("Geef de contactpersoon op: naam, telefoon en e-mail.")]})
        contact = data.get("contactpersoon") or {
            "naam": user.get_full_name() or user.get_username(),
            "telefoon": user.phone,
            "email": user.email,
        }
        if not contact["telefoon"] or not contact["email"]:
            raise ValidationError({"contactpersoon": [_("Geef een telefoonnummer en een e-mailadres op.")]})
        try:
            result = services.register(
                request,
                bsn=data["bsn"],
                birth_date=data["geboortedatum"],
                start_date=data.get("betrokken_sinds") or timezone.localdate(),
                contact_name=contact["naam"],
                contact_phone=contact["telefoon"],
                contact_email=contact["email"],
                informed=data["informeren"],
                label=data["eigen_kenmerk"],
            )
        except services.RegistrationRefused as refusal:
            raise ValidationError({"bsn": [str(refusal)]}) from None
        code = status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
        return Response(SignaalSerializer(result.signal).data, status=code)


REASON = OpenApiParameter(
    "reden",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    enum=[RemovalReason.NOT_JUSTIFIED.value, RemovalReason.RISK_GONE.value],
    description="Why the signal ends (Jeugdwet art. 7.1.4.5 lid 1); default risico_weg",
)


class SignalDetailView(VerwijsindexView):
    @extend_schema(summary="One of the caller's signals", responses={200: SignaalSerializer, 404: None})
    def get(self, request, pk: int):
        return Response(SignaalSerializer(self.own_signal(request, pk, "api")).data)

    @extend_schema(
        summary="End the signal", parameters=[REASON], responses={204: None, 400: OpenApiResponse(), 404: None}
    )
    def delete(self, request, pk: int):
        signal = self.own_signal(request, pk, "api beëindigen")
        reason = request.query_params.get("reden", RemovalReason.RISK_GONE)
        if reason not in (RemovalReason.NOT_JUSTIFIED, RemovalReason.RISK_GONE):
            raise ValidationError({"reden": [_("Kies niet_terecht of risico_weg.")]})
        services.end_signal(request, signal, RemovalReason(reason))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- matches and matchregie ------------------------------------------------------------------------------------------


class MatchListView(VerwijsindexView):
    @extend_schema(
        summary="The caller's matches with the other parties' contact details",
        responses={200: MatchSerializer(many=True)},
    )
    def get(self, request):
        action = "verwijsindex.match.listed"
        require_perm(request, "verwijsindex.view_own_signals", action, object_type="verwijsindex.match")
        signals = list(
            Signaal.objects.visible_to(request.user, request.membership).filter(jongere__match__isnull=False)
        )
        matches = {
            m.jongere_id: m
            for m in Match.objects.filter(jongere_id__in=[s.jongere_id for s in signals])
            .select_related("coordinator__organisation")
            .prefetch_related("regiestappen__organisation")
        }
        parties = Signaal.objects.match_parties(signals, with_id=True)
        shown = [s for s in signals if parties.get(s.pk) and s.jongere_id in matches]
        rows = [_match_data(request, s, matches[s.jongere_id], parties[s.pk]) for s in shown]
        with audit.batch():  # one insert for the whole list
            audit.log_many(request, "verwijsindex.match.viewed", shown, purpose="api contactgegevens matchpartijen")
            audit.log(request, action, object_type="verwijsindex.match", purpose="api")
        return Response(MatchSerializer(rows, many=True).data)


class MatchView(VerwijsindexView):
    """A match, addressed by its id, seen through the caller's own signal in it."""

    def party(self, request, pk: int, purpose: str) -> tuple[Signaal, Match, list[dict]]:
        match = Match.objects.select_related("coordinator__organisation").filter(pk=pk).first()
        signal = (
            Signaal.objects.visible_to(request.user, request.membership)
            .filter(jongere_id=match.jongere_id)
            .select_related("organisation")
            .first()
            if match
            else None
        )
        if signal is None:
            audit.log(
                request,
                "verwijsindex.match.viewed",
                object_type="verwijsindex.match",
                object_id=str(pk),
                purpose=purpose,
                outcome=audit.REFUSED,
            )
            raise Http404
        audit.log(request, "verwijsindex.match.viewed", signal, purpose=purpose)
        return signal, match, Signaal.objects.match_parties([signal], with_id=True)[signal.pk]

    @extend_schema(summary="One of the caller's matches", responses={200: MatchSerializer, 404: None})
    def get(self, request, pk: int):
        signal, match, parties = self.party(request, pk, "api match")
        return Response(MatchSerializer(_match_data(request, signal, match, parties)).data)


class HandOverView(MatchView):
    http_method_names = ["post", "options"]

    @extend_schema(
        summary="Hand the regie over to another party (coordinator only)",
        request=HandOverSerializer,
        responses={200: MatchSerializer, 400: OpenApiResponse(), 403: OpenApiResponse(), 404: None},
    )
    def post(self, request, pk: int):
        signal, match, _parties = self.party(request, pk, "api matchregie overdragen")
        serializer = HandOverSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            regie.hand_over(request, match, serializer.validated_data["partij"])
        except regie.RegieRefused as refusal:
            raise ValidationError({"partij": [str(refusal)]}) from None
        match = Match.objects.select_related("coordinator__organisation").get(pk=match.pk)
        parties = Signaal.objects.match_parties([signal], with_id=True)[signal.pk]
        return Response(MatchSerializer(_match_data(request, signal, match, parties)).data)


class OutcomeView(MatchView):
    http_method_names = ["post", "options"]

    @extend_schema(
        summary="Record the outcome of the coordination (coordinator only)",
        request=OutcomeSerializer,
        responses={201: MatchSerializer, 400: OpenApiResponse(), 403: OpenApiResponse(), 404: None},
    )
    def post(self, request, pk: int):
        signal, match, parties = self.party(request, pk, "api matchregie uitkomst")
        serializer = OutcomeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            data = serializer.validated_data
            regie.record_outcome(request, match, data["uitkomst"], data["datum"])
        except regie.RegieRefused as refusal:
            raise ValidationError({"datum": [str(refusal)]}) from None
        return Response(
            MatchSerializer(_match_data(request, signal, match, parties)).data, status=status.HTTP_201_CREATED
        )


# --- figures ---------------------------------------------------------------------------------------------------------

FIGURE_KEYS = {
    "signalen": "signals",
    "matches": "matches",
    "afstemming_gepland": Outcome.PLANNED.value,
    "afgestemd": Outcome.DONE.value,
    "geen_actie_nodig": Outcome.NO_ACTION.value,
    "mediaan_dagen_tot_afgestemd": "median_days",
}


FIGURE_PARAMETERS = [
    OpenApiParameter("gemeente", OpenApiTypes.STR, description="CBS code; default the first one served"),
    OpenApiParameter("periode", OpenApiTypes.STR, enum=list(figures.PERIODS), description="default kwartaal"),
]


class FiguresView(VerwijsindexView):
    def filters(self, request, purpose: str) -> tuple[str, str]:
        """Coordinators only; the validated municipality and period (400 otherwise), the read audited."""
        action = "verwijsindex.figures.viewed"
        require_perm(request, "verwijsindex.view_figures", action, object_type="verwijsindex.figureevent")
        form, data = figures_request(request)
        if data is None:
            raise ValidationError(form.errors)
        period = data["periode"] or "kwartaal"
        audit.log(
            request,
            action,
            object_type="verwijsindex.figureevent",
            purpose=f"{purpose} gemeente={data['gemeente']} periode={period}",
        )
        return data["gemeente"], period

    @extend_schema(
        summary="Counts per period and organisation type for a municipality (coordinators)",
        description="null: fewer than 5, or hidden so that it cannot be derived from a total (docs/verwijsindex.md)",
        parameters=FIGURE_PARAMETERS,
        responses={200: FigureRowSerializer(many=True), 400: OpenApiResponse(), 403: OpenApiResponse()},
    )
    def get(self, request):
        gemeente, period = self.filters(request, "api")
        body = [
            {
                "periode": figures.period_label(row.period, period),
                "soort_organisatie": row.sector,
                **{name: row.values.get(key) for name, key in FIGURE_KEYS.items()},
            }
            for row in figures.compute(gemeente, period)
        ]
        return Response(FigureRowSerializer(body, many=True).data)


class OrganisationFiguresView(FiguresView):
    @extend_schema(
        summary="Use per connected organisation for a municipality (coordinators)",
        description=(
            "Signals and matches per period for every connected organisation serving the municipality, also without "
            "any use, so uneven use becomes visible. null: fewer than 5, or hidden so that it cannot be derived from "
            "a total (docs/verwijsindex.md)"
        ),
        parameters=FIGURE_PARAMETERS,
        responses={200: OrganisationFigureRowSerializer(many=True), 400: OpenApiResponse(), 403: OpenApiResponse()},
    )
    def get(self, request):
        gemeente, period = self.filters(request, "api organisaties")
        body = [
            {
                "periode": figures.period_label(row.period, period),
                "organisatie": row.organisation,
                "signalen": row.signals,
                "matches": row.matches,
            }
            for row in figures.use_per_organisation(gemeente, period)
        ]
        return Response(OrganisationFigureRowSerializer(body, many=True).data)


urlpatterns = [
    path("signalen/", SignalListView.as_view(), name="verwijsindex-signalen"),
    path("signalen/<int:pk>/", SignalDetailView.as_view(), name="verwijsindex-signaal"),
    path("matches/", MatchListView.as_view(), name="verwijsindex-matches"),
    path("matches/<int:pk>/", MatchView.as_view(), name="verwijsindex-match"),
    path("matches/<int:pk>/overdragen/", HandOverView.as_view(), name="verwijsindex-match-overdragen"),
    path("matches/<int:pk>/uitkomsten/", OutcomeView.as_view(), name="verwijsindex-match-uitkomsten"),
    path("figures/", FiguresView.as_view(), name="verwijsindex-figures"),
    path("figures/organisaties/", OrganisationFiguresView.as_view(), name="verwijsindex-figures-organisaties"),
]
