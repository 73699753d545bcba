"""Log review for the functioneel beheerder: search the access log and export what was found.

Reading the log is itself a read of identities, so every search and every export leaves an entry, and so does every
refusal. The pages count nothing: on a log of hundreds of millions of entries a ``COUNT(*)`` per page would be the
slowest part, so the pagination only knows whether there is a next page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from samenveilig import audit
from samenveilig.accounts.models import Organisation
from samenveilig.accounts.roles import Role
from samenveilig.audit.forms import AuditSearchForm
from samenveilig.audit.models import AuditEntry
from samenveilig.audit.queries import distinct_object_types, filter_entries, search_purpose
from samenveilig.core.access import require_perm
from samenveilig.lib.exports import csv_stream

PAGE_SIZE = 50
OBJECT_TYPE = AuditEntry._meta.label_lower
EXPORT_FIELDS = AuditEntry.FIELDS


@dataclass
class Page:
    entries: list[AuditEntry]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_number(self) -> int:
        return self.number - 1

    @property
    def next_number(self) -> int:
        return self.number + 1


def _page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("page", 1)))
    except (TypeError, ValueError):
        return 1


def _page(queryset, number: int) -> Page:
    offset = (number - 1) * PAGE_SIZE
    rows = list(queryset[offset : offset + PAGE_SIZE + 1])
    return Page(entries=rows[:PAGE_SIZE], number=number, has_next=len(rows) > PAGE_SIZE)


def _label(entries: list[AuditEntry]) -> None:
    """Give each entry its role label and organisation name (one query for the page, not one per row)."""
    roles = dict(Role.choices)
    organisation_ids = {entry.organisation_id for entry in entries if entry.organisation_id}
    names = (
        dict(Organisation.objects.filter(pk__in=organisation_ids).values_list("pk", "name")) if organisation_ids else {}
    )
    for entry in entries:
        entry.role_label = roles.get(entry.role, entry.role)
        entry.organisation_name = names.get(entry.organisation_id, "")


@never_cache
@require_GET
def index(request):
    require_perm(request, "audit.view_log", "audit.log.searched", object_type=OBJECT_TYPE)
    form = AuditSearchForm(request.GET or None, object_types=distinct_object_types())
    page = None
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        page = _page(filter_entries(AuditEntry.objects.all(), data), _page_number(request))
        _label(page.entries)
        audit.log(request, "audit.log.searched", object_type=OBJECT_TYPE, purpose=search_purpose("web", data))
    return render(
        request,
        "audit/index.html",
        {"form": form, "page": page, "can_export": request.user.has_perm("audit.export_log")},
        status=200 if page is not None else 400,
    )


def _export_rows(queryset):
    for row in queryset.values_list(*EXPORT_FIELDS).iterator(chunk_size=2000):
        yield (timezone.localtime(row[0]).isoformat(timespec="seconds"), *row[1:])


@never_cache
@require_GET
def export(request):
    require_perm(request, "audit.export_log", "audit.log.exported", object_type=OBJECT_TYPE)
    form = AuditSearchForm(request.GET)
    if not form.is_valid():
        return render(request, "audit/index.html", {"form": form, "page": None, "can_export": True}, status=400)
    data = form.cleaned_data
    queryset = filter_entries(AuditEntry.objects.all(), data)
    audit.log(request, "audit.log.exported", object_type=OBJECT_TYPE, purpose=search_purpose("csv export", data))
    # Evaluated now, in the language of the request; the rows are read while the response streams.
    header = [str(AuditEntry._meta.get_field(name).verbose_name) for name in EXPORT_FIELDS]
    response = StreamingHttpResponse(
        csv_stream(header, _export_rows(queryset), bom=True), content_type="text/csv; charset=utf-8"
    )
    filename = f"toegangslog-{timezone.localtime():%Y%m%d-%H%M}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
