"""Staff pages: item statistics, question import, supervision and extra time per learner."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from microcred.accounts.audit import log_access
from microcred.accounts.permissions import role_required
from microcred.accounts.roles import Role
from microcred.accounts.selectors import access_learner
from microcred.assessment import banks, services, stats
from microcred.assessment.forms import AccommodationForm, QuestionImportForm, SupervisionForm
from microcred.assessment.gift import import_gift
from microcred.assessment.models import Accommodation, Attempt
from microcred.assessment.moodle_xml import import_moodle_xml
from microcred.curriculum.content_files import ContentInvalid
from microcred.curriculum.models import Module

QA_ROLES = (Role.REVIEWER, Role.ADMIN, Role.ISSUER)


@role_required(*QA_ROLES)
def statistics(request: HttpRequest, code: str) -> HttpResponse:
    module = get_object_or_404(Module, code=code)
    report = stats.item_report(module)
    return render(request, "assessment/staff/statistics.html", {
        "module": module, "rows": report.rows, "skipped": report.skipped,
        "modules": Module.objects.order_by("order"), "minimum": stats.MIN_RESPONSES})


@role_required(*QA_ROLES)
def import_questions(request: HttpRequest) -> HttpResponse:
    form = QuestionImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        module = form.cleaned_data["module"]
        importer = import_gift if form.cleaned_data["file_format"] == "gift" else import_moodle_xml
        upload = form.cleaned_data["file"]
        try:
            items = importer(upload.read(), language=form.cleaned_data["language"],
                             outcome_codes=banks.outcome_codes(module),
                             id_prefix=f"{module.code}-IMP", name=upload.name)
            bank = banks.add_questions(module=module, items=items, actor=request.user)
        except ContentInvalid as invalid:
            problems = [str(error) for error in invalid.errors]
        else:
            messages.success(request, _(
                "%(count)d questions added to a new draft, version %(version)s. Learners get "
                "them once the Advisory Board has approved that version and it is published.")
                % {"count": len(items), "version": bank.version})
            return redirect("assessment:import_questions")
    return render(request, "assessment/staff/import.html", {"form": form, "problems": problems})


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
