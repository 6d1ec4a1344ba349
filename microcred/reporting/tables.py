"""The dashboard's figures as export tables (CSV or XLSX through reporting.exports)."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.reporting.exports import Cell, Table
from microcred.reporting.kpis import EMPLOYMENT_LABELS, KPIS, MONTHLY_KPIS, SKILL_LABELS
from microcred.reporting.selectors import Group, KpiReport


def report_tables(report: KpiReport) -> list[Table]:
    """About (when, which selection), key figures against targets, then one table per
    breakdown with every KPI as a column."""
    tables = [_about(report), _key_figures(report)]
    for breakdown in report.breakdowns:
        tables.append(_breakdown(breakdown.heading, breakdown.group_heading, breakdown.groups))
    tables.append(_months(report))
    return tables


def _about(report: KpiReport) -> Table:
    status = report.status
    filters = report.filters
    as_of: Cell = status.refreshed_at if status and status.refreshed_at else _("not calculated yet")
    languages = dict(settings.LANGUAGES)
    partner = next((g.label for g in report.by_partner if g.key == filters.partner_id), None)
    if report.scope.partner_id is not None:
        partner = report.by_partner[0].label if report.by_partner else None
    cohort = next((g.label for g in report.by_cohort if g.key == filters.cohort_id), None)
    rows: list[list[Cell]] = [
        [_("Figures as of"), as_of],
        [_("Exported at"), timezone.now()],
        [_("Partner organisation"), partner or _("All")],
        [_("Work situation"), _label(EMPLOYMENT_LABELS, filters.employment_status)],
        [_("Digital skills (self-check)"), _label(SKILL_LABELS, filters.skill_level)],
        [_("Language"), str(languages.get(filters.language, filters.language or _("All")))],
        [_("Cohort"), cohort or (_("All") if filters.cohort_id is None else "")],
    ]
    return Table(_("About"), [_("Item"), _("Value")], rows)


def _key_figures(report: KpiReport) -> Table:
    rows: list[list[Cell]] = [
        [figure.label, figure.value, figure.target, figure.percent, figure.definition]
        for figure in report.key_figures
    ]
    headings = [_("Figure"), _("Count"), _("Target"),
                # xgettext:no-python-format
                _("% of target"), _("Definition")]
    return Table(_("Key figures"), headings, rows)


def _breakdown(title: str, group_heading: str, groups: list[Group]) -> Table:
    return Table(title, [group_heading, *(str(kpi.label) for kpi in KPIS)],
                 [[group.label, *group.cells] for group in groups])


def _months(report: KpiReport) -> Table:
    headings = [_("Month"), _("Learners enrolled so far"), _("Learners certified so far"),
                *(str(kpi.label) for kpi in MONTHLY_KPIS)]
    return Table(_("By month"), headings, [
        [month.label, month.enrolled_so_far, month.certified_so_far, *month.monthly_cells]
        for month in report.by_month])


def _label(labels: dict[str, object], value: str | None) -> str:
    return _("All") if value is None else str(labels.get(value, value))
