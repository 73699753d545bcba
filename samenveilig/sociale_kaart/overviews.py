"""The coordinator's overviews of the sociale kaart: the queries and the rows, without HTTP.

- key persons per organisation: the aandachtsfunctionaris, vaste contactpersoon and sleutelpersoon of every active
  organisation (personal data: the views audit every read and export);
- Meldcode status per sector: conditional counts in one aggregate query, plus the organisations of one sector;
- the prevention matrix of a municipality: active target groups down, active themes across, each cell the active
  preventive services for inhabitants of (or located in) that municipality; an empty cell is a gap.

Municipalities are matched on their CBS code in any CBS year, as the search does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenveilig.accounts.models import Organisation, Sector
from samenveilig.regio.models import Gemeente
from samenveilig.sociale_kaart.models import ContactPerson, Location, OrganisationEntry, Service, TargetGroup, Theme

#: The Meldcode fields counted per sector, with the column labels of the overview and its exports.
MELDCODE_MEASURES = (
    ("has_meldcode_protocol", gettext_lazy("Meldcodeprotocol")),
    ("af_appointed", gettext_lazy("AF aangesteld")),
    ("af_trained", gettext_lazy("AF geschoold")),
    ("lvak_member", gettext_lazy("Lid LVAK")),
    ("keurmerk_meldcode", gettext_lazy("Keurmerk Meldcode")),
    ("verwijsindex_connected", gettext_lazy("Verwijsindex")),
)
UNKNOWN = "unknown"
ROLES = (
    ContactPerson.Role.AANDACHTSFUNCTIONARIS,
    ContactPerson.Role.VASTE_CONTACTPERSOON,
    ContactPerson.Role.SLEUTELPERSOON,
)
GAP_TEXT = gettext_lazy("Geen aanbod")


# --- choosing a municipality ---------------------------------------------------------------------------------------


def gemeente_choices() -> list[tuple[str, str]]:
    """Municipalities where an active organisation works or an active service is offered, one per CBS code."""
    through = Organisation.gemeenten.through
    used = Gemeente.objects.filter(
        Q(pk__in=through.objects.filter(organisation__is_active=True).values("gemeente_id"))
        | Q(pk__in=Service.gemeenten.through.objects.filter(service__is_active=True).values("gemeente_id"))
        | Q(pk__in=Location.objects.filter(services__is_active=True).values("gemeente_id"))
    )
    choices, seen = [], set()
    for code, name in used.order_by("name", "-year").values_list("code", "name"):
        if code not in seen:
            seen.add(code)
            choices.append((code, name))
    return choices


def default_gemeente(membership, choices: list[tuple[str, str]]) -> str:
    """The first municipality (by name) that the organisation acted for works in; else the first one offered."""
    offered = [code for code, _name in choices]
    if membership is not None:
        own = set(Gemeente.objects.filter(organisations=membership.organisation_id).values_list("code", flat=True))
        for code in offered:
            if code in own:
                return code
    return offered[0] if offered else ""


def _in_gemeente(queryset: QuerySet[Organisation], code: str) -> QuerySet[Organisation]:
    """Organisations working in the municipality with this CBS code (a subquery, so no row is doubled)."""
    through = Organisation.gemeenten.through
    return queryset.filter(pk__in=through.objects.filter(gemeente__code=code).values("organisation_id"))


def organisations(*, gemeente: str = "", sector: str = "") -> QuerySet[Organisation]:
    """Active organisations, within a municipality (CBS code) and a sector when given."""
    queryset = Organisation.objects.filter(is_active=True)
    if gemeente:
        queryset = _in_gemeente(queryset, gemeente)
    if sector:
        queryset = queryset.filter(sector=sector)
    return queryset


# --- key persons ---------------------------------------------------------------------------------------------------


@dataclass
class KeyPersons:
    organisation: Organisation
    by_role: dict[str, list[ContactPerson]]

    @property
    def aandachtsfunctionarissen(self) -> list[ContactPerson]:
        return self.by_role[ContactPerson.Role.AANDACHTSFUNCTIONARIS]

    @property
    def vaste_contactpersonen(self) -> list[ContactPerson]:
        return self.by_role[ContactPerson.Role.VASTE_CONTACTPERSOON]

    @property
    def sleutelpersonen(self) -> list[ContactPerson]:
        return self.by_role[ContactPerson.Role.SLEUTELPERSOON]

    @property
    def has_af(self) -> bool:
        return bool(self.aandachtsfunctionarissen)


def key_persons_queryset(*, gemeente: str = "", sector: str = "", without_af: bool = False) -> QuerySet[Organisation]:
    """Organisations with their key persons prefetched (one query for all of them), ordered by name."""
    queryset = organisations(gemeente=gemeente, sector=sector)
    if without_af:
        has_af = ContactPerson.objects.filter(
            organisation=OuterRef("pk"), role=ContactPerson.Role.AANDACHTSFUNCTIONARIS
        )
        queryset = queryset.filter(~Exists(has_af))
    persons = ContactPerson.objects.filter(role__in=ROLES).order_by("name", "pk")
    return queryset.prefetch_related(Prefetch("contact_persons", queryset=persons)).order_by("name", "pk")


def key_persons(organisations_: Iterable[Organisation]) -> Iterator[KeyPersons]:
    """Group the prefetched contact persons of each organisation by role."""
    for organisation in organisations_:
        by_role: dict[str, list[ContactPerson]] = {role: [] for role in ROLES}
        for person in organisation.contact_persons.all():
            by_role[person.role].append(person)
        yield KeyPersons(organisation, by_role)


def key_persons_header() -> list[str]:
    return [
        _("Organisatie"),
        _("Sector"),
        _("Aandachtsfunctionaris vastgelegd"),
        _("Rol"),
        _("Naam"),
        _("Functie"),
        _("Telefoon"),
        _("E-mail"),
        _("Geschoold op"),
    ]


def key_persons_rows(rows: Iterable[KeyPersons]) -> Iterator[list]:
    """One row per key person; an organisation without any gets one row with its name and the flag only."""
    for row in rows:
        organisation = row.organisation
        start = [organisation.name, organisation.get_sector_display(), _("Ja") if row.has_af else _("Nee")]
        people = [person for role in ROLES for person in row.by_role[role]]
        if not people:
            yield [*start, "", "", "", "", "", None]
        for person in people:
            yield [
                *start,
                person.get_role_display(),
                person.name,
                person.job_title,
                person.phone,
                person.email,
                person.trained_on,
            ]


# --- Meldcode status per sector ------------------------------------------------------------------------------------


@dataclass
class SectorStatus:
    sector: str
    label: str
    total: int
    counts: dict[str, int]

    def percentage(self, key: str) -> int | None:
        return round(100 * self.counts[key] / self.total) if self.total else None

    @property
    def cells(self) -> list[tuple[str, int, int | None]]:
        """(key, count, percentage) per measure, the unknown ones last."""
        keys = [name for name, _label in MELDCODE_MEASURES] + [UNKNOWN]
        return [(key, self.counts[key], self.percentage(key)) for key in keys]


def _unknown() -> Q:
    """No map entry, or an entry without any Meldcode field filled in."""
    return Q(kaart__isnull=True) | Q(**{f"kaart__{name}__isnull": True for name, _label in MELDCODE_MEASURES})


def meldcode_by_sector(queryset: QuerySet[Organisation]) -> tuple[list[SectorStatus], SectorStatus]:
    """Per sector (in the order of :class:`Sector`) the number of organisations and how many of them have each part
    of the Meldcode in place; and the totals. One aggregate query; sectors without organisations are left out."""
    measures = {name: Count("pk", filter=Q(**{f"kaart__{name}": True})) for name, _label in MELDCODE_MEASURES}
    rows = (
        queryset.order_by()
        .values("sector")
        .annotate(total=Count("pk"), **measures, **{UNKNOWN: Count("pk", filter=_unknown())})
    )
    found = {row["sector"]: row for row in rows}
    keys = [*measures, UNKNOWN]
    sectors = [
        SectorStatus(value, str(label), found[value]["total"], {key: found[value][key] for key in keys})
        for value, label in Sector.choices
        if value in found
    ]
    total = SectorStatus(
        "",
        _("Totaal"),
        sum(s.total for s in sectors),
        {key: sum(s.counts[key] for s in sectors) for key in keys},
    )
    return sectors, total


def meldcode_header() -> list[str]:
    header = [_("Sector"), _("Organisaties")]
    for _name, label in MELDCODE_MEASURES:
        header += [str(label), _("%(measure)s (%%)") % {"measure": label}]
    unknown = _("Status onbekend")
    return [*header, unknown, _("%(measure)s (%%)") % {"measure": unknown}]


def meldcode_rows(sectors: list[SectorStatus], total: SectorStatus) -> Iterator[list]:
    for status in [*sectors, total]:
        row: list = [status.label, status.total]
        for _key, count, percentage in status.cells:
            row += [count, percentage]
        yield row


def meldcode_organisations(queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """The drill-down: organisations with their map entry (one query)."""
    return queryset.select_related("kaart").order_by("name", "pk")


def yes_no_unknown(value: bool | None) -> str:
    if value is None:
        return _("Onbekend")
    return _("Ja") if value else _("Nee")


def meldcode_status(organisation: Organisation) -> list[bool | None]:
    entry: OrganisationEntry | None = getattr(organisation, "kaart", None)
    return [getattr(entry, name) if entry else None for name, _label in MELDCODE_MEASURES]


def meldcode_organisations_header() -> list[str]:
    return [
        _("Organisatie"),
        _("Sector"),
        *(str(label) for _name, label in MELDCODE_MEASURES),
        _("Meldcodestatus gecontroleerd op"),
    ]


def meldcode_organisations_rows(queryset: Iterable[Organisation]) -> Iterator[list]:
    for organisation in queryset:
        entry = getattr(organisation, "kaart", None)
        yield [
            organisation.name,
            organisation.get_sector_display(),
            *(yes_no_unknown(value) for value in meldcode_status(organisation)),
            entry.meldcode_checked_on if entry else None,
        ]


# --- the prevention matrix -----------------------------------------------------------------------------------------


@dataclass
class MatrixRow:
    target_group: TargetGroup
    cells: list[list[Service]]


@dataclass
class PreventionMatrix:
    gemeente: str  # CBS code
    target_groups: list[TargetGroup]
    themes: list[Theme]
    rows: list[MatrixRow] = field(default_factory=list)

    @property
    def cell_count(self) -> int:
        return len(self.target_groups) * len(self.themes)

    @property
    def gap_count(self) -> int:
        return sum(1 for row in self.rows for cell in row.cells if not cell)

    @property
    def service_count(self) -> int:
        return len({service.pk for row in self.rows for cell in row.cells for service in cell})


def preventive_services(gemeente: str) -> QuerySet[Service]:
    """Active preventive services of active organisations for inhabitants of, or located in, the municipality."""
    gemeenten = Gemeente.objects.filter(code=gemeente).values("pk")
    for_inhabitants = Service.gemeenten.through.objects.filter(gemeente_id__in=gemeenten).values("service_id")
    by_location = Service.locations.through.objects.filter(location__gemeente_id__in=gemeenten).values("service_id")
    return Service.objects.filter(
        kind=Service.Kind.PREVENTIEF,
        is_active=True,
        organisation__is_active=True,
        pk__in=for_inhabitants.union(by_location),
    )


def prevention_matrix(gemeente: str) -> PreventionMatrix:
    """The matrix of one municipality (CBS code) in five queries, however many services it holds."""
    target_groups = list(TargetGroup.objects.filter(is_active=True))
    themes = list(Theme.objects.filter(is_active=True))
    services = (
        preventive_services(gemeente)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("target_groups", queryset=TargetGroup.objects.filter(is_active=True)),
            Prefetch("themes", queryset=Theme.objects.filter(is_active=True)),
        )
        .order_by("name", "pk")
    )
    cells: dict[tuple[int, int], list[Service]] = {}
    for service in services:
        for group in service.target_groups.all():
            for theme in service.themes.all():
                cells.setdefault((group.pk, theme.pk), []).append(service)
    matrix = PreventionMatrix(gemeente, target_groups, themes)
    matrix.rows = [
        MatrixRow(group, [cells.get((group.pk, theme.pk), []) for theme in themes]) for group in target_groups
    ]
    return matrix


def service_label(service: Service) -> str:
    return f"{service.name} ({service.organisation.name})"


def prevention_header(matrix: PreventionMatrix) -> list[str]:
    return [_("Doelgroep / thema"), *(theme.name for theme in matrix.themes)]


def prevention_rows(matrix: PreventionMatrix, *, separator: str = "; ") -> Iterator[list]:
    """One row per target group; a cell lists its services (with their organisation) or says there is no offer."""
    for row in matrix.rows:
        yield [
            row.target_group.name,
            *(separator.join(service_label(s) for s in cell) if cell else str(GAP_TEXT) for cell in row.cells),
        ]
