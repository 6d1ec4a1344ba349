import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.gzip import gzip_page

from microcred.core.context_processors import TEXT_SIZE_COOKIE
from microcred.core.http import post_only_else_show
from microcred.core.page_cache import (
    LEARNER_STORE,
    anonymous_page,
    may_serve_shared,
    page_key,
    shared_page,
)
from microcred.curriculum import course_cache
from microcred.curriculum import selectors as curriculum_selectors
from microcred.curriculum.models import Curriculum
from microcred.curriculum.text import localise_list
from microcred.learning import selectors, services
from microcred.learning.forms import CheckForm, RemindersForm
from microcred.learning.models import LearnerProfile, LessonProgress
from microcred.learning.reading import reading_language, why_not_offered

# Anonymous visitors' reading choices (logged-in learners keep theirs in their profile).
READING_SESSION_KEY = "module_languages"

# The course pages are gzip-compressed here (gzip_page), not every page by a middleware: they
# carry no secret but the CSRF token, which Django masks anew on each response, so BREACH has
# nothing to recover. Pages with one-time secrets stay uncompressed (decision 0017).


def _course_generation() -> int:
    return course_cache.current().generation


# Compressed per response, outside the page cache: the cache holds the page without a token.
@gzip_page
@anonymous_page(depends_on=(_course_generation,))
def course(request: HttpRequest) -> HttpResponse:
    """The public catalogue: every published module with its outcomes and workload."""
    cards = selectors.module_cards(request.user) if request.user.is_authenticated else None
    return TemplateResponse(request, "learning/course.html", {
        "curriculum": Curriculum.objects.first(),
        "modules": curriculum_selectors.list_published_modules(),
        "cards": {card.module.pk: card for card in cards or []},
    })


@gzip_page
def module_detail(request: HttpRequest, code: str) -> HttpResponse:
    version = curriculum_selectors.get_published_version(code)
    card = None
    if request.user.is_authenticated:
        card = next(iter(selectors.module_cards(request.user, code)), None)
        if card is not None and card.version.pk != version.pk:
            version = curriculum_selectors.get_version_with_contents(card.version.pk)
    return render(request, "learning/module.html", {
        "version": version, "card": card, **_reading_context(request, version)})


def _reading_context(request: HttpRequest, version, chosen: str | None = None) -> dict:
    """The language the module's texts are shown in, and the notice when it is not the
    learner's own (learning/reading.py). `chosen`: the learner's choice, when already read."""
    code = version.module.code
    if chosen is None and request.user.is_authenticated:
        chosen = selectors.chosen_reading_language(request.user, code)
    elif chosen is None:
        chosen = request.session.get(READING_SESSION_KEY, {}).get(code, "")
    reading = reading_language(version, get_language(), chosen)
    return {"reading": reading, "content_language": reading.language,
            "not_offered_reason": "" if reading.is_wanted
            else why_not_offered(version, reading.wanted)}


@post_only_else_show(lambda code: reverse("learning:module", args=[code]))
def choose_language(request: HttpRequest, code: str) -> HttpResponse:
    """Read a module in another offered language while it is not offered in the learner's."""
    version = selectors.version_for(request.user, code)
    language = request.POST.get("language", "")
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("learning:module", args=[code])
    try:
        if request.user.is_authenticated:
            services.choose_reading_language(learner=request.user, version=version,
                                             language=language)
        else:  # a display preference, like the text size: kept in the visitor's session
            services.check_reading_language(version=version, language=language)
            request.session[READING_SESSION_KEY] = {
                **request.session.get(READING_SESSION_KEY, {}), code: language}
    except services.LearningError as error:
        messages.warning(request, str(error))
    return HttpResponseRedirect(next_url)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """My learning: the 13 modules with progress and one big button to continue."""
    if request.user.is_staff_member:
        return redirect("accounts:home")
    # Read before the course, so a page rendered from older content is stored under the older
    # generation (core/page_cache.py).
    generation = course_cache.current().generation
    # The learner's progress is read on every request; only the rendering is shared.
    profile, cards = selectors.my_learning(request.user)
    if profile is None:
        profile = services.get_profile(request.user)
    if profile.onboarding_pending:
        return redirect("learning:onboarding", step="language")
    continue_card = selectors.continue_card(cards, profile.suggested_module)
    suggestion = selectors.explain_suggestion(profile)

    def respond() -> HttpResponse:  # on a miss only
        return TemplateResponse(request, "learning/home.html", {
            "cards": cards, "profile": profile, "continue_card": continue_card,
            "suggestion": suggestion,
            "reminders_form": RemindersForm(initial={"reminders": profile.reminders}),
        })

    if not may_serve_shared(request):  # a message waiting (the page shows it), a query string
        return respond()
    key = _home_page_key(request, generation, cards, continue_card, suggestion, profile)
    return shared_page(request, key, respond, store=LEARNER_STORE)


