"""A dossier's change log (who viewed it, what changed, field by field) and the whole dossier as PDF.

The change log is for the owner and the organisation's aandachtsfunctionaris (``meldcode.view_changelog``): who
viewed the dossier comes from the audit log (colleagues' names: they are not the client); what changed comes from
the dossier's and its persons' change history (simple-history), field by field, and from the records the steps
added. An encrypted field is shown as "gewijzigd" with its new value — the reader may see the dossier. Reading the
log is itself audited.

The PDF (``meldcode.export_dossier``: whoever works in the dossier) holds every step and every assessment; the
persons' identifying details only when the user ticks "met identificerende gegevens". The export is audited, with
which of the two it was.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from samenveilig import audit
from samenveilig.accounts.models import User
from samenveilig.audit.models import AuditEntry
from samenveilig.core.access import get_visible_or_404, require_perm
from samenveilig.lib.crypto import EncryptedTextField
from samenveilig.meldcode import pdf
from samenveilig.meldcode.forms_af import PdfForm
from samenveilig.meldcode.models import Dossier, PersonConcerned

PAGE_SIZE = 25
VIEW_ACTIONS = (
    "meldcode.dossier.viewed",
    "meldcode.dossier.exported",
    "meldcode.changelog.viewed",
)
SKIPPED_FIELDS = ("version", "last_activity", "created")


def _value(field, value, users: dict) -> str:
    if value in (None, ""):
        return "—"
    if field.is_relation:
        return str(users.get(value, f"#{value}"))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def _diffs(records, model, users: dict, title) -> list[dict]:
    """Events from consecutive history records of one object: created, then each change field by field."""
    events = []
    previous = None
    for record in records:
        if record.history_type == "+" or previous is None:
            events.append(
                {"when": record.history_date, "who": record.history_user, "title": title(record, created=True)}
            )
        else:
            delta = record.diff_against(previous, excluded_fields=SKIPPED_FIELDS)
            changes = []
            for change in delta.changes:
                field = model._meta.get_field(change.field)
                encrypted = isinstance(field, EncryptedTextField)
                changes.append(
                    {
                        "label": field.verbose_name,
                        "old": "" if encrypted else _value(field, change.old, users),
                        "new": _value(field, change.new, users),
                        "encrypted": encrypted,
                    }
                )
            if changes:
                events.append(
                    {
                        "when": record.history_date,
                        "who": record.history_user,
                        "title": title(record),
                        "changes": changes,
                    }
                )
        previous = record
    return events


def changes(dossier: Dossier) -> list[dict]:
    """Every change of the dossier, newest first: field changes from the history, records added by the steps."""
    dossier_history = list(
        Dossier.history.filter(id=dossier.pk).select_related("history_user").order_by("history_date", "history_id")
    )
    person_history = list(
        PersonConcerned.history.filter(dossier_id=dossier.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    user_ids = {record.owner_id for record in dossier_history}
    users = {user.pk: user for user in User.objects.filter(pk__in=user_ids)}
    events = _diffs(
        dossier_history,
        Dossier,
        users,
        lambda record, created=False: _("Dossier geopend") if created else _("Dossier gewijzigd"),
    )
    by_person: dict[int, list] = {}
    for record in person_history:
        by_person.setdefault(record.id, []).append(record)
    for records in by_person.values():
        events += _diffs(
            records,
            PersonConcerned,
            users,
            lambda record, created=False: (
                (_("Betrokkene toegevoegd: %(label)s") if created else _("Betrokkene gewijzigd: %(label)s"))
                % {"label": record.instance.label}
            ),
        )
    added = [
        (dossier.signals.select_related("created_by"), _("Signaal vastgelegd")),
        (dossier.kindchecks.select_related("created_by"), _("Kindcheck vastgelegd")),
        (dossier.consultations.select_related("created_by"), _("Consultatie vastgelegd")),
        (dossier.conversations.select_related("created_by"), _("Gesprek vastgelegd")),
        (dossier.weighings.select_related("created_by"), _("Weging vastgelegd")),
        (dossier.assessments.select_related("created_by"), _("Afweging vastgelegd")),
    ]
    for queryset, title in added:
        events += [{"when": obj.created, "who": obj.created_by, "title": title} for obj in queryset]
    events += [
        {"when": m.added, "who": m.added_by, "title": _("Collega toegevoegd: %(name)s") % {"name": m.user}}
        for m in dossier.members.select_related("user", "added_by")
    ]
    for transfer in dossier.transfers.select_related("from_user", "to_user", "requested_by"):
        events.append(
            {
                "when": transfer.requested,
                "who": transfer.requested_by,
                "title": _("Overdracht van %(from)s aan %(to)s: %(status)s")
                % {"from": transfer.from_user, "to": transfer.to_user, "status": transfer.get_status_display()},
            }
        )
    return sorted(events, key=lambda event: event["when"], reverse=True)


def views(dossier: Dossier):
    return AuditEntry.objects.filter(
        object_type="meldcode.dossier",
        object_id=str(dossier.pk),
        action__in=VIEW_ACTIONS,
        outcome=AuditEntry.Outcome.ALLOWED,
    ).order_by("-timestamp", "-id")


def changelog(request, pk: int):
    dossier = get_visible_or_404(
        request,
        Dossier.objects.select_related("owner", "organisation"),
        action="meldcode.changelog.viewed",
        purpose="wijzigingslog",
        pk=pk,
    )
    require_perm(request, "meldcode.view_changelog", "meldcode.changelog.viewed", dossier)
    mode = "bekeken" if request.GET.get("toon") == "bekeken" else "wijzigingen"
    if mode == "bekeken":
        page = Paginator(views(dossier), PAGE_SIZE).get_page(request.GET.get("pagina"))
        names = {user.pk: user for user in User.objects.filter(pk__in={entry.actor_id for entry in page.object_list})}
        items = [{"entry": entry, "who": names.get(entry.actor_id, entry.actor_username)} for entry in page.object_list]
    else:
        page = Paginator(changes(dossier), PAGE_SIZE).get_page(request.GET.get("pagina"))
        items = list(page.object_list)
    return render(
        request, "meldcode/changelog/changelog.html", {"dossier": dossier, "mode": mode, "page": page, "items": items}
    )


def export_pdf(request, pk: int):
    """GET: the choice (with or without identifying details); POST: the PDF, audited."""
    dossier = get_visible_or_404(
        request,
        Dossier.objects.select_related("owner", "organisation"),
        action="meldcode.dossier.viewed",
        purpose="pdf",
        pk=pk,
    )
    require_perm(request, "meldcode.export_dossier", "meldcode.dossier.exported", dossier)
    form = PdfForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        identifying = form.cleaned_data["identifying"]
        content = pdf.dossier_pdf(dossier, identifying=identifying, user=request.user)
        audit.log(
            request,
            "meldcode.dossier.exported",
            dossier,
            purpose="pdf met identificerende gegevens" if identifying else "pdf zonder identificerende gegevens",
        )
        return pdf.pdf_response(content, f"meldcodedossier-{dossier.pk}")
    return render(request, "meldcode/changelog/pdf_form.html", {"dossier": dossier, "form": form})
