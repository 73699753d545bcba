"""The sociale kaart as Open Referral HSDS 3.0 (https://docs.openreferral.org/en/v3.0/), and back.

The document is one HSDS *page* (``total_items``, ``contents`` …) whose ``contents`` are full HSDS ``organization``
objects: ``phones``, ``locations`` (with ``addresses``), ``services`` (with ``phones``, ``service_at_locations``,
``attributes``), ``contacts`` (only on request: personal data) and ``attributes``. What HSDS has no field for
(sector, Meldcode status, kind and access of a service, target groups, themes, CBS municipalities and districts,
freshness, contact role) is an ``attribute`` with a ``taxonomy_term`` of one of our taxonomies (:data:`TAXONOMIES`).

Identifiers are UUID 5 of a fixed namespace and a natural key (organisation name; organisation + name + ordinal for
locations and services; organisation + role + name + ordinal for contacts), so the same map always gives the same
document, on any database: export → import into an empty database → export gives the same document. The document
holds no export date or other volatile field. See ``docs/hsds.md``.
"""

from __future__ import annotations

import functools
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import translation
from django.utils.translation import gettext as _

from samenveilig import audit
from samenveilig.accounts.models import Organisation, Sector
from samenveilig.regio.models import Gemeente, Wijk
from samenveilig.sociale_kaart.models import ContactPerson, Location, OrganisationEntry, Service, TargetGroup, Theme

#: The compiled HSDS 3.0 ``organization`` schema (CC BY-SA 4.0, Open Referral), with its licence next to it.
SCHEMA_DIR = Path(__file__).resolve().parent / "data" / "hsds-3.0"
HSDS_URL = "https://docs.openreferral.org/en/v3.0/"
NAMESPACE = uuid.UUID("b22e4425-8288-4167-9002-9b8a05455947")
COUNTRY = "NL"
CHANGE_REASON = "HSDS-import"

# Our taxonomies (``taxonomy_term.taxonomy``); a term's ``code`` is our code.
SECTOR = "samenveilig:sector"
MELDCODE = "samenveilig:meldcode"
KAART = "samenveilig:kaart"
SOORT = "samenveilig:soort"
TOEGANG = "samenveilig:toegang"
DIENST = "samenveilig:dienst"
DOELGROEP = "samenveilig:doelgroep"
THEMA = "samenveilig:thema"
CONTACTROL = "samenveilig:contactrol"
CONTACTPERSOON = "samenveilig:contactpersoon"
GEMEENTE = "cbs:gemeente"
WIJK = "cbs:wijk"
TAXONOMIES = (
    SECTOR,
    MELDCODE,
    KAART,
    SOORT,
    TOEGANG,
    DIENST,
    DOELGROEP,
    THEMA,
    CONTACTROL,
    CONTACTPERSOON,
    GEMEENTE,
    WIJK,
)

MELDCODE_FLAGS = (
    "has_meldcode_protocol",
    "af_appointed",
    "af_trained",
    "lvak_member",
    "keurmerk_meldcode",
    "verwijsindex_connected",
)
MELDCODE_DATE = "meldcode_checked_on"
IS_PUBLIC, LAST_VERIFIED = "is_public", "last_verified"
NATIONAL_PROGRAMME = "national_programme"
NOTE, TRAINED_ON = "note", "trained_on"


def stable_id(*key) -> str:
    """A UUID 5 of the namespace and the natural key: the same record gives the same id on every system."""
    return str(uuid.uuid5(NAMESPACE, json.dumps(key, ensure_ascii=False)))


def may_export_contacts(user) -> bool:
    """Contact persons in a bulk export: only for a coordinator, who keeps the map (a person is read one by one
    elsewhere). The management command decides with ``--with-contacts``."""
    return user.has_perm("sociale_kaart.export_contacts")


# --- Terms -----------------------------------------------------------------------------------------------------------


def _label(model, name: str) -> str:
    text = str(model._meta.get_field(name).verbose_name)
    return text[:1].upper() + text[1:]


