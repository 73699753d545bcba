"""Pages inside a plan: themes, activities (with cost lines), dated status changes, evaluation moments and the
evaluation of activities. Reading an activity needs ``plannen.view_activity`` (a partner named in it may);
every change needs ``plannen.change_plan`` on its plan.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenveilig import audit
from samenveilig.core.access import require_perm
from samenveilig.plannen import access, planning, services
from samenveilig.plannen.forms import (
    CONFLICT_MESSAGE,
    ActivityForm,
    CostFormSet,
    EvaluationForm,
    MomentForm,
    StatusForm,
    ThemeForm,
    cost_lines,
)
from samenveilig.plannen.models import Activity, Evaluation, EvaluationMoment, Theme
from samenveilig.plannen.views import CHANGE, plan_context, plan_for


def _theme(request, pk: int, action: str) -> Theme:
    theme = get_object_or_404(Theme.objects.select_related("plan"), pk=pk)
    plan_for(request, theme.plan_id, CHANGE, action)
    return theme


def _activity(request, pk: int, perm: str, action: str) -> Activity:
    """The activity if the user may see its plan at all (else 404), and may ``perm`` on it (else 403)."""
    activity = (
        planning.activity_queryset()
        .select_related("theme__plan__gemeente", "theme__plan__regio")
        .prefetch_related(Prefetch("evaluations", queryset=Evaluation.objects.select_related("moment")))
        .filter(pk=pk)
        .first()
    )
    if activity is None or access.plan_access(request.user, activity.theme.plan) is None:
        audit.log(request, action, object_type="plannen.activity", object_id=str(pk), outcome=audit.REFUSED)
        raise Http404
    require_perm(request, perm, action, activity if perm == "plannen.view_activity" else activity.theme.plan)
    return activity


# --- themes -------------------------------------------------------------------------------------------------------


def theme_create(request, pk: int):
    plan = plan_for(request, pk, CHANGE, "plannen.theme.created")
    next_order = 10 * (plan.themes.count() + 1)
    form = ThemeForm(request.POST or None, instance=Theme(plan=plan), initial={"order": next_order})
    if request.method == "POST" and form.is_valid():
        services.save_theme(request, form.instance, form.changes(), version="")
        messages.success(request, _("Opgeslagen."))
        return redirect("plannen:plan_detail", plan.pk)
    title = _("%(word)s toevoegen") % {"word": plan.get_theme_label_display()}
    return render(request, "plannen/form.html", {"form": form, "title": title, "plan": plan})


def theme_edit(request, pk: int):
    theme = _theme(request, pk, "plannen.theme.updated")
    form = ThemeForm(request.POST or None, instance=theme)
    if request.method == "POST":
        if "delete" in request.POST:
            try:
                services.delete_theme(request, theme, version=request.POST.get("version", ""))
            except services.StaleVersion:
                form.add_error(None, CONFLICT_MESSAGE)
            except services.ThemeNotEmpty:
                form.add_error(None, _("Deze bevat nog activiteiten. Verplaats of verwijder die eerst."))
            else:
                messages.success(request, _("Verwijderd."))
                return redirect("plannen:plan_detail", theme.plan_id)
        elif form.is_valid():
            try:
                services.save_theme(request, theme, form.changes(), version=form.cleaned_data.get("version") or "")
            except services.StaleVersion:
                form.add_error(None, CONFLICT_MESSAGE)
            else:
                messages.success(request, _("Opgeslagen."))
                return redirect("plannen:plan_detail", theme.plan_id)
    title = _("%(word)s bewerken") % {"word": theme.plan.get_theme_label_display()}
    return render(
        request,
        "plannen/form.html",
        {"form": form, "title": title, "plan": theme.plan, "can_delete": True},
    )


# --- activities ---------------------------------------------------------------------------------------------------


def activity_detail(request, pk: int):
    activity = _activity(request, pk, "plannen.view_activity", "plannen.activity.viewed")
    plan = activity.theme.plan
    audit.log(request, "plannen.activity.viewed", activity)
    context = plan_context(request, plan, activity=activity, today=timezone.localdate())
    context["late"] = activity.is_late(context["today"])
    context["version"] = services.version_of(activity)
    context["status_form"] = StatusForm(
        initial={"status": activity.status, "on": timezone.localdate(), "version": services.version_of(activity)}
    )
    return render(request, "plannen/activity_detail.html", context)


def _activity_form(request, plan, activity: Activity, *, title: str, action: str):
    form = ActivityForm(request.POST or None, instance=activity, plan=plan)
    formset = CostFormSet(request.POST or None, instance=activity, prefix="kosten")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.save_activity(
                request,
                activity,
                form.changes(),
                version=form.cleaned_data.get("version") or "",
                costs=cost_lines(formset),
            )
        except services.StaleVersion:
            form.add_error(None, CONFLICT_MESSAGE)
        else:
            messages.success(request, _("De activiteit is opgeslagen."))
            return redirect("plannen:activity_detail", activity.pk)
    return render(
        request,
        "plannen/activity_form.html",
        plan_context(request, plan, form=form, formset=formset, title=title, activity=activity),
    )


def activity_create(request, pk: int):
    plan = plan_for(request, pk, CHANGE, "plannen.activity.created")
    theme = plan.themes.filter(pk=request.GET.get("thema") or 0).first()
    activity = Activity(theme=theme) if theme else Activity()
    if not plan.themes.exists():
        messages.warning(request, _("Voeg eerst een thema, pijler of actielijn toe."))
        return redirect("plannen:theme_create", plan.pk)
    return _activity_form(request, plan, activity, title=_("Activiteit toevoegen"), action="plannen.activity.created")


def activity_edit(request, pk: int):
    activity = _activity(request, pk, CHANGE, "plannen.activity.updated")
    return _activity_form(
        request, activity.theme.plan, activity, title=_("Activiteit bewerken"), action="plannen.activity.updated"
    )


@require_POST
def activity_status(request, pk: int):
    activity = _activity(request, pk, CHANGE, "plannen.activity.status_changed")
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.change_status(
                request,
                activity,
                status=form.cleaned_data["status"],
                on=form.cleaned_data["on"],
                note=form.cleaned_data["note"],
                version=form.cleaned_data.get("version") or "",
            )
        except services.StaleVersion:
            form.add_error(None, CONFLICT_MESSAGE)
        else:
            messages.success(request, _("De status is gewijzigd."))
            return redirect("plannen:activity_detail", activity.pk)
    context = plan_context(request, activity.theme.plan, activity=activity, status_form=form)
    context["today"] = timezone.localdate()
    context["late"] = activity.is_late(context["today"])
    context["version"] = services.version_of(activity)
    return render(request, "plannen/activity_detail.html", context, status=400)


@require_POST
def activity_delete(request, pk: int):
    activity = _activity(request, pk, CHANGE, "plannen.activity.deleted")
    plan_pk = activity.theme.plan_id
    try:
        services.delete_activity(request, activity, version=request.POST.get("version", ""))
    except services.StaleVersion:
        messages.error(request, CONFLICT_MESSAGE)
        return redirect("plannen:activity_detail", activity.pk)
    messages.success(request, _("De activiteit is verwijderd."))
    return redirect("plannen:plan_detail", plan_pk)


# --- evaluation ---------------------------------------------------------------------------------------------------


def moment_create(request, pk: int):
    plan = plan_for(request, pk, CHANGE, "plannen.evaluationmoment.created")
    form = MomentForm(request.POST or None, instance=EvaluationMoment(plan=plan))
    if request.method == "POST" and form.is_valid():
        moment = services.save_moment(request, form.instance, form.changes(), version="")
        messages.success(request, _("Het evaluatiemoment is opgeslagen."))
        return redirect("plannen:moment_detail", moment.pk)
    return render(request, "plannen/form.html", {"form": form, "title": _("Evaluatiemoment toevoegen"), "plan": plan})


def _moment(request, pk: int, perm: str, action: str) -> EvaluationMoment:
    moment = get_object_or_404(EvaluationMoment.objects.select_related("plan"), pk=pk)
    moment.plan = plan_for(request, moment.plan_id, perm, action)
    return moment


def moment_detail(request, pk: int):
    moment = _moment(request, pk, "plannen.view_plan", "plannen.evaluationmoment.viewed")
    evaluations = moment.evaluations.select_related("activity__theme").order_by("activity__theme__order", "pk")
    form = None
    if access.plan_access(request.user, moment.plan) == access.EDIT:
        form = EvaluationForm(instance=Evaluation(moment=moment), plan=moment.plan)
    return render(
        request,
        "plannen/moment_detail.html",
        plan_context(request, moment.plan, moment=moment, evaluations=evaluations, form=form),
    )


def moment_edit(request, pk: int):
    moment = _moment(request, pk, CHANGE, "plannen.evaluationmoment.updated")
    form = MomentForm(request.POST or None, instance=moment)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_moment(request, moment, form.changes(), version=form.cleaned_data.get("version") or "")
        except services.StaleVersion:
            form.add_error(None, CONFLICT_MESSAGE)
        else:
            messages.success(request, _("Het evaluatiemoment is opgeslagen."))
            return redirect("plannen:moment_detail", moment.pk)
    return render(
        request, "plannen/form.html", {"form": form, "title": _("Evaluatiemoment bewerken"), "plan": moment.plan}
    )


def evaluation_create(request, pk: int):
    moment = _moment(request, pk, CHANGE, "plannen.evaluation.created")
    form = EvaluationForm(request.POST or None, instance=Evaluation(moment=moment), plan=moment.plan)
    if request.method == "POST" and form.is_valid():
        services.save_evaluation(request, form.instance, form.changes(), version="")
        messages.success(request, _("De evaluatie is opgeslagen."))
        return redirect("plannen:moment_detail", moment.pk)
    return render(request, "plannen/form.html", {"form": form, "title": _("Activiteit evalueren"), "plan": moment.plan})


def evaluation_edit(request, pk: int):
    evaluation = get_object_or_404(Evaluation.objects.select_related("moment__plan"), pk=pk)
    moment = _moment(request, evaluation.moment_id, CHANGE, "plannen.evaluation.updated")
    evaluation.moment = moment
    form = EvaluationForm(request.POST or None, instance=evaluation, plan=moment.plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_evaluation(
                request, evaluation, form.changes(), version=form.cleaned_data.get("version") or ""
            )
        except services.StaleVersion:
            form.add_error(None, CONFLICT_MESSAGE)
        else:
            messages.success(request, _("De evaluatie is opgeslagen."))
            return redirect("plannen:moment_detail", moment.pk)
    return render(request, "plannen/form.html", {"form": form, "title": _("Evaluatie bewerken"), "plan": moment.plan})
