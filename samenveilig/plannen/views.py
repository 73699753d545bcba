"""Pages of a plan: the list, the plan as tables per theme, the month timeline, the finance table, progress, history,
and the plan's own forms (new, edit, copy to a new period).

Every page starts with :func:`plan_for`: the plan from ``Plan.objects.visible_to(user)`` or 404 (audited), then the
permission the page needs (403, audited). Writes go through :mod:`services`.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from samenveilig import audit
from samenveilig.core.access import get_visible_or_404, require_perm
from samenveilig.plannen import access, planning, services
from samenveilig.plannen.forms import CONFLICT_MESSAGE, CopyForm, PlanForm
from samenveilig.plannen.models import Activity, Cost, Evaluation, EvaluationMoment, Plan, Theme

VIEW_LIST = "plannen.view_plans"
VIEW_PART = "plannen.view_activities"
VIEW = "plannen.view_plan"
CHANGE = "plannen.change_plan"
ADD = "plannen.add_plan"
HISTORY_LENGTH = 50


def plan_for(request, pk: int, perm: str, action: str) -> Plan:
    """The plan if the user may see it at all (else 404), and may ``perm`` on it (else 403); both audited."""
    plan = get_visible_or_404(
        request, Plan.objects.select_related("gemeente", "regio", "organisation"), action=action, pk=pk
    )
    if perm != VIEW_PART:
        require_perm(request, perm, action, plan)
    return plan


def plan_context(request, plan: Plan, **extra) -> dict:
    level = access.plan_access(request.user, plan)
    return {
        "plan": plan,
        "can_edit": level == access.EDIT,
        "sees_all": level in (access.EDIT, access.READ),
        "theme_word": plan.get_theme_label_display(),
        **extra,
    }


def shown_themes(request, plan: Plan) -> list[Theme]:
    activities = access.visible_activities(planning.activity_queryset().filter(theme__plan=plan), request.user, plan)
    themes = planning.load_plan(plan, activities)
    if access.plan_access(request.user, plan) == access.PARTNER:
        themes = [theme for theme in themes if theme.shown_activities]
    return themes


# --- reading ------------------------------------------------------------------------------------------------------


def plan_list(request):
    require_perm(request, VIEW_LIST, "plannen.plan.listed", object_type="plannen.plan")
    plans = list(Plan.objects.visible_to(request.user).select_related("gemeente", "regio", "organisation"))
    for plan in plans:
        plan.can_edit = access.plan_access(request.user, plan) == access.EDIT
    audit.log(request, "plannen.plan.listed", object_type="plannen.plan")
    return render(
        request,
        "plannen/plan_list.html",
        {"plans": plans, "can_add": request.user.has_perm(ADD)},
    )


def plan_detail(request, pk: int):
    plan = plan_for(request, pk, VIEW_PART, "plannen.plan.viewed")
    themes = shown_themes(request, plan)
    today = timezone.localdate()
    context = plan_context(request, plan, themes=themes, today=today)
    if context["sees_all"]:
        context["progress"] = planning.progress(themes, today)
        context["progress_totals"] = planning.totals(context["progress"])
        context["moments"] = plan.evaluation_moments.all()
    for theme in themes:
        for activity in theme.shown_activities:
            activity.late = activity.is_late(today)
            activity.cost_years = _cost_summary(activity)
    return render(request, "plannen/plan_detail.html", context)


def _cost_summary(activity: Activity) -> list[tuple[str, str]]:
    result = []
    for cost in activity.costs.all():
        period = str(cost.year) if not cost.until_year else f"{cost.year}–{cost.until_year}"
        result.append((period, planning.euro(cost.amount)))
    return result


def plan_timeline(request, pk: int):
    plan = plan_for(request, pk, VIEW, "plannen.plan.viewed")
    themes = shown_themes(request, plan)
    years = planning.timeline_years(plan, themes)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("jaar", ""))
    except ValueError:
        year = today.year if today.year in years else years[0]
    if year not in years:
        year = today.year if today.year in years else years[0]
    moments = list(plan.evaluation_moments.all())
    timeline = planning.timeline(plan, themes, year, moments, today)
    return render(
        request,
        "plannen/plan_timeline.html",
        plan_context(request, plan, timeline=timeline, years=years, year=year, today=today),
    )


def plan_finance(request, pk: int):
    plan = plan_for(request, pk, VIEW, "plannen.plan.viewed")
    themes = shown_themes(request, plan)
    merge = request.GET.get("per_jaar") != "1"
    table = planning.finance_table(plan, themes, merge=merge)
    return render(request, "plannen/plan_finance.html", plan_context(request, plan, table=table, merge=merge))


def plan_progress(request, pk: int):
    plan = plan_for(request, pk, VIEW, "plannen.plan.viewed")
    themes = shown_themes(request, plan)
    today = timezone.localdate()
    items = planning.progress(themes, today)
    late = [activity for theme in themes for activity in theme.shown_activities if activity.is_late(today)]
    return render(
        request,
        "plannen/plan_progress.html",
        plan_context(request, plan, progress=items, totals=planning.totals(items), late=late, today=today),
    )


def plan_history(request, pk: int):
    """The last changes to the plan and everything in it: who, when, what kind of record, which fields."""
    plan = plan_for(request, pk, VIEW, "plannen.plan.history_viewed")
    records = []
    theme_ids = list(Theme.history.filter(plan_id=plan.pk).values_list("id", flat=True).distinct())
    activity_ids = list(Activity.history.filter(theme_id__in=theme_ids).values_list("id", flat=True).distinct())
    sources = (
        (Plan, {"id": plan.pk}),
        (Theme, {"plan_id": plan.pk}),
        (Activity, {"theme_id__in": theme_ids}),
        (EvaluationMoment, {"plan_id": plan.pk}),
        (Cost, {"activity_id__in": activity_ids}),
        (Evaluation, {"activity_id__in": activity_ids}),
    )
    for model, lookup in sources:
        records += list(
            model.history.filter(**lookup).select_related("history_user").order_by("-history_date")[:HISTORY_LENGTH]
        )
    records.sort(key=lambda record: record.history_date, reverse=True)
    changes = [
        {
            "date": record.history_date,
            "user": record.history_user,
            "kind": record.instance_type._meta.verbose_name,
            "object": str(record.instance),
            "type": record.get_history_type_display(),
        }
        for record in records[:HISTORY_LENGTH]
    ]
    return render(request, "plannen/plan_history.html", plan_context(request, plan, changes=changes))


# --- writing ------------------------------------------------------------------------------------------------------


def plan_create(request):
    require_perm(request, ADD, "plannen.plan.created", object_type="plannen.plan")
    form = PlanForm(request.POST or None, user=request.user, instance=Plan())
    if request.method == "POST" and form.is_valid():
        plan = services.create_plan(request, form.changes(), template=form.cleaned_data.get("template") or "")
        messages.success(request, _("Het plan is aangemaakt."))
        return redirect("plannen:plan_detail", plan.pk)
    return render(request, "plannen/form.html", {"form": form, "title": _("Nieuw plan"), "back": None})


def plan_edit(request, pk: int):
    plan = plan_for(request, pk, CHANGE, "plannen.plan.updated")
    form = PlanForm(request.POST or None, user=request.user, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_plan(request, plan, form.changes(), version=form.cleaned_data.get("version") or "")
        except services.StaleVersion:
            form.add_error(None, CONFLICT_MESSAGE)
        else:
            messages.success(request, _("Het plan is opgeslagen."))
            return redirect("plannen:plan_detail", plan.pk)
    return render(request, "plannen/form.html", {"form": form, "title": _("Plan bewerken"), "plan": plan})


def plan_copy(request, pk: int):
    plan = plan_for(request, pk, CHANGE, "plannen.plan.copied")
    length = plan.end_year - plan.start_year
    initial = {
        "title": plan.title,
        "start_year": plan.end_year + 1,
        "end_year": plan.end_year + 1 + length,
    }
    form = CopyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        new = services.copy_plan(request, plan, **form.cleaned_data)
        messages.success(request, _("Het nieuwe plan is aangemaakt, met de activiteiten die nog niet gereed waren."))
        return redirect("plannen:plan_detail", new.pk)
    return render(
        request,
        "plannen/form.html",
        {
            "form": form,
            "title": _("Plan kopiëren naar een nieuwe periode"),
            "plan": plan,
            "intro": _(
                "Het nieuwe plan krijgt dezelfde gemeente of regio, missie, doelen en indeling. De activiteiten die "
                "nog niet gereed of vervallen zijn gaan mee, met de kostenregels die in de nieuwe periode vallen."
            ),
        },
    )
