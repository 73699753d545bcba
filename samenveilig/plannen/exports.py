"""The plan as XLSX (activities per theme, the finance table) and the import template."""

from __future__ import annotations

from django.utils.translation import gettext as _

from samenveilig.lib.xlsx import Sheet, XlsxCell
from samenveilig.plannen import planning
from samenveilig.plannen.models import Plan, Theme

HEADER_FILL = "E6F0F5"


def activity_columns(plan: Plan) -> list[str]:
    return [
        plan.get_theme_label_display(),
        _("Doel"),
        _("Wat"),
        _("Wie"),
        _("Doelgroep"),
        _("Landelijk programma of wet"),
        _("Planning"),
        _("Prioriteit"),
        _("Status"),
        _("Gereed op"),
        _("Capaciteit"),
    ]


def activity_rows(themes: list[Theme]):
    for theme in themes:
        for activity in theme.shown_activities:
            yield [
                theme.name,
                XlsxCell(activity.goal, wrap=True),
                XlsxCell(activity.what, wrap=True),
                "; ".join(activity.who_names),
                "; ".join(activity.target_group_names),
                "; ".join(programme.name for programme in activity.programmes.all()),
                activity.planning_label(),
                activity.get_priority_display(),
                activity.get_status_display(),
                activity.done_on,
                activity.capacity_label(),
            ]


def finance_sheet(table: planning.FinanceTable) -> Sheet:
    header = [_("Begrotingspost"), _("Financieringsbron"), *[column.label for column in table.columns]]
    rows: list[list] = []
    for group in table.groups:
        rows.append([XlsxCell(group.theme.name, bold=True, fill=HEADER_FILL), XlsxCell("", fill=HEADER_FILL)])
        for row in group.rows:
            rows.append([row.label, row.funding, *row.amounts])
        rows.append(
            [XlsxCell(_("Subtotaal %(name)s") % {"name": group.theme.name}), "", *group.totals],
        )
    rows.append([XlsxCell(_("Totaal"), bold=True), "", *[XlsxCell(total, bold=True) for total in table.totals]])
    if table.merged:
        rows.append([])
        rows.append([_("Bedragen per jaar; een kolom van meer jaren geldt voor elk van die jaren.")])
    return Sheet(title=_("Financiën"), header=header, rows=rows, freeze="C2")


def plan_sheets(plan: Plan, themes: list[Theme]) -> list[Sheet]:
    table = planning.finance_table(plan, themes)
    return [
        Sheet(title=_("Activiteiten"), header=activity_columns(plan), rows=list(activity_rows(themes))),
        finance_sheet(table),
    ]
