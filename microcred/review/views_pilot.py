"""The pilot: learners' feedback form, and the report staff read (and export) from it."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from microcred.accounts.permissions import role_required
from microcred.accounts.roles import Role
from microcred.curriculum.models import Module
from microcred.review import selectors_cohorts, selectors_pilot, services_pilot
from microcred.review.forms import FeedbackForm, PilotFilterForm
from microcred.review.models import SurveyResponse

REPORT_READERS = (Role.ADMIN, Role.REVIEWER, Role.COORDINATOR)
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@login_required
def feedback(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """The short survey after a module (or, without a code, after the whole course)."""
    module = get_object_or_404(Module, code=code) if code else None
    back = redirect("learning:module", code=code) if module else redirect("learning:home")
    if not services_pilot.may_give_feedback(request.user, module):
        messages.info(request, _("You can give feedback once you have finished the module.")
                      if module else
                      _("You can give feedback on the whole course once you have finished "
                        "every module."))
        return back
    language = get_language() or "en"
    questions = services_pilot.active_questions()
    previous = SurveyResponse.objects.filter(learner=request.user, module=module).first()
    form = FeedbackForm(request.POST or None, questions=questions, language=language,
                        initial=_previous_answers(previous))
    if request.method == "POST" and form.is_valid():
        try:
            saved = services_pilot.submit_feedback(learner=request.user, module=module,
                                                   answers=form.cleaned_data, language=language)
        except services_pilot.FeedbackError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you! Your answers are updated.") if saved.updated
                             else _("Thank you for your feedback! It helps us improve the course."))
            return back
    return render(request, "review/feedback.html", {
        "form": form, "module": module, "previous": previous,
        "version": module.published_version if module else None,
    }, status=400 if form.errors else 200)


def _previous_answers(response: SurveyResponse | None) -> dict[str, object]:
    if response is None:
        return {}
    return {answer.question.code: answer.score if answer.score is not None else answer.text
            for answer in response.answers.select_related("question")}


@role_required(*REPORT_READERS)
def pilot_report(request: HttpRequest) -> HttpResponse:
    form, responses = _filtered(request)
    return render(request, "review/pilot_report.html", {
        "form": form,
        "report": selectors_pilot.pilot_report(responses),
        "flags": selectors_pilot.flagged_test_items(),
        "query": request.GET.urlencode(),
    })


@role_required(*REPORT_READERS)
def pilot_export(request: HttpRequest) -> HttpResponse:
    form, responses = _filtered(request)
    if form.errors:
        return HttpResponse(_("This filter cannot be applied: %(errors)s")
                            % {"errors": " ".join(form.errors.get("cohort", []) +
                                                  form.errors.get("language", []))},
                            status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="pilot-feedback-{stamp}.csv"'
    writer = csv.writer(response)
    for row in selectors_pilot.export_rows(responses):
        writer.writerow(["'" + cell if cell.startswith(FORMULA_START) else cell for cell in row])
    return response


def _filtered(request: HttpRequest):
    responses = selectors_pilot.access_feedback(request.user)
    form = PilotFilterForm(request.GET)
    # Only cohorts the reader may see are offered (and accepted): no other partner's names.
    form.fields["cohort"].queryset = selectors_cohorts.cohorts_for_report(request.user)
    if not form.is_valid():  # a filter we cannot apply shows its error and no figures
        return form, responses.none()
    cohort = form.cleaned_data["cohort"]
    responses = selectors_pilot.filter_feedback(
        responses, cohort_id=cohort.pk if cohort else None,
        language=form.cleaned_data["language"] or None)
    return form, responses