def _home_page_key(request: HttpRequest, generation: int, cards: list[selectors.ModuleCard],
                   continue_card: selectors.ModuleCard | None,
                   suggestion: selectors.Suggestion | None, profile: LearnerProfile) -> str:
    """The page cache's key of "my learning": every value the page shows (learning/home.html
    and its includes), as plain values, and nothing else of the learner, so that learners in the
    same situation share one render (decision 0029). base.html adds nothing of the learner: its
    menus differ by staff role only, and staff are sent elsewhere before this page. Hashed:
    13 cards make a long key."""
    next_lesson = continue_card.next_lesson if continue_card else None
    shown = (
        # Module numbers and titles, versions' and lessons' titles: fixed for a version id
        # within one course generation (every publish, withdraw or admin edit bumps it).
        generation,
        # Each card: its link (code), the title of the learner's version, the progress bar
        # and its words, and the time left.
        tuple((card.module.code, card.version.pk, str(card.state), card.percent,
               card.lessons_done, len(card.lessons), card.minutes_left) for card in cards),
        # The big button: which module and lesson, and "You were reading" or "We suggest".
        (continue_card.module.code, str(continue_card.state),
         next_lesson.pk if next_lesson else None) if continue_card else None,
        # Why a module other than module 1 is suggested (suggestion_reason.html). Kept even when
        # the button leaves it out, rather than repeating the template's condition here.
        (suggestion.module.code, suggestion.because.key if suggestion.because else None,
         suggestion.first_module.code) if suggestion else None,
        # "Answer a few questions so we can suggest where to start".
        bool(profile.onboarding_skipped_at and not profile.onboarding_done_at),
        # The reminders checkbox, ticked or not.
        bool(profile.reminders),
    )
    return page_key(request, "home", hashlib.sha256(repr(shown).encode()).hexdigest())


@login_required
def continue_learning(request: HttpRequest) -> HttpResponse:
    profile = services.get_profile(request.user)
    card = selectors.continue_card(selectors.module_cards(request.user),
                                   profile.suggested_module)
    if card is None or card.next_lesson is None:
        return redirect("learning:home")
    return redirect("learning:lesson", code=card.module.code, slug=card.next_lesson.slug)


# Sent by "Save this module for offline" (learning/offline.js) when it fetches the lessons.
OFFLINE_SAVE_HEADER = "X-Microcred-Offline"


@login_required
@gzip_page
def lesson(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    found = selectors.learner_lesson(request.user, code, slug)
    if request.headers.get(OFFLINE_SAVE_HEADER) == "save":
        # Saving a module for offline fetches every lesson at once: saving is not reading, so
        # the learner's place is not moved and lessons ahead may be stored. Their "Done" taps
        # are still accepted in order only (complete_lesson).
        response = _lesson_page(request, found)
        patch_vary_headers(response, [OFFLINE_SAVE_HEADER])
        return response
    try:
        services.open_lesson(learner=request.user, lesson=found.lesson, progress=found.progress,
                             done_so_far=found.done_so_far)
    except services.LearningError as error:
        messages.warning(request, str(error))
        return redirect("learning:continue")
    return _lesson_page(request, found)


def _lesson_page(request: HttpRequest, found: selectors.LearnerLesson) -> HttpResponse:
    """The lesson as read: rendered once for every learner who sees the same page (same text,
    language, text size and knowledge-check answer), from the page cache (decision 0029)."""
    def respond() -> HttpResponse:  # on a miss only: the context costs more than the hit
        return TemplateResponse(request, "learning/lesson.html", _lesson_context(
            request, found.lesson, found.record, chosen=found.chosen_language))

    if request.user.is_staff_member or not may_serve_shared(request):  # staff: their own menus
        return respond()
    lesson, answer = found.lesson, found.record
    key = page_key(
        request, "lesson", course_cache.current().generation, lesson.version_id, lesson.slug,
        found.chosen_language,
        # All the page shows of the learner's record (a lesson without a check has no answer).
        answer.check_answer if answer else None, answer.check_correct if answer else None,
    )
    return shared_page(request, key, respond, store=LEARNER_STORE)


def _render_lesson(request: HttpRequest, lesson, check_form: CheckForm | None = None,
                   status: int = 200, chosen: str | None = None) -> HttpResponse:
    record = selectors.lesson_progress(request.user, lesson)
    return render(request, "learning/lesson.html",
                  _lesson_context(request, lesson, record, check_form, chosen), status=status)


def _lesson_context(request: HttpRequest, lesson, record: LessonProgress | None,
                    check_form: CheckForm | None = None, chosen: str | None = None) -> dict:
    """`record`: the learner's record of the lesson (their knowledge-check answer)."""
    version = lesson.version
    reading = _reading_context(request, version, chosen)
    to_read = selectors.lesson_to_read(lesson, reading["content_language"])
    lesson, page = to_read.lesson, to_read.page
    check = lesson.check_question or {}
    options = localise_list(check.get("options", {}), reading["content_language"])
    # The learner's answer to the knowledge check is all the page shows of this lesson's record.
    progress = record if options else None
    right = check.get("correct")
    # Named in the verdict of a wrong answer, so the explanation that follows reads right.
    right_answer = options[right] if isinstance(right, int) and 0 <= right < len(options) else ""
    return {
        "lesson": lesson, "version": version, "progress": progress,
        "previous": page.previous, "next": page.next,
        "position": page.position, "total": page.total,
        "check_form": check_form or (CheckForm(options=options) if options else None),
        "check_right_answer": right_answer, "learner_id": request.user.pk, **reading,
    }


def _lesson_url(code: str, slug: str) -> str:
    return reverse("learning:lesson", args=[code, slug])


@login_required
@post_only_else_show(_lesson_url)
def answer_check(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    lesson = selectors.get_lesson_for_learner(request.user, code, slug)
    language = _reading_context(request, lesson.version)["content_language"]
    options = localise_list((lesson.check_question or {}).get("options", {}), language)
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