@functools.cache
def _fixed_terms() -> dict[str, dict[str, str]]:
    """Code → Dutch name of the terms of our fixed taxonomies (the names are data, in Dutch whatever the language)."""
    with translation.override("nl"):
        return {
            SECTOR: {code: str(label) for code, label in Sector.choices},
            MELDCODE: {name: _label(OrganisationEntry, name) for name in (*MELDCODE_FLAGS, MELDCODE_DATE)},
            KAART: {name: _label(OrganisationEntry, name) for name in (IS_PUBLIC, LAST_VERIFIED)},
            SOORT: {code: str(label) for code, label in Service.Kind.choices},
            TOEGANG: {code: str(label) for code, label in Service.Access.choices},
            DIENST: {NATIONAL_PROGRAMME: _label(Service, NATIONAL_PROGRAMME)},
            CONTACTROL: {code: str(label) for code, label in ContactPerson.Role.choices},
            CONTACTPERSOON: {name: _label(ContactPerson, name) for name in (NOTE, TRAINED_ON)},
        }


def _attribute(entity: str, link_id: str, taxonomy: str, code: str, name: str, value: str = "") -> dict:
    term_id = stable_id("taxonomy_term", taxonomy, code)
    attribute = {
        "id": stable_id("attribute", link_id, taxonomy, code),
        "link_id": link_id,
        "link_entity": entity,
        "taxonomy_term_id": term_id,
        "taxonomy_term": {
            "id": term_id,
            "code": code,
            "name": name,
            "description": name,
            "taxonomy": taxonomy,
            "taxonomy_id": stable_id("taxonomy", taxonomy),
        },
    }
    if value:
        attribute["value"] = value
    return attribute


class _Attributes:
    """Collects the attributes of one record, in a fixed order."""

    def __init__(self, entity: str, link_id: str):
        self.entity, self.link_id, self.items = entity, link_id, []

    def term(self, taxonomy: str, code: str, name: str | None = None, value: str = "") -> None:
        name = name if name is not None else _fixed_terms()[taxonomy][code]
        self.items.append(_attribute(self.entity, self.link_id, taxonomy, code, name, value))

    def flag(self, taxonomy: str, code: str, value: bool | None) -> None:
        if value is not None:
            self.term(taxonomy, code, value="true" if value else "false")

    def day(self, taxonomy: str, code: str, value: date | None) -> None:
        if value is not None:
            self.term(taxonomy, code, value=value.isoformat())

    def text(self, taxonomy: str, code: str, value: str) -> None:
        if value:
            self.term(taxonomy, code, value=value)

    def managed(self, taxonomy: str, terms) -> None:
        for term in sorted(terms, key=lambda t: t.code):
            self.term(taxonomy, term.code, term.name)

    def sorted(self) -> list[dict]:
        order = {taxonomy: n for n, taxonomy in enumerate(TAXONOMIES)}
        return sorted(self.items, key=lambda a: (order[a["taxonomy_term"]["taxonomy"]], a["taxonomy_term"]["code"]))


def _gemeenten(attributes: _Attributes, gemeenten) -> None:
    for code, name in sorted({(g.code, g.name) for g in gemeenten}):
        attributes.term(GEMEENTE, code, name)


def _compact(obj: dict, keep=frozenset()) -> dict:
    """Leave out empty optional values (HSDS formats such as ``email`` do not accept an empty string)."""
    return {key: value for key, value in obj.items() if key in keep or value not in ("", None, [])}


def _ordinals(records, key) -> dict[int, tuple]:
    """Natural key of each record: ``key(record)`` plus its rank among records with the same key (by pk)."""
    seen: dict[tuple, int] = defaultdict(int)
    result = {}
    for record in sorted(records, key=lambda r: (key(r), r.pk)):
        k = key(record)
        result[record.pk] = (*k, seen[k])
        seen[k] += 1
    return result


# --- Export ----------------------------------------------------------------------------------------------------------


