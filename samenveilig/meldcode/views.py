"""Meldcode pages: my dossiers, the aandachtsfunctionaris' list, a new dossier, and the dossier itself.

Every page checks its permission first (a refusal is audited); a dossier is fetched with ``get_visible_or_404``, so
whoever may not know it exists gets a 404. Every list and every dossier read is audited. The pages of the steps
are in :mod:`samenveilig.meldcode.views_steps`.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from samenveilig import audit
from samenveilig.core.access import get_visible_or_404, require_perm
from samenveilig.meldcode import services, workflow
from samenveilig.meldcode.forms import DossierCreateForm, PersonForm
from samenveilig.meldcode.models import Dossier, DossierMember, PersonConcerned, SignalEntry
from samenveilig.meldcode.steps import AFWEGING_GUIDANCE, GUIDES, Step
from samenveilig.meldcode.vt_section import dossier_section
from samenveilig.meldcode.workflow import Action, Status

PAGE_SIZE = 25


def dossier_or_404(request, pk: int, *, purpose: str = "", queryset=None):
    queryset = queryset if queryset is not None else Dossier.objects.select_related("owner", "organisation")
    return get_visible_or_404(request, queryset, action="meldcode.dossier.viewed", purpose=purpose, pk=pk)


def dossier_list(request):
    """Mijn dossiers: the dossiers the user owns or was added to, with their step and last activity."""
    require_perm(request, "meldcode.view_own_dossiers", "meldcode.dossier.listed", object_type="meldcode.dossier")
    user = request.user
    dossiers = (
        Dossier.objects.visible_to(user, request.membership)
        .filter(Q(owner=user) | Q(members__user=user))
        .distinct()
        .select_related("owner")
        .order_by("-last_activity")
    )
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("pagina"))
    audit.log(request, "meldcode.dossier.listed", object_type="meldcode.dossier", purpose="mijn dossiers")
    return render(
        request,
        "meldcode/dossier_list.html",
        {
            "page": page,
            "dossiers": page.object_list,
            "can_create": user.has_perm("meldcode.create_dossier"),
            "is_af": user.has_perm("meldcode.view_organisation_dossiers"),
        },
    )


def organisation_overview(request):
    """The aandachtsfunctionaris' overview of the organisation's open dossiers: see ``views_af``."""
    from samenveilig.meldcode.views_af import organisation_overview as overview

    return overview(request)


def dossier_create(request):
    action = "meldcode.dossier.created"
    require_perm(request, "meldcode.create_dossier", action, object_type="meldcode.dossier")
    form = DossierCreateForm(request.POST or None)
    duplicate = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dossier = services.create_dossier(
                request,
                concern=data["concern"],
                local_reference=data["local_reference_dossier"],
                person={field: data.get(field) for field in services.PERSON_FIELDS},
            )
        except services.DuplicateReference as error:
            form.add_error("local_reference_dossier", error.message)
            if error.existing is not None and request.user.has_perm("meldcode.view_dossier", error.existing):
                duplicate = error.existing
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Het dossier is aangemaakt. Begin met stap 1: leg de signalen vast."))
            return redirect("meldcode:dossier_detail", dossier.pk)
    return render(
        request,
        "meldcode/dossier_create.html",
        {"form": form, "duplicate": duplicate, "identifying_help": PersonForm.IDENTIFYING_HELP},
    )


def _step_records(dossier):
    """Everything recorded in the dossier, in a fixed number of queries."""
    return {
        "persons": list(dossier.persons.all()),
        "members": list(dossier.members.select_related("user")),
        "signals": list(
            dossier.signals.select_related("person", "created_by").prefetch_related(
                Prefetch("checklist_items", to_attr="items")
            )
        ),
        "kindchecks": list(dossier.kindchecks.select_related("person", "created_by")),
        "consultations": list(
            dossier.consultations.select_related("contact_person__organisation", "organisation", "created_by")
        ),
        "conversations": list(dossier.conversations.select_related("created_by")),
        "weighings": list(dossier.weighings.select_related("created_by")),
        "assessments": list(dossier.assessments.select_related("created_by").order_by("-created", "-pk")),
    }


def dossier_detail(request, pk: int):
    dossier = dossier_or_404(request, pk, purpose="dossier")
    records = _step_records(dossier)
    # The member list was just read: the permission predicates reuse it instead of asking again.
    dossier._member_ids = {member.user_id for member in records["members"]}
    progress = workflow.progress(
        signals=len(records["signals"]),
        consultations=len(records["consultations"]),
        conversations=len(records["conversations"]),
        weighings=len(records["weighings"]),
        assessments=len(records["assessments"]),
        afweging_step=dossier.afweging_step,
    )
    user = request.user
    can_change = user.has_perm("meldcode.change_dossier", dossier)
    allowed = workflow.ALLOWED_ACTIONS[dossier.status] if can_change else frozenset()
    steps = []
    for step in Step:
        guide = GUIDES[step]
        is_afweging = step == dossier.afweging_step
        steps.append(
            {
                "number": int(step),
                "title": guide.title,
                "guidance": guide.guidance,
                "afweging_guidance": AFWEGING_GUIDANCE if is_afweging else "",
                "is_afweging": is_afweging,
                "is_weighing": step == Step.WEGEN and dossier.afweging_step == Step.BESLISSEN,
                "done": progress.done[step],
                "current": dossier.status == Status.OPEN and progress.current == step,
            }
        )
    has_adults = any(p.kind == PersonConcerned.Kind.VOLWASSENE for p in records["persons"])
    latest = records["assessments"][0] if records["assessments"] else None
    return render(
        request,
        "meldcode/dossier_detail.html",
        {
            "dossier": dossier,
            **records,
            "steps": steps,
            "progress": progress,
            "can_change": can_change,
            "allowed": {str(action) for action in allowed},
            "may_assess": Action.ASSESS in allowed and progress.may_assess,
            "can_add_member": Action.ADD_MEMBER in allowed and user.has_perm("meldcode.add_member", dossier),
            "can_support": (
                not dossier.is_closed
                and user.pk != dossier.owner_id
                and user.pk not in dossier._member_ids
                and user.has_perm("meldcode.support_dossier", dossier)
            ),
            "has_adults": has_adults,
            "latest": latest,
            "report_due": dossier.status == Status.MELDEN,
            "signal_sources": dict(SignalEntry.Source.choices),
            "member_kinds": dict(DossierMember.Kind.choices),
            "detail_url": reverse("meldcode:dossier_detail", args=[dossier.pk]),
            "veilig_thuis": dossier_section(request, dossier),
        },
    )
