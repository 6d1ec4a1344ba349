from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language

from microcred.core.context_processors import TEXT_SIZE_COOKIE
from microcred.core.http import post_only_else_show
from microcred.curriculum import selectors as curriculum_selectors
from microcred.curriculum.models import Curriculum
from microcred.curriculum.text import localise_list
from microcred.learning import selectors, services
from microcred.learning.forms import CheckForm, RemindersForm


def course(request: HttpRequest) -> HttpResponse:
    """The public catalogue: every published module with its outcomes and workload."""
    cards = selectors.module_cards(request.user) if request.user.is_authenticated else None
    return render(request, "learning/course.html", {
        "curriculum": Curriculum.objects.first(),
        "modules": curriculum_selectors.list_published_modules(),
        "cards": {card.module.pk: card for card in cards or []},
    })


def module_detail(request: HttpRequest, code: str) -> HttpResponse:
    version = curriculum_selectors.get_published_version(code)
    card = None
    if request.user.is_authenticated:
        card = next(iter(selectors.module_cards(request.user, code)), None)
        if card is not None and card.version.pk != version.pk:
            version = curriculum_selectors.get_version_with_contents(card.version.pk)
    return render(request, "learning/module.html", {"version": version, "card": card})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """My learning: the 13 modules with progress and one big button to continue."""
    if request.user.is_staff_member:
        return redirect("accounts:home")
    profile = services.get_profile(request.user)
    if profile.onboarding_pending:
        return redirect("learning:onboarding", step="language")
    cards = selectors.module_cards(request.user)
    return render(request, "learning/home.html", {
        "cards": cards, "profile": profile,
        "continue_card": selectors.continue_card(cards, profile.suggested_module),
        "suggestion": selectors.explain_suggestion(profile),
        "reminders_form": RemindersForm(initial={"reminders": profile.reminders}),
    })


@login_required
def continue_learning(request: HttpRequest) -> HttpResponse:
    profile = services.get_profile(request.user)
    card = selectors.continue_card(selectors.module_cards(request.user),
                                   profile.suggested_module)
    if card is None or card.next_lesson is None:
        return redirect("learning:home")
    return redirect("learning:lesson", code=card.module.code, slug=card.next_lesson.slug)


@login_required
def lesson(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    lesson = selectors.get_lesson_for_learner(request.user, code, slug)
    try:
        services.open_lesson(learner=request.user, lesson=lesson)
    except services.LearningError as error:
        messages.warning(request, str(error))
        return redirect("learning:continue")
    return _render_lesson(request, lesson)


def _render_lesson(request: HttpRequest, lesson, check_form: CheckForm | None = None,
                   status: int = 200) -> HttpResponse:
    version = lesson.version
    page = curriculum_selectors.lesson_page(lesson)
    progress = selectors.lesson_progress(request.user, lesson)
    check = lesson.check_question or {}
    options = localise_list(check.get("options", {}), get_language())
    right = check.get("correct")
    # Named in the verdict of a wrong answer, so the explanation that follows reads right.
    right_answer = options[right] if isinstance(right, int) and 0 <= right < len(options) else ""
    return render(request, "learning/lesson.html", {
        "lesson": lesson, "version": version, "progress": progress,
        "previous": page.previous, "next": page.next,
        "position": page.position, "total": page.total,
        "check_form": check_form or (CheckForm(options=options) if options else None),
        "check_right_answer": right_answer,
    }, status=status)


def _lesson_url(code: str, slug: str) -> str:
    return reverse("learning:lesson", args=[code, slug])


@login_required
@post_only_else_show(_lesson_url)
def answer_check(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    lesson = selectors.get_lesson_for_learner(request.user, code, slug)
    options = localise_list((lesson.check_question or {}).get("options", {}), get_language())
    form = CheckForm(request.POST, options=options)
    if not form.is_valid():
        return _render_lesson(request, lesson, check_form=form, status=400)
    try:
        services.answer_check(learner=request.user, lesson=lesson,
                              choice=form.cleaned_data["choice"])
    except services.LearningError as error:
        messages.warning(request, str(error))
        return redirect("learning:continue")
    return HttpResponseRedirect(reverse("learning:lesson", args=[code, slug]) + "#check")


@login_required
@post_only_else_show(_lesson_url)
def complete_lesson(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    lesson = selectors.get_lesson_for_learner(request.user, code, slug)
    try:
        done = services.complete_lesson(learner=request.user, lesson=lesson)
    except services.LearningError as error:
        messages.warning(request, str(error))
        return redirect("learning:continue")
    if done.next_lesson is not None:
        return redirect("learning:lesson", code=code, slug=done.next_lesson.slug)
    return redirect("learning:module_complete", code=code)


@login_required
def module_complete(request: HttpRequest, code: str) -> HttpResponse:
    card = next(iter(selectors.module_cards(request.user, code)), None)
    if card is None or card.state != selectors.ModuleState.COMPLETED:
        return redirect("learning:module", code=code)
    return render(request, "learning/module_complete.html", {"card": card})


@login_required
@post_only_else_show(lambda: reverse("learning:home"))
def set_reminders(request: HttpRequest) -> HttpResponse:
    form = RemindersForm(request.POST)
    form.is_valid()  # an unticked box is simply "no"
    services.set_reminders(user=request.user, enabled=form.cleaned_data.get("reminders", False))
    return redirect("learning:home")


@post_only_else_show(lambda: reverse("public:home"))
def text_size(request: HttpRequest) -> HttpResponse:
    """Larger text for everyone who asks, logged in or not (kept in a cookie)."""
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if request.COOKIES.get(TEXT_SIZE_COOKIE) == "large":
        response.delete_cookie(TEXT_SIZE_COOKIE)
    else:
        response.set_cookie(TEXT_SIZE_COOKIE, "large", max_age=365 * 24 * 3600, samesite="Lax")
    return response