def organisations_for_export(gemeente: str = "", *, with_contacts: bool = False):
    """Active organisations on the map (with an entry, services, locations or contact persons), with everything the
    document shows prefetched; ``gemeente`` (a CBS code) keeps those working in, serving or located in it."""
    on_map = (
        Q(kaart__isnull=False)
        | Q(pk__in=Service.objects.values("organisation_id"))
        | Q(pk__in=Location.objects.values("organisation_id"))
        | Q(pk__in=ContactPerson.objects.values("organisation_id"))
    )
    queryset = Organisation.objects.filter(on_map, is_active=True)
    if gemeente:
        queryset = queryset.filter(
            Q(gemeenten__code=gemeente)
            | Q(pk__in=Service.objects.filter(gemeenten__code=gemeente).values("organisation_id"))
            | Q(pk__in=Location.objects.filter(gemeente__code=gemeente).values("organisation_id"))
        ).distinct()
    return queryset.select_related("kaart").prefetch_related(
        "gemeenten",
        Prefetch("locations", queryset=Location.objects.select_related("gemeente", "wijk")),
        Prefetch(
            "services",
            queryset=Service.objects.prefetch_related("target_groups", "themes", "gemeenten", "locations"),
        ),
        *(["contact_persons"] if with_contacts else []),
    )


def export_document(*, gemeente: str = "", with_contacts: bool = False) -> dict:
    """The map as one HSDS 3.0 page of full organizations, sorted, without volatile fields."""
    queryset = organisations_for_export(gemeente, with_contacts=with_contacts)
    organisations = sorted(queryset, key=lambda o: (o.name, o.pk))
    location_ids: dict[int, str] = {}
    for organisation in organisations:
        keys = _ordinals(organisation.locations.all(), lambda loc: (loc.name,))
        for pk, key in keys.items():
            location_ids[pk] = stable_id("location", organisation.name, *key)
    contents = [_organisation(o, location_ids, with_contacts) for o in organisations]
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }


def _phones(owner_key: str, owner_id: str, number: str) -> list[dict]:
    return [{"id": stable_id("phone", owner_id), owner_key: owner_id, "number": number}] if number else []


def _organisation(organisation: Organisation, location_ids: dict[int, str], with_contacts: bool) -> dict:
    org_id = stable_id("organization", organisation.name)
    try:
        entry = organisation.kaart
    except OrganisationEntry.DoesNotExist:
        entry = OrganisationEntry(organisation=organisation)  # exported as the entry an import would create
    attributes = _Attributes("organization", org_id)
    attributes.term(SECTOR, organisation.sector)
    _gemeenten(attributes, organisation.gemeenten.all())
    for name in MELDCODE_FLAGS:
        attributes.flag(MELDCODE, name, getattr(entry, name))
    attributes.day(MELDCODE, MELDCODE_DATE, entry.meldcode_checked_on)
    attributes.flag(KAART, IS_PUBLIC, entry.is_public)
    attributes.day(KAART, LAST_VERIFIED, entry.last_verified)

    locations = sorted(organisation.locations.all(), key=lambda loc: (loc.name, loc.pk))
    services = sorted(organisation.services.all(), key=lambda s: (s.name, s.pk))
    service_keys = _ordinals(services, lambda s: (s.name,))
    result = {
        "id": org_id,
        "name": organisation.name,
        "description": entry.description,
        "email": entry.email,
        "website": entry.website,
        "phones": _phones("organization_id", org_id, entry.phone),
        "locations": [_location(loc, org_id, location_ids[loc.pk]) for loc in locations],
        "services": [
            _service(s, org_id, stable_id("service", organisation.name, *service_keys[s.pk]), location_ids)
            for s in services
        ],
        "attributes": attributes.sorted(),
    }
    if with_contacts:
        persons = sorted(organisation.contact_persons.all(), key=lambda p: (p.role, p.name, p.pk))
        keys = _ordinals(persons, lambda p: (p.role, p.name))
        result["contacts"] = [
            _contact(p, org_id, stable_id("contact", organisation.name, *keys[p.pk])) for p in persons
        ]
    return _compact(result, keep={"description"})


def _location(location: Location, org_id: str, location_id: str) -> dict:
    attributes = _Attributes("location", location_id)
    if location.gemeente:
        _gemeenten(attributes, [location.gemeente])
    if location.wijk:
        attributes.term(WIJK, location.wijk.code, location.wijk.name)
    attributes.flag(KAART, IS_PUBLIC, location.is_public)
    addresses = []
    if location.address or location.postal_code or location.city:
        addresses.append(
            {
                "id": stable_id("address", location_id),
                "location_id": location_id,
                "address_1": location.address,
                "city": location.city,
                "state_province": location.gemeente.province_name if location.gemeente else "",
                "postal_code": location.postal_code,
                "country": COUNTRY,
                "address_type": "physical",
            }
        )
    return _compact(
        {
            "id": location_id,
            "organization_id": org_id,
            "location_type": "physical",
            "name": location.name,
            "addresses": addresses,
            "attributes": attributes.sorted(),
        }
    )


