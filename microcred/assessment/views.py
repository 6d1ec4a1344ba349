from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from microcred.assessment import banks, selectors, services
from microcred.assessment.answer_forms import answer_from_post, is_answered
from microcred.core.http import post_only_else_show
from microcred.curriculum.models import LearningOutcome
from microcred.learning.selectors import lessons_teaching


@login_required
def overview(request: HttpRequest, code: str) -> HttpResponse:
    module = selectors.get_module(code)
    bank = banks.bank_for(learner=request.user, module=module)
    parsed = banks.parsed(bank) if bank else None
    return render(request, "assessment/overview.html", {
        "module": module,
        "check": services.eligibility(learner=request.user, module=module),
        "blueprint": parsed.blueprint if parsed else None,
        "question_count": len(parsed.outcomes) * parsed.blueprint.items_per_outcome
        if parsed else 0,
        "attempts": selectors.attempts_of(request.user, module),
        "test_language": services.language_of_test(learner=request.user, module=module),
    })


@login_required
@post_only_else_show(lambda code: reverse("assessment:overview", args=[code]))
def start(request: HttpRequest, code: str) -> HttpResponse:
    # A reloaded or bookmarked start address shows the page with the start button, where the
    # learner sees the rules first.
    module = selectors.get_module(code)
    try:
        attempt = services.start_attempt(learner=request.user, module=module,
                                         language=request.POST.get("language", ""))
    except services.AssessmentError as error:
        messages.warning(request, str(error))
        return redirect("assessment:overview", code=code)
    return redirect("assessment:question", attempt_id=attempt.pk, number=1)


def _open_or_result(request: HttpRequest, attempt) -> HttpResponse | None:
    """Send the learner to the result once the attempt is over (handed in or out of time)."""
    was_open = attempt.is_open
    attempt = services.close_if_expired(attempt)
    if not attempt.is_open:
        if was_open:
            messages.warning(request, _("Time is up. Your answers saved before the end have "
                                        "been marked."))
        return redirect("assessment:result", attempt_id=attempt.pk)
    return None


@login_required
def question(request: HttpRequest, attempt_id: int, number: int) -> HttpResponse:
    attempt = selectors.access_attempt(request.user, attempt_id)
    if (finished := _open_or_result(request, attempt)) is not None:
        return finished
    questions = selectors.questions(attempt)
    if not 1 <= number <= len(questions):
        raise Http404
    current = questions[number - 1]
    if request.method == "POST":
        try:
            services.save_answer(attempt=attempt, item_id=current["id"],
                                 answer=answer_from_post(current, request.POST))
        except services.AssessmentError as error:
            messages.warning(request, str(error))
            return redirect("assessment:result", attempt_id=attempt.pk)
        target = request.POST.get("go", "next")
        if target == "previous" and number > 1:
            return redirect("assessment:question", attempt_id=attempt.pk, number=number - 1)
        if target == "review" or number == len(questions):
            return redirect("assessment:review", attempt_id=attempt.pk)
        return redirect("assessment:question", attempt_id=attempt.pk, number=number + 1)
    saved = attempt.answers.get(current["id"])
    if current["type"] == "task" and not isinstance(saved, dict):
        saved = {}  # the screen as the learner finds it
    return render(request, "assessment/question.html", {
        "attempt": attempt, "question": current, "number": number, "total": len(questions),
        "saved": saved if isinstance(saved, str | dict) else "",
        "selected": saved if isinstance(saved, list) else [saved],
        "minutes_left": _minutes_left(attempt),
        "positions": range(1, len(current["choices"]) + 1),
    })


def _minutes_left(attempt) -> int | None:
    if attempt.deadline is None:
        return None
    return max(0, int((attempt.deadline - timezone.now()).total_seconds() // 60))


@login_required
def review(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = selectors.access_attempt(request.user, attempt_id)
    if (finished := _open_or_result(request, attempt)) is not None:
        return finished
    questions = selectors.questions(attempt)
    rows = [{"number": q["number"], "stem": q["stem"],
             "answered": is_answered(attempt.answers.get(q["id"]), q)} for q in questions]
    return render(request, "assessment/review.html", {
        "attempt": attempt, "rows": rows, "minutes_left": _minutes_left(attempt),
        "unanswered": sum(1 for row in rows if not row["answered"]),
    })


@login_required
@post_only_else_show(lambda attempt_id: reverse("assessment:review", args=[attempt_id]))
def submit(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = selectors.access_attempt(request.user, attempt_id)
    services.submit_attempt(attempt=attempt)
    return redirect("assessment:result", attempt_id=attempt.pk)


@login_required
def result(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = services.close_if_expired(selectors.access_attempt(request.user, attempt_id))
    if attempt.is_open:
        return redirect("assessment:review", attempt_id=attempt.pk)
    graded = services.grade_attempt(attempt)  # feedback in the language of the test
    statements = {o.code: o for o in LearningOutcome.objects.filter(
        version=attempt.module_version)}
    # The outcomes below the bar; when the overall score alone failed, those not yet full.
    to_revise = ([o for o in graded.outcomes if not o.met]
                 or [o for o in graded.outcomes if o.percent < 100])
    # Only a learner who has to revise is sent back to lessons.
    lessons = ({} if graded.passed else
               lessons_teaching(request.user, attempt.module.code, get_language()))
    return render(request, "assessment/result.html", {
        "attempt": attempt, "graded": graded, "statements": statements, "to_revise": to_revise,
        "lessons": lessons,
        "questions": {q["id"]: q for q in selectors.questions(attempt)},
        "check": services.eligibility(learner=request.user, module=attempt.module),
    })
