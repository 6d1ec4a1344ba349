"""Partner coordinators' pages: their learners, enrolment from a file, reminders, exports.

Coordinators see and act on their own organisation's learners only, platform admins on all;
`accounts.selectors` decides which, and every page showing personal data is logged.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from microcred.accounts.audit import log_access
from microcred.accounts.forms import LearnerEditForm
from microcred.accounts.models import User
from microcred.accounts.permissions import role_required
from microcred.accounts.roles import Role
from microcred.accounts.selectors import access_learner
from microcred.accounts.services import update_learner_by_coordinator
from microcred.accounts.time_zones import partner_time_zone
from microcred.coordination import selectors, services
from microcred.coordination.csv_import import MAX_ROWS
from microcred.coordination.forms import LearnerFilterForm, LearnerImportForm, parse_learner_ids
from microcred.coordination.services_reminders import (
    ReminderRefused,
    RemindersQueued,
    SkipReason,
    send_coordinator_reminders,
)
from microcred.learning.models import EmploymentStatus
from microcred.reporting.exports import FORMATS, download

LEARNERS_PER_PAGE = 25
MAX_NAMES_IN_A_MESSAGE = 20
STAFF = (Role.COORDINATOR, Role.ADMIN)


def _filter_params(query: str, inactive: int | None) -> str:
    params = {key: value for key, value in (("q", query), ("inactive", inactive)) if value}
    return urlencode(params)


@role_required(*STAFF)
def learner_list(request: HttpRequest) -> HttpResponse:
    form = LearnerFilterForm(request.GET)
    query, inactive = form.filters()
    learners = selectors.list_learner_rows(request.user, query=query, inactive_days=inactive)
    page = Paginator(learners, LEARNERS_PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    if rows:
        log_access(request, learners=rows, purpose="learner_search" if query else "learner_list")
    return render(request, "coordination/learner_list.html", {
        "form": form, "page": page, "learners": rows, "query": query, "inactive": inactive,
        "filters": _filter_params(query, inactive),
        "show_partner": request.user.has_role(Role.ADMIN),  # type: ignore[union-attr]
    })


@role_required(*STAFF)
def learner_export(request: HttpRequest) -> HttpResponse:
    query, inactive = LearnerFilterForm(request.GET).filters()
    fmt = request.GET.get("format", "csv")
    fmt = fmt if fmt in FORMATS else "csv"
    user: User = request.user  # type: ignore[assignment]
    learners = selectors.list_learner_rows(user, query=query, inactive_days=inactive)
    log_access(request, learners=list(learners.values_list("pk", flat=True)),
               purpose="learner_export")
    is_admin = user.has_role(Role.ADMIN)
    # A partner's list in its own time zone; the platform's list (all partners) in the
    # platform's, with the offset in every CSV time so nothing is ambiguous.
    table = selectors.learner_table(
        learners, with_partner=is_admin,
        time_zone=partner_time_zone(None if is_admin else user.partner))
    who = user.partner.slug if user.partner and not is_admin else "all"
    return download([table], fmt=fmt,
                    filename=f"learners-{who}-{timezone.localdate():%Y-%m-%d}")


@role_required(*STAFF)
def learner_detail(request: HttpRequest, learner_id: int) -> HttpResponse:
    learner = access_learner(request.user, learner_id)
    overview = selectors.learner_overview(learner)
    log_access(request, learners=[learner], purpose="learner_detail")
    return render(request, "coordination/learner_detail.html",
                  {"learner": learner, "overview": overview})


@role_required(*STAFF)
def learner_edit(request: HttpRequest, learner_id: int) -> HttpResponse:
    learner = access_learner(request.user, learner_id)
    if request.method == "POST":
        form = LearnerEditForm(request.POST)
        if form.is_valid():
            update_learner_by_coordinator(learner=learner, **form.cleaned_data)
            messages.success(request, _("The learner's details are saved."))
            return redirect("coordination:learner_detail", learner_id=learner.pk)
    else:
        form = LearnerEditForm.for_learner(learner)
        log_access(request, learners=[learner], purpose="learner_edit")
    return render(request, "coordination/learner_form.html", {"form": form, "learner": learner})


# Enrolment from a file ---------------------------------------------------------------------


@role_required(*STAFF)
def import_learners(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    is_admin = user.has_role(Role.ADMIN)
    if not is_admin and user.partner is None:
        raise PermissionDenied  # a coordinator of no organisation has nobody to enrol
    form = LearnerImportForm(request.POST or None, request.FILES or None,
                             choose_partner=is_admin)
    errors = []
    if request.method == "POST" and form.is_valid():
        partner = form.cleaned_data["partner"] if is_admin else user.partner
        try:
            result = services.enrol_learners(
                actor=user, partner=partner, data=form.cleaned_data["file"].read(),
                send_welcome=form.cleaned_data["send_welcome"])
        except services.ImportInvalid as invalid:
            errors = invalid.errors
        else:
            log_access(request, learners=[*result.created, *result.already_enrolled],
                       purpose="learner_import")
            return render(request, "coordination/import_done.html",
                          {"result": result, "partner": partner})
    return render(request, "coordination/import.html", {
        "form": form, "errors": errors, "max_rows": MAX_ROWS,
        "languages": settings.LANGUAGES, "statuses": EmploymentStatus.choices,
        "cohorts": services.cohorts_for(user.partner) if user.partner and not is_admin
        else None,
        "partner": None if is_admin else user.partner,
    })


@role_required(*STAFF)
def import_template(request: HttpRequest) -> HttpResponse:
    """An empty list with the column names, to fill in with a spreadsheet."""
    # Excel opens a CSV with the list separator of the computer's region: a semicolon in most
    # of the consortium's countries, a comma in English-speaking ones.
    delimiter = "," if (get_language() or "en").startswith("en") else ";"
    text = "\ufeff" + delimiter.join(services.template_headings()) + "\r\n"
    response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="learners-template.csv"'
    return response


# Reminders ---------------------------------------------------------------------------------


@role_required(*STAFF)
@require_POST
def remind_learners(request: HttpRequest) -> HttpResponse:
    query, inactive = LearnerFilterForm(request.POST).filters()
    back = reverse("coordination:learner_list")
    params = _filter_params(query, inactive)
    back = f"{back}?{params}" if params else back
    everyone_on_page = request.POST.get("select") == "page"
    ids = parse_learner_ids(request.POST.getlist("on_page" if everyone_on_page else "learner"))
    if ids is None:
        messages.error(request, _("Some of the chosen learners are not learners of your "
                                  "organisation. Nothing was sent."))
        return redirect(back)
    try:
        queued = send_coordinator_reminders(actor=request.user, learner_ids=ids)
    except ReminderRefused as refused:
        messages.error(request, str(refused))
        return redirect(back)
    _report(request, queued)
    return redirect(back)


SKIP_MESSAGES = {
    SkipReason.RECENTLY_REMINDED: lambda names: _(
        "Not sent to %(names)s: a coordinator already sent them a reminder in the last 7 days."
    ) % {"names": names},
    SkipReason.RECENTLY_ACTIVE: lambda names: _(
        "Not sent to %(names)s: they studied or joined in the last 7 days."
    ) % {"names": names},
    SkipReason.PAUSED: lambda names: _(
        "Not sent to %(names)s: their account is paused."
    ) % {"names": names},
}


def _report(request: HttpRequest, queued: RemindersQueued) -> None:
    if queued.sent:
        messages.success(request, ngettext(
            "A reminder is on its way to %(count)d learner, in their own language.",
            "A reminder is on its way to %(count)d learners, each in their own language.",
            len(queued.sent)) % {"count": len(queued.sent)})
    elif queued.skipped:
        messages.warning(request, _("No reminder was sent."))
    for reason, message in SKIP_MESSAGES.items():
        names = [str(skip.learner) for skip in queued.skipped if skip.reason == reason]
        if names:
            messages.warning(request, message(_names(names)))


def _names(names: list[str]) -> str:
    if len(names) <= MAX_NAMES_IN_A_MESSAGE:
        return ", ".join(names)
    more = len(names) - MAX_NAMES_IN_A_MESSAGE
    return ngettext("%(names)s and %(count)d other", "%(names)s and %(count)d others", more) % {
        "names": ", ".join(names[:MAX_NAMES_IN_A_MESSAGE]), "count": more}