def _service(service: Service, org_id: str, service_id: str, location_ids: dict[int, str]) -> dict:
    attributes = _Attributes("service", service_id)
    attributes.term(SOORT, service.kind)
    attributes.term(TOEGANG, service.access)
    attributes.text(DIENST, NATIONAL_PROGRAMME, service.national_programme)
    attributes.managed(DOELGROEP, service.target_groups.all())
    attributes.managed(THEMA, service.themes.all())
    _gemeenten(attributes, service.gemeenten.all())
    attributes.flag(KAART, IS_PUBLIC, service.is_public)
    attributes.day(KAART, LAST_VERIFIED, service.last_verified)
    at_locations = sorted(location_ids[loc.pk] for loc in service.locations.all() if loc.pk in location_ids)
    return _compact(
        {
            "id": service_id,
            "organization_id": org_id,
            "name": service.name,
            "description": service.description,
            "url": service.website,
            "email": service.email,
            "status": "active" if service.is_active else "inactive",
            "fees_description": service.cost,
            "phones": _phones("service_id", service_id, service.phone),
            "service_at_locations": [
                {"id": stable_id("service_at_location", service_id, loc), "service_id": service_id, "location_id": loc}
                for loc in at_locations
            ],
            "attributes": attributes.sorted(),
        }
    )


def _contact(person: ContactPerson, org_id: str, contact_id: str) -> dict:
    attributes = _Attributes("contact", contact_id)
    attributes.term(CONTACTROL, person.role)
    attributes.text(CONTACTPERSOON, NOTE, person.note)
    attributes.day(CONTACTPERSOON, TRAINED_ON, person.trained_on)
    return _compact(
        {
            "id": contact_id,
            "organization_id": org_id,
            "name": person.name,
            "title": person.job_title,
            "email": person.email,
            "phones": _phones("contact_id", contact_id, person.phone),
            "attributes": attributes.sorted(),
        }
    )


def counts(document: dict) -> dict[str, int]:
    organisations = document.get("contents", [])
    return {
        "organisations": len(organisations),
        "services": sum(len(o.get("services", [])) for o in organisations),
        "locations": sum(len(o.get("locations", [])) for o in organisations),
        "contacts": sum(len(o.get("contacts", [])) for o in organisations),
    }


def audit_export(actor, document: dict, *, channel: str, with_contacts: bool) -> None:
    n = counts(document)
    contacts = f"{n['contacts']} contacts" if with_contacts else "without contacts"
    audit.log(
        actor,
        "sociale_kaart.hsds.exported",
        object_type=OrganisationEntry._meta.label_lower,
        purpose=f"hsds {channel}: {n['organisations']} organisations, {n['services']} services, {contacts}",
    )


def dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --- Validation ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '(document)'}: {self.message}"


