"""Searching the sociale kaart: free text plus filters, over active services of active organisations.

On PostgreSQL the free text is Dutch full-text search (``websearch`` syntax: words, "phrases", ``-not``, ``or``),
ranked, over the stored ``Service.search_document`` and its GIN index (see :func:`refresh_search_documents`);
elsewhere (SQLite on a laptop) every word, cut back to a rough Dutch stem, must occur in the service's name,
description, organisation name, or the name of one of its themes or target groups.

Filters go through the many-to-many tables as ``pk IN (subquery)``, so no filter multiplies rows and no DISTINCT is
needed. Services are organisation data, not personal data: a search is not audited.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.db import connection
from django.db.models import F, FloatField, Prefetch, Q, QuerySet, TextField, Value
from django.db.models.functions import Coalesce

from samenveilig.regio.models import Gemeente
from samenveilig.sociale_kaart.models import Service, TargetGroup, Theme

#: The names of the search parameters (the query string of the search page, the API's filters).
PARAMS = ("q", "gemeente", "wijk", "sector", "doelgroep", "thema", "soort")

MIN_STEM = 3
# Longest first; each pair is (suffix, replacement). Only the first that leaves a stem of MIN_STEM letters applies.
_SUFFIXES = (
    ("heden", "heid"),  # mogelijkheden -> mogelijkheid
    ("ingen", "ing"),  # verwijzingen -> verwijzing
    ("eren", ""),  # kinderen -> kind, jongeren -> jong
    ("'s", ""),  # thema's -> thema
    ("en", ""),  # gezinnen -> gezinn (-> gezin below), cursussen -> cursuss (-> cursus)
    ("es", ""),
    ("s", ""),  # ouders -> ouder
    ("e", ""),  # kleine -> klein
)
_VOWELS = set("aeiouy")
_WORD = re.compile(r"[\w'-]+", re.UNICODE)
_OPERATORS = re.compile(r"[\"()<>:&|!*]|(^|\s)-|\bor\b", re.IGNORECASE)


def stem(word: str) -> str:
    """A rough Dutch stem for substring matching: lower case, one plural/inflection suffix off, double consonant halved.

    Not a linguistic stemmer (PostgreSQL's ``dutch`` configuration is one); good enough for "gezinnen" to find
    "gezin" and "kinderen" to find "kind" with ``icontains``. Short words are left alone.
    """
    word = word.lower().strip("'-")
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) + len(replacement) >= MIN_STEM:
            word = word[: len(word) - len(suffix)] + replacement
            break
    if len(word) > MIN_STEM and word[-1] == word[-2] and word[-1] not in _VOWELS:
        word = word[:-1]  # gezinn -> gezin, mann -> man
    return word


def words(text: str) -> list[str]:
    return [w for w in (m.group().strip("'-") for m in _WORD.finditer(text or "")) if w]


def gemeente_code(value: str) -> str:
    """``GM0632``, ``gm0632`` and ``0632`` all mean GM0632."""
    code = (value or "").strip().upper()
    if code.isdigit():
        code = "GM" + code.zfill(4)
    return code


def _get(params: Mapping, name: str) -> str:
    value = params.get(name) if params else None
    return str(value).strip() if value is not None else ""


def base_queryset() -> QuerySet[Service]:
    """Active services of active organisations, with what a result list shows, in a fixed number of queries.

    The organisations' map entries are prefetched for the page's rows rather than joined: a join is made for every
    matching service before the sort picks the page (some 20,000 rows for a common word at 50,000 services).
    """
    return (
        Service.objects.filter(is_active=True, organisation__is_active=True)
        .defer("search_document")  # only the database needs it
        .select_related("organisation")
        .prefetch_related(
            "organisation__kaart",
            Prefetch("themes", queryset=Theme.objects.order_by("order", "name")),
            Prefetch("target_groups", queryset=TargetGroup.objects.order_by("order", "name")),
        )
    )


def _in_through(field: str, **lookup) -> Q:
    """``pk IN (SELECT service_id FROM <m2m table> WHERE ...)`` for a many-to-many field of Service."""
    through = getattr(Service, field).through
    return Q(pk__in=through.objects.filter(**lookup).values("service_id"))


def search_services(params: Mapping | None, *, user=None) -> QuerySet[Service]:
    """The active services matching ``params`` (keys: :data:`PARAMS`; empty values are ignored).

    ``gemeente`` is a CBS code and matches the municipalities a service is for or the municipality of one of its
    locations, in any CBS year; ``wijk`` is a CBS district code of a location; ``sector`` the organisation's sector;
    ``doelgroep`` and ``thema`` codes of the managed lists; ``soort`` a :class:`Service.Kind`. With ``user``, a user
    who may not see the map gets nothing.
    """
    if user is not None and not user.has_perm("sociale_kaart.view_map"):
        return Service.objects.none()
    params = params or {}
    queryset = base_queryset()

    if code := gemeente_code(_get(params, "gemeente")):
        # One IN over a UNION, not two INs joined by OR: PostgreSQL turns it into a semi-join on ids instead of
        # testing every service against two hashed subplans.
        gemeenten = Gemeente.objects.filter(code=code).values("pk")
        for_inhabitants = Service.gemeenten.through.objects.filter(gemeente_id__in=gemeenten).values("service_id")
        by_location = Service.locations.through.objects.filter(location__gemeente_id__in=gemeenten).values("service_id")
        queryset = queryset.filter(pk__in=for_inhabitants.union(by_location))
    if wijk := _get(params, "wijk").upper():
        queryset = queryset.filter(_in_through("locations", location__wijk__code=wijk))
    if sector := _get(params, "sector"):
        queryset = queryset.filter(organisation__sector=sector)
    if doelgroep := _get(params, "doelgroep"):
        queryset = queryset.filter(_in_through("target_groups", targetgroup__code=doelgroep))
    if thema := _get(params, "thema"):
        queryset = queryset.filter(_in_through("themes", theme__code=thema))
    if soort := _get(params, "soort"):
        queryset = queryset.filter(kind=soort)

    text = _get(params, "q")
    if not text:
        return queryset.order_by("name", "pk")
    if connection.vendor == "postgresql":
        return _full_text(queryset, text)
    return _substring(queryset, text)


def _names(field: str):
    """The names of a service's themes or target groups as one string: a correlated subquery, so no row doubling."""
    from django.contrib.postgres.aggregates import StringAgg
    from django.db.models import OuterRef, Subquery

    through = getattr(Service, field).through
    fk = "theme" if field == "themes" else "targetgroup"
    return Coalesce(
        Subquery(
            through.objects.filter(service_id=OuterRef("pk"))
            .values("service_id")
            .annotate(names=StringAgg(f"{fk}__name", delimiter=" "))
            .values("names")[:1]
        ),
        Value(""),
        output_field=TextField(),
    )


def search_document():
    """The weighted search document of a service, as an expression over ``Service`` rows (PostgreSQL).

    Service name (A); organisation name, theme and target group names (B); description (C); configuration ``dutch``.
    Only subqueries, no joins, so it also works in ``UPDATE`` (:func:`refresh_search_documents`).
    """
    from django.contrib.postgres.search import SearchVector
    from django.db.models import OuterRef, Subquery

    from samenveilig.accounts.models import Organisation

    organisation = Subquery(Organisation.objects.filter(pk=OuterRef("organisation_id")).values("name")[:1])
    return (
        SearchVector("name", weight="A", config="dutch")
        + SearchVector(organisation, _names("themes"), _names("target_groups"), weight="B", config="dutch")
        + SearchVector("description", weight="C", config="dutch")
    )


def _full_text(queryset: QuerySet[Service], text: str) -> QuerySet[Service]:
    """Match and rank on the stored document (GIN index).

    A service without a stored document (a write path that did not call :func:`refresh_search_documents`) is matched
    on the document computed on the fly, so nothing is lost; it ranks last. That second half is written so that
    PostgreSQL can still use the indexes: ``document @@ q OR (document IS NULL AND id IN (<those rows computed>))``
    is a GIN scan OR'ed with the partial index on a missing document (normally empty), and the computed document is
    costed for those rows only. (Testing ``COALESCE(document, <computed>)`` on every row is a full scan, and its
    estimated cost starts PostgreSQL's JIT compiler: over a second per query.)
    """
    from django.contrib.postgres.search import SearchQuery, SearchRank

    query = SearchQuery(text, search_type="websearch", config="dutch")
    if not _OPERATORS.search(text):
        # Snowball's Dutch stemmer keeps "gezinn" for "gezinnen" but "gezin" for "gezin": also accept every word's
        # rough stem as a prefix ("gezin:*"), so the singular finds the plural. Not with operators (phrases, -not, or).
        prefixes = [stem(word) for word in re.findall(r"\w+", text)]
        if prefixes := [p for p in prefixes if len(p) >= MIN_STEM]:
            query |= SearchQuery(" & ".join(f"{p}:*" for p in prefixes), search_type="raw", config="dutch")
    missing = (
        Service.objects.order_by()
        .filter(search_document__isnull=True)
        .alias(computed=search_document())
        .filter(computed=query)
        .values("pk")
    )
    rank = Coalesce(SearchRank(F("search_document"), query), Value(0.0), output_field=FloatField())
    return (
        queryset.filter(Q(search_document=query) | Q(search_document__isnull=True) & Q(pk__in=missing))
        .annotate(rank=rank)
        .order_by("-rank", "name", "pk")
    )


def _substring(queryset: QuerySet[Service], text: str) -> QuerySet[Service]:
    for word in words(text):
        part = stem(word)
        if not part:
            continue
        queryset = queryset.filter(
            Q(name__icontains=part)
            | Q(description__icontains=part)
            | Q(organisation__name__icontains=part)
            | _in_through("themes", theme__name__icontains=part)
            | _in_through("target_groups", targetgroup__name__icontains=part)
        )
    return queryset.order_by("name", "pk")


#: At most this many ids in one ``UPDATE ... WHERE id IN (...)`` (PostgreSQL takes at most 65,535 parameters).
REFRESH_CHUNK = 10_000


def refresh_search_documents(service_ids=None) -> int:
    """Recompute the stored search document of the given services (all when ``None``); returns how many.

    ``service_ids`` is an iterable of primary keys or a QuerySet of them (``....values("pk")``, run as a subquery, so
    any number). One set-based ``UPDATE`` (chunks of :data:`REFRESH_CHUNK` ids for a long list); no history, no
    signals. PostgreSQL only: a no-op (0) elsewhere, where the search does not use the document.

    Every write path that changes a service, its themes or target groups, or its organisation's name calls this after
    saving, inside its transaction: ``refresh_search_documents([service.pk])``; for an organisation renamed
    ``refresh_search_documents(organisation.services.values("pk"))``; for a theme or target group renamed
    ``refresh_search_documents(theme.services.values("pk"))``. Bulk loads call it once at the end; ``manage.py
    refresh_search`` recomputes every document (after a change made outside the write paths).
    """
    if connection.vendor != "postgresql":
        return 0
    document = search_document()
    if service_ids is None:
        return Service.objects.update(search_document=document)
    if isinstance(service_ids, QuerySet):
        return Service.objects.filter(pk__in=service_ids).update(search_document=document)
    ids = sorted({int(pk) for pk in service_ids})
    return sum(
        Service.objects.filter(pk__in=ids[i : i + REFRESH_CHUNK]).update(search_document=document)
        for i in range(0, len(ids), REFRESH_CHUNK)
    )
