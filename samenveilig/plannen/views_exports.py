"""The plan out (PDF for the council, XLSX) and activities in (XLSX import with a downloadable template).

Exports need ``plannen.view_plan`` and are audited like every export; the import needs ``plannen.change_plan``.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samenveilig import audit
from samenveilig.lib.pdf import pdf_response, render_pdf
from samenveilig.lib.xlsx import xlsx_response
from samenveilig.plannen import exports, importer, planning, services
from samenveilig.plannen.forms import ImportForm
from samenveilig.plannen.views import CHANGE, VIEW, plan_context, plan_for, shown_themes


def plan_pdf(request, pk: int):
    plan = plan_for(request, pk, VIEW, "plannen.plan.exported")
    themes = shown_themes(request, plan)
    today = timezone.localdate()
    for theme in themes:
        for activity in theme.shown_activities:
            activity.cost_lines = [
                (
                    str(cost.year) if not cost.until_year else f"{cost.year}–{cost.until_year}",
                    planning.euro(cost.amount),
                )
                for cost in activity.costs.all()
            ]
    content = render_pdf(
        "plannen/pdf/plan.html",
        {
            "plan": plan,
            "themes": themes,
            "table": planning.finance_table(plan, themes),
            "progress": planning.progress(themes, today),
            "moments": list(plan.evaluation_moments.all()),
            "theme_word": plan.get_theme_label_display(),
            "today": today,
        },
        request=request,
    )
    audit.log(request, "plannen.plan.exported", plan, purpose="pdf")
    return pdf_response(content, f"plan-{plan.area}-{plan.period}")


def plan_xlsx(request, pk: int):
    plan = plan_for(request, pk, VIEW, "plannen.plan.exported")
    themes = shown_themes(request, plan)
    audit.log(request, "plannen.plan.exported", plan, purpose="xlsx")
    return xlsx_response(f"plan-{plan.pk}", exports.plan_sheets(plan, themes))


def import_template(request, pk: int):
    plan = plan_for(request, pk, CHANGE, "plannen.plan.import_template")
    return xlsx_response(f"sjabloon-activiteiten-plan-{plan.pk}", importer.template_sheets(plan))


def plan_import(request, pk: int):
    plan = plan_for(request, pk, CHANGE, "plannen.activity.imported")
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > importer.MAX_BYTES:
                raise importer.ImportFailed([importer.Problem(0, "", "", _("Het bestand is groter dan 5 MB."))])
            rows = importer.read(plan, upload.read())
        except importer.ImportFailed as failed:
            problems = failed.problems
            audit.log(request, "plannen.activity.import_failed", plan, purpose=f"{len(problems)} problems")
        else:
            created = services.import_activities(request, plan, rows)
            messages.success(
                request,
                ngettext("%(count)s activiteit ingelezen.", "%(count)s activiteiten ingelezen.", len(created))
                % {"count": len(created)},
            )
            return redirect("plannen:plan_detail", plan.pk)
    return render(
        request,
        "plannen/import.html",
        plan_context(request, plan, form=form, problems=problems),
        status=400 if problems else 200,
    )
