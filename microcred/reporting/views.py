"""The consortium KPI dashboard, its CSV/XLSX export and the "refresh now" button."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from microcred.accounts.permissions import role_required
from microcred.accounts.roles import Role
from microcred.reporting import charts, selectors
from microcred.reporting.exports import download
from microcred.reporting.forms import KpiFilterForm
from microcred.reporting.kpis import KPIS, MONTHLY_KPIS
from microcred.reporting.refresh import request_refresh
from microcred.reporting.tables import report_tables

READERS = (Role.ADMIN, Role.COORDINATOR)


@role_required(*READERS)
def dashboard(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    refreshing = request_refresh(status=report.status)
    return render(request, "reporting/dashboard.html", {
        "form": form,
        "report": report,
        "refreshing": refreshing or (report.status is not None and report.status.is_pending),
        "query": request.GET.urlencode(),
        "kpis": KPIS,
        "monthly_kpis": MONTHLY_KPIS,
        "targets_chart": charts.progress_chart(
            "targets-chart", _("Progress towards the funder's targets"), report.progress),
        "partner_chart": charts.progress_chart(
            "partner-chart", _("Learners enrolled per partner organisation, against the target "
                               "for each partner"), report.partner_progress),
        "month_chart": charts.cumulative_chart("month-chart", report.by_month, report.targets),
    })


@role_required(*READERS)
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    _form, report = _report(request)
    stamp = timezone.localdate().isoformat()
    return download(report_tables(report), fmt=fmt, filename=f"kpis-{stamp}")


@require_POST
@role_required(Role.ADMIN)
def refresh(request: HttpRequest) -> HttpResponse:
    request_refresh(status=selectors.get_kpi_status(), force=True)
    messages.success(request, _("The figures are being recalculated. Reload this page in a "
                                "minute to see them."))
    return redirect("reporting:dashboard")


def _report(request: HttpRequest) -> tuple[KpiFilterForm, selectors.KpiReport]:
    scope = selectors.access_kpi_scope(request.user)  # type: ignore[arg-type]
    partners = selectors.list_partners(scope)
    cohorts = selectors.list_cohorts(scope)
    form = KpiFilterForm(request.GET, partners=partners, cohorts=cohorts,
                         choose_partner=scope.partner_id is None)
    report = selectors.kpi_report(scope=scope, filters=form.filters(), partners=partners,
                                  cohorts=cohorts, status=selectors.get_kpi_status())
    return form, report