class ImportFailed(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def json_path(parts) -> str:
    """``["contents", 3, "services", 1, "name"]`` → ``contents[3].services[1].name``."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@functools.cache
def document_schema() -> dict:
    with (SCHEMA_DIR / "organization.json").open(encoding="utf-8") as f:
        organization = json.load(f)
    page = {"type": "integer", "minimum": 0}
    return {
        "type": "object",
        "required": ["contents"],
        "properties": {
            "total_items": page,
            "total_pages": page,
            "page_number": page,
            "size": page,
            "first_page": {"type": "boolean"},
            "last_page": {"type": "boolean"},
            "empty": {"type": "boolean"},
            "contents": {"type": "array", "items": organization},
        },
    }


@functools.cache
def _validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(document_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _schema_message(error) -> tuple[list, str]:
    path = list(error.absolute_path)
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else ""
        return [*path, missing], _("Dit veld is verplicht.")
    if error.validator == "type":
        return path, _("Verwacht een waarde van het type %(type)s.") % {"type": error.validator_value}
    if error.validator == "enum":
        choices = ", ".join(str(v) for v in error.validator_value)
        return path, _("Deze waarde is niet toegestaan; kies uit: %(choices)s.") % {"choices": choices}
    if error.validator == "format":
        return path, _("Dit is geen geldige waarde van het formaat %(format)s.") % {"format": error.validator_value}
    return path, _("Voldoet niet aan het HSDS 3.0-schema (%(rule)s).") % {"rule": error.validator}


def validate_document(document) -> list[Problem]:
    """Every place where ``document`` breaks the HSDS 3.0 schema, in document order."""
    errors = sorted(
        _validator().iter_errors(document),
        key=lambda e: [(0, p, "") if isinstance(p, int) else (1, 0, p) for p in e.absolute_path],
    )
    problems = []
    for error in errors:
        path, message = _schema_message(error)
        problems.append(Problem(json_path(path), message))
    return problems


# --- Import ----------------------------------------------------------------------------------------------------------


@dataclass
class _Planned:
    """One record to create or update: its values, where it came from, and what it links to."""

    path: list
    values: dict
    fields: dict  # model field → path suffix in the document, for messages
    m2m: dict = field(default_factory=dict)
    children: dict = field(default_factory=dict)
    instance: object = None  # the saved model instance, once written


class _Reader:
    """Turns a valid HSDS document into planned records, collecting every problem with its place."""

    def __init__(self):
        self.problems: list[Problem] = []
        self.target_groups = {t.code: t for t in TargetGroup.objects.all()}
        self.themes = {t.code: t for t in Theme.objects.all()}
        self.gemeenten: dict[str, Gemeente] = {}
        for gemeente in Gemeente.objects.order_by("code", "year"):
            self.gemeenten[gemeente.code] = gemeente  # the newest year wins
        self.wijken: dict[str, Wijk] = {}
        for wijk in Wijk.objects.order_by("code", "year"):
            self.wijken[wijk.code] = wijk
        self.location_refs: dict[str, _Planned] = {}

    def problem(self, path: list, message: str) -> None:
        self.problems.append(Problem(json_path(path), message))

    def attributes(self, obj: dict, path: list, allowed: set[str]) -> dict[str, list[tuple[str, str, list]]]:
        """Our attributes of ``obj`` by taxonomy: (code, value, path). Other systems' taxonomies are skipped."""
        result: dict[str, list] = defaultdict(list)
        for n, attribute in enumerate(obj.get("attributes", [])):
            term = attribute.get("taxonomy_term") or {}
            taxonomy, code = term.get("taxonomy", ""), term.get("code", "")
            if taxonomy not in TAXONOMIES:
                continue
            here = [*path, "attributes", n]
            if taxonomy not in allowed:
                self.problem([*here, "taxonomy_term", "taxonomy"], _("Deze taxonomie hoort niet bij dit onderdeel."))
                continue
            known = self._known_codes(taxonomy)
            if known is not None and code not in known:
                self.problem([*here, "taxonomy_term", "code"], _("Onbekende code “%(code)s”.") % {"code": code})
                continue
            result[taxonomy].append((code, attribute.get("value", ""), here))
        return result

    def _known_codes(self, taxonomy: str):
        if taxonomy == DOELGROEP:
            return self.target_groups
        if taxonomy == THEMA:
            return self.themes
        if taxonomy == GEMEENTE:
            return self.gemeenten
        if taxonomy == WIJK:
            return self.wijken
        return _fixed_terms()[taxonomy]

    def one(self, attributes, taxonomy: str, default: str = "") -> str:
        values = attributes.get(taxonomy, [])
        for _code, _value, here in values[1:]:
            self.problem(here, _("Dit onderdeel mag maar één term van deze taxonomie hebben."))
        return values[0][0] if values else default

    def values(self, attributes, taxonomy: str) -> dict[str, tuple[str, list]]:
        return {code: (value, here) for code, value, here in attributes.get(taxonomy, [])}

    def flag(self, values: dict, code: str) -> bool | None:
        if code not in values:
            return None
        value, here = values[code]
        if value not in ("true", "false"):
            self.problem([*here, "value"], _("Verwacht “true” of “false”."))
            return None
        return value == "true"

    def day(self, values: dict, code: str) -> date | None:
        if code not in values:
            return None
        value, here = values[code]
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.problem([*here, "value"], _("Verwacht een datum als JJJJ-MM-DD."))
            return None

    def organisation(self, obj: dict, path: list) -> _Planned:
        attributes = self.attributes(obj, path, {SECTOR, GEMEENTE, MELDCODE, KAART})
        meldcode, kaart = self.values(attributes, MELDCODE), self.values(attributes, KAART)
        entry = {name: self.flag(meldcode, name) for name in MELDCODE_FLAGS}
        entry |= {
            "meldcode_checked_on": self.day(meldcode, MELDCODE_DATE),
            "is_public": bool(self.flag(kaart, IS_PUBLIC)),
            "last_verified": self.day(kaart, LAST_VERIFIED),
            "description": obj.get("description", ""),
            "email": obj.get("email", ""),
            "website": obj.get("website", ""),
            "phone": _first_phone(obj),
        }
        planned = _Planned(
            path,
            {"name": obj["name"], "sector": self.one(attributes, SECTOR, Sector.OVERIG)},
            {"name": "name", "sector": "attributes"},
            m2m={"gemeenten": [self.gemeenten[code] for code, _v, _p in attributes.get(GEMEENTE, [])]},
        )
        entry_fields = {"description": "description", "email": "email", "website": "website"}
        entry_fields["phone"] = "phones[0].number"
        planned.children["entry"] = _Planned(path, entry, entry_fields)
        planned.children["locations"] = [
            self.location(loc, [*path, "locations", n]) for n, loc in enumerate(obj.get("locations", []))
        ]
        planned.children["services"] = [(s, [*path, "services", n]) for n, s in enumerate(obj.get("services", []))]
        planned.children["contacts"] = [
            self.contact(c, [*path, "contacts", n]) for n, c in enumerate(obj.get("contacts", []))
        ]
        return planned

    def location(self, obj: dict, path: list) -> _Planned:
        attributes = self.attributes(obj, path, {GEMEENTE, WIJK, KAART})
        address = (obj.get("addresses") or [{}])[0]
        gemeente = self.one(attributes, GEMEENTE)
        wijk = self.one(attributes, WIJK)
        public = self.flag(self.values(attributes, KAART), IS_PUBLIC)
        planned = _Planned(
            path,
            {
                "name": obj.get("name", ""),
                "address": address.get("address_1", ""),
                "postal_code": address.get("postal_code", ""),
                "city": address.get("city", ""),
                "gemeente": self.gemeenten.get(gemeente),
                "wijk": self.wijken.get(wijk),
                "is_public": True if public is None else public,
            },
            {
                "name": "name",
                "address": "addresses[0].address_1",
                "postal_code": "addresses[0].postal_code",
                "city": "addresses[0].city",
            },
        )
        if obj["id"] in self.location_refs:
            self.problem([*path, "id"], _("Deze id komt twee keer voor in het bestand."))
        self.location_refs[obj["id"]] = planned
        return planned

    def service(self, obj: dict, path: list) -> _Planned:
        attributes = self.attributes(obj, path, {SOORT, TOEGANG, DIENST, DOELGROEP, THEMA, GEMEENTE, KAART})
        kaart, dienst = self.values(attributes, KAART), self.values(attributes, DIENST)
        locations = []
        for n, at in enumerate(obj.get("service_at_locations", [])):
            ref = at.get("location_id") or (at.get("location") or {}).get("id")
            if ref not in self.location_refs:
                here = [*path, "service_at_locations", n, "location_id"]
                self.problem(here, _("Deze locatie staat niet in het bestand."))
                continue
            locations.append(self.location_refs[ref])
        return _Planned(
            path,
            {
                "name": obj["name"],
                "description": obj.get("description", ""),
                "website": obj.get("url", ""),
                "email": obj.get("email", ""),
                "phone": _first_phone(obj),
                "cost": obj.get("fees_description", ""),
                "is_active": obj["status"] == "active",
                "kind": self.one(attributes, SOORT, Service.Kind.ONDERSTEUNING),
                "access": self.one(attributes, TOEGANG, Service.Access.VRIJ),
                "national_programme": dienst.get(NATIONAL_PROGRAMME, ("", None))[0],
                "is_public": bool(self.flag(kaart, IS_PUBLIC)),
                "last_verified": self.day(kaart, LAST_VERIFIED),
            },
            {
                "name": "name",
                "description": "description",
                "website": "url",
                "email": "email",
                "phone": "phones[0].number",
                "cost": "fees_description",
                "national_programme": "attributes",
            },
            m2m={
                "target_groups": [self.target_groups[c] for c, _v, _p in attributes.get(DOELGROEP, [])],
                "themes": [self.themes[c] for c, _v, _p in attributes.get(THEMA, [])],
                "gemeenten": [self.gemeenten[c] for c, _v, _p in attributes.get(GEMEENTE, [])],
                "locations": locations,
            },
        )

    def contact(self, obj: dict, path: list) -> _Planned:
        attributes = self.attributes(obj, path, {CONTACTROL, CONTACTPERSOON})
        details = self.values(attributes, CONTACTPERSOON)
        return _Planned(
            path,
            {
                "role": self.one(attributes, CONTACTROL, ContactPerson.Role.VASTE_CONTACTPERSOON),
                "name": obj.get("name", ""),
                "job_title": obj.get("title", ""),
                "email": obj.get("email", ""),
                "phone": _first_phone(obj),
                "note": details.get(NOTE, ("", None))[0],
                "trained_on": self.day(details, TRAINED_ON),
            },
            {"name": "name", "job_title": "title", "email": "email", "phone": "phones[0].number", "note": "attributes"},
        )


def _first_phone(obj: dict) -> str:
    phones = obj.get("phones") or []
    return phones[0]["number"] if phones else ""


def read_document(document) -> list[_Planned]:
    """Plan the import of a schema-valid document; raises :class:`ImportFailed` with every problem found."""
    reader = _Reader()
    organisations = []
    names: dict[str, list] = {}
    for n, obj in enumerate(document["contents"]):
        path = ["contents", n]
        if obj["name"] in names:
            reader.problem([*path, "name"], _("Deze organisatie staat al eerder in het bestand."))
        names[obj["name"]] = path
        organisations.append(reader.organisation(obj, path))
    # Services after all locations: a service may be offered at another organisation's location.
    for planned in organisations:
        planned.children["services"] = [reader.service(obj, path) for obj, path in planned.children["services"]]
    for planned in organisations:
        _check_fields(reader, planned)
    if reader.problems:
        raise ImportFailed(reader.problems)
    return organisations


def _check_fields(reader: _Reader, planned: _Planned) -> None:
    """Run the models' own field validation (lengths, e-mail, URL, choices), reporting at the HSDS place."""
    checks = [
        (Organisation, planned, ["gemeenten"]),
        (OrganisationEntry, planned.children["entry"], ["organisation", "owner"]),
        *((Location, p, ["organisation", "gemeente", "wijk"]) for p in planned.children["locations"]),
        *((Service, p, ["organisation", "owner"]) for p in planned.children["services"]),
        *((ContactPerson, p, ["organisation"]) for p in planned.children["contacts"]),
    ]
    for model, record, exclude in checks:
        try:
            model(**record.values).full_clean(exclude=exclude, validate_unique=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                suffix = record.fields.get(name, "")
                path = json_path(record.path) + (f".{suffix}" if suffix else "")
                for message in messages:
                    reader.problems.append(Problem(path, message))


@dataclass
class ImportResult:
    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    updated: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    service_ids: set[int] = field(default_factory=set)

    KINDS = ("organisations", "entries", "locations", "services", "contacts")

    def counts_text(self) -> str:
        """Counts only, for the audit log."""
        return ", ".join(f"{kind} {self.created[kind]} new {self.updated[kind]} changed" for kind in self.KINDS)

    def summary(self) -> str:
        labels = {
            "organisations": _("organisaties"),
            "entries": _("kaartgegevens"),
            "locations": _("locaties"),
            "services": _("diensten"),
            "contacts": _("contactpersonen"),
        }
        return "; ".join(
            _("%(kind)s: %(created)s nieuw, %(updated)s gewijzigd")
            % {"kind": labels[kind], "created": self.created[kind], "updated": self.updated[kind]}
            for kind in self.KINDS
        )


def import_document(document, *, actor=None) -> ImportResult:
    """Validate, then write everything in one transaction, or nothing: raises :class:`ImportFailed`.

    Organisations are matched by name; their locations and services by name (and rank among equal names), contact
    persons by role and name. A record is saved only when a value differs, so importing the same file twice changes
    nothing the second time. Nothing is deleted.
    """
    if problems := validate_document(document):
        raise ImportFailed(problems)
    plan = read_document(document)
    result = ImportResult()
    with transaction.atomic():
        existing = _existing_organisations([planned.values["name"] for planned in plan])
        for planned in plan:
            _write_organisation(planned, existing.get(planned.values["name"]), result)
        for planned in plan:
            for service in planned.children["services"]:
                if _set_m2m(service.instance, service.m2m):
                    result.service_ids.add(service.instance.pk)
        audit.log(
            actor,
            "sociale_kaart.hsds.imported",
            object_type=OrganisationEntry._meta.label_lower,
            purpose=f"hsds import: {result.counts_text()}"[:200],
        )
    from samenveilig.sociale_kaart.search import refresh_search_documents

    if result.service_ids:
        refresh_search_documents(sorted(result.service_ids))
    return result


BATCH = 500


def _existing_organisations(names: list[str]) -> dict[str, Organisation]:
    """The organisations of these names, with everything the import compares, in a fixed number of queries."""
    found = {}
    for start in range(0, len(names), BATCH):
        queryset = (
            Organisation.objects.filter(name__in=names[start : start + BATCH])
            .select_related("kaart")
            .prefetch_related(
                "gemeenten",
                Prefetch("locations", queryset=Location.objects.select_related("gemeente", "wijk")),
                Prefetch(
                    "services",
                    queryset=Service.objects.prefetch_related("target_groups", "themes", "gemeenten", "locations"),
                ),
                "contact_persons",
            )
        )
        found.update((organisation.name, organisation) for organisation in queryset)
    return found


def _save(instance, values: dict, result: ImportResult, kind: str) -> bool:
    changed = instance.pk is None or any(getattr(instance, k) != v for k, v in values.items())
    if not changed:
        return False
    result.updated[kind] += instance.pk is not None
    result.created[kind] += instance.pk is None
    for key, value in values.items():
        setattr(instance, key, value)
    instance._change_reason = CHANGE_REASON
    instance.save()
    return True


def _match(existing, planned: list[_Planned], key, kind: str, make, result: ImportResult) -> set[int]:
    """Pair existing records and planned ones on their natural key with rank; save what differs.

    Returns the pks of the records saved."""
    by_key = {}
    ranks = _ordinals(existing, key)
    for record in existing:
        by_key[ranks[record.pk]] = record
    seen: dict[tuple, int] = defaultdict(int)
    saved = set()
    for item in planned:
        k = tuple(item.values[name] for name in key.names)
        instance = by_key.get((*k, seen[k])) or make()
        seen[k] += 1
        if _save(instance, item.values, result, kind):
            saved.add(instance.pk)
        item.instance = instance
    return saved


class _Key:
    def __init__(self, *names: str):
        self.names = names

    def __call__(self, record) -> tuple:
        return tuple(getattr(record, name) for name in self.names)


def _write_organisation(planned: _Planned, organisation: Organisation | None, result: ImportResult) -> None:
    is_new = organisation is None
    organisation = organisation or Organisation()
    _save(organisation, planned.values, result, "organisations")
    _set_m2m(organisation, planned.m2m)
    try:
        entry = None if is_new else organisation.kaart
    except OrganisationEntry.DoesNotExist:
        entry = None
    _save(entry or OrganisationEntry(organisation=organisation), planned.children["entry"].values, result, "entries")

    def existing(name: str) -> list:
        return [] if is_new else list(getattr(organisation, name).all())

    def make(model):
        return lambda: model(organisation=organisation)

    children = planned.children
    _match(existing("locations"), children["locations"], _Key("name"), "locations", make(Location), result)
    saved = _match(existing("services"), children["services"], _Key("name"), "services", make(Service), result)
    result.service_ids.update(saved)
    contacts = existing("contact_persons")
    _match(contacts, children["contacts"], _Key("role", "name"), "contacts", make(ContactPerson), result)


def _set_m2m(instance, m2m: dict) -> bool:
    """Set the many-to-many fields that differ (reading the prefetched ones); returns whether any did."""
    changed = False
    for name, targets in m2m.items():
        wanted = {t.instance.pk if isinstance(t, _Planned) else t.pk for t in targets}
        manager = getattr(instance, name)
        if {related.pk for related in manager.all()} != wanted:
            manager.set(wanted)
            changed = True
    return changed
