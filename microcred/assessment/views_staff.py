"""Staff pages: item statistics, question import, supervision and extra time per learner."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from microcred.accounts.audit import log_access
from microcred.accounts.permissions import role_required
from microcred.accounts.roles import Role
from microcred.accounts.selectors import access_learner
from microcred.assessment import banks, question_import, services, stats
from microcred.assessment.forms import (
    AccommodationForm,
    OutcomeMappingForm,
    QuestionImportForm,
    SupervisionForm,
)
from microcred.assessment.importing import ImportReport
from microcred.assessment.items import natural_key
from microcred.assessment.models import Accommodation, Attempt
from microcred.assessment.moodle_export import export_gift, export_moodle_xml
from microcred.curriculum.content_files import ContentInvalid
from microcred.curriculum.models import Module
from microcred.curriculum.text import localise

QA_ROLES = (Role.REVIEWER, Role.ADMIN, Role.ISSUER)
# Partners bring their own Moodle questions; what they import goes to the Board as a new version.
IMPORT_ROLES = (*QA_ROLES, Role.COORDINATOR)


@role_required(*QA_ROLES)
def statistics(request: HttpRequest, code: str) -> HttpResponse:
    module = get_object_or_404(Module, code=code)
    report = stats.item_report(module)
    return render(request, "assessment/staff/statistics.html", {
        "module": module, "rows": report.rows, "skipped": report.skipped,
        "modules": Module.objects.order_by("order"), "minimum": stats.MIN_RESPONSES})


@role_required(*IMPORT_ROLES)
def import_questions(request: HttpRequest) -> HttpResponse:
    form = QuestionImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        upload = question_import.Upload(
            form.cleaned_data["module"], form.cleaned_data["language"],
            form.cleaned_data["file_format"], file.name, file.read())
        try:
            report = question_import.read_upload(upload)
        except ContentInvalid as invalid:
            problems = [str(error) for error in invalid.errors]
        else:
            key = question_import.stash_upload(user=request.user, upload=upload)
            return _preview(request, upload, report, _mapping_form(upload, report, key))
    return render(request, "assessment/staff/import.html", {
        "form": form, "problems": problems, "modules": Module.objects.order_by("order"),
        "languages": settings.LANGUAGES})


@role_required(*IMPORT_ROLES)
@require_POST
def confirm_import(request: HttpRequest) -> HttpResponse:
    key = request.POST.get("key", "")
    upload = question_import.stashed_upload(user=request.user, key=key)
    if upload is None:
        messages.warning(request, _("This upload has expired. Please upload the file again."))
        return redirect("assessment:import_questions")
    report = question_import.read_upload(upload)
    form = _mapping_form(upload, report, key, request.POST)
    if form.is_valid():
        try:
            bank, count = question_import.save_upload(
                user=request.user, key=key, upload=upload, report=report,
                mapping=form.mapping())
        except ContentInvalid as invalid:
            for error in invalid.errors:
                form.add_error(None, error.message)
        else:
            messages.success(request, _(
                "%(count)d questions added to a new draft, version %(version)s. Learners get "
                "them once the Advisory Board has approved that version and it is published.")
                % {"count": count, "version": bank.version})
            return redirect("assessment:import_questions")
    return _preview(request, upload, report, form)


def _mapping_form(upload: question_import.Upload, report: ImportReport, key: str,
                  data: Any = None) -> OutcomeMappingForm:
    version = upload.module.published_version or upload.module.versions.order_by("-number").first()
    statements = {o.code: localise(o.statement, get_language()).text
                  for o in (version.outcomes.all() if version else ())}
    codes = sorted(banks.outcome_codes(upload.module), key=natural_key)
    outcomes = [(code, f"{code}: {statements.get(code, '')}".rstrip(": ")) for code in codes]
    return OutcomeMappingForm(data, initial={"key": key}, categories=report.categories(),
                              outcomes=outcomes)


def _preview(request: HttpRequest, upload: question_import.Upload, report: ImportReport,
             form: OutcomeMappingForm) -> HttpResponse:
    rows = [{"question": question, "type": question_import.TYPE_LABELS[question.item.type],
             "stem": localise(question.item.stem, get_language()),
             "languages": sorted(question.item.languages())} for question in report.imported]
    return render(request, "assessment/staff/import_preview.html", {
        "upload": upload, "report": report, "rows": rows, "form": form})


@role_required(*IMPORT_ROLES)
def export_questions(request: HttpRequest, code: str, language: str = "") -> HttpResponse:
    """A module's current bank for Moodle: XML with every language, or GIFT in one language."""
    module = get_object_or_404(Module, code=code)
    bank = banks.current_bank(module)
    if bank is None or (language and language not in dict(settings.LANGUAGES)):
        raise Http404
    if language:
        text, _left_out = export_gift(banks.parsed(bank), code, language)
        response = HttpResponse(text, content_type="text/plain; charset=utf-8")
        name = f"{code}-{language}.gift.txt"
    else:
        data, _left_out = export_moodle_xml(banks.parsed(bank), code)
        response = HttpResponse(data, content_type="application/xml")
        name = f"{code}-questions.xml"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@role_required(Role.COORDINATOR, Role.ADMIN)
def learner_attempts(request: HttpRequest, learner_id: int) -> HttpResponse:
    learner = access_learner(request.user, learner_id)
    log_access(request, learners=[learner], purpose="learner_tests")
    accommodation = Accommodation.objects.filter(learner=learner).first()
    return render(request, "assessment/staff/learner_attempts.html", {
        "learner": learner,
        "attempts": Attempt.objects.filter(learner=learner).select_related("module")
        .order_by("module__order", "number"),
        "supervision_form": SupervisionForm(),
        "accommodation_form": AccommodationForm(initial={
            "extra_time_percent": accommodation.extra_time_percent if accommodation else 0}),
    })


@role_required(Role.COORDINATOR, Role.ADMIN)
@require_POST
def set_supervision(request: HttpRequest, learner_id: int, attempt_id: int) -> HttpResponse:
    learner = access_learner(request.user, learner_id)
    attempt = get_object_or_404(Attempt, pk=attempt_id, learner=learner)
    form = SupervisionForm(request.POST)
    if form.is_valid():
        services.set_supervision(attempt=attempt, supervision=form.cleaned_data["supervision"],
                                 actor=request.user)
        messages.success(request, _("The supervision level is saved."))
    else:
        messages.warning(request, _("Please choose one of the supervision levels."))
    return redirect("assessment:learner_attempts", learner_id=learner.pk)


@role_required(Role.COORDINATOR, Role.ADMIN)
@require_POST
def set_accommodation(request: HttpRequest, learner_id: int) -> HttpResponse:
    learner = access_learner(request.user, learner_id)
    form = AccommodationForm(request.POST)
    if form.is_valid():
        Accommodation.objects.update_or_create(
            learner=learner, defaults={"extra_time_percent": form.cleaned_data[
                "extra_time_percent"]})
        messages.success(request, _("The extra time is saved."))
    else:
        messages.warning(request, _("Extra time must be a number from 0 to 200."))
    return redirect("assessment:learner_attempts", learner_id=learner.pk)
