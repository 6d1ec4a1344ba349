"""The published course as learners see it, cached (issue #19, decision 0025).

What is cached is content, never a learner's progress: which modules are published in which
version, each version's outline (its title, workload, languages and light lesson rows) and a
lesson's text in one reading language. Progress, answers and choices are read fresh per request.

Keys carry a course *generation* and the version id (and the language for a lesson's text):
    course:<generation>:published
    course:<generation>:outline:<version id>
    course:<generation>:lesson:<version id>:<slug>:<language>
A new publish brings new version ids, and every change to what learners see (publish, withdraw,
any state move, a language's translation status) bumps the generation, so no entry is ever
updated in place: a key's value is fixed once written. That is why the entries may live in each
worker's own memory (`ProcessStore`) while the generation lives in the shared cache (Redis or
the database): every worker sees a bump at its next request.

Entries are kept as the objects themselves, not pickled (a pickled LocMem cache spent a quarter
of "my learning"'s time unpickling the same modules again on every request). They are shared by
every request of the worker, so callers treat them as read-only: they build new lists and
dataclasses around them and never set fields on them.

Order matters against a stale read: the generation is read *before* the database, and bumped
both at once and again after the transaction commits. A reader that saw the new generation
therefore also sees the committed content; one that read the content before the commit stored it
under a generation that the bump after the commit leaves behind.
"""

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from django.conf import settings
from django.db.models import Count
from django.http import HttpRequest, HttpResponse

from microcred.core.generation import Generation
from microcred.core.process_store import ProcessStore
from microcred.curriculum.models import Lesson, Module, ModuleVersion
from microcred.curriculum.text import REFERENCE_LANGUAGE

T = TypeVar("T")
GENERATION_KEY = "course:generation"
# The lesson fields a page or a service needs without the text (every language is small here).
OUTLINE_LESSON_FIELDS = (
    "id",
    "version_id",
    "slug",
    "order",
    "minutes",
    "title",
    "outcomes",
    "check_question",
)
# Kept in one reading language (and English, the fallback): these hold whole lessons.
TEXT_FIELDS = ("title", "body_html", "sources")


_store = ProcessStore(settings.COURSE_CACHE_ENTRIES)


def entries() -> ProcessStore:
    return _store


def _forget_request_memo() -> None:
    memo = _request_memo.get()
    if memo is not None:
        memo.clear()


COURSE_GENERATION = Generation(GENERATION_KEY, on_bump=_forget_request_memo)


def generation() -> int:
    """The course's current generation, shared by every worker."""
    return COURSE_GENERATION.current()


def bump_generation() -> None:
    """What learners see has changed: every worker reads the course again (core/generation.py
    says why it bumps twice)."""
    COURSE_GENERATION.bump()


class Course:
    """The cached course at one generation: read the generation once per page, then ask."""

    def __init__(self, generation: int) -> None:
        self.generation = generation

    def _cached(self, key: str, build: Callable[[], T]) -> T:
        store, key = entries(), f"course:{self.generation}:{key}"
        value = store.get(key)
        if value is None:
            value = build()
            store.set(key, value)
        return cast(T, value)

    def published_modules(self) -> list[Module]:
        """Every published module in course order, each with its published version."""
        return self._cached(
            "published",
            lambda: list(
                Module.objects.filter(published_version__isnull=False)
                .select_related("published_version", "curriculum")
                .annotate(lesson_count=Count("published_version__lessons"))
                .order_by("order")
            ),
        )

    def published_version_id(self, code: str) -> int | None:
        module = next((m for m in self.published_modules() if m.code == code), None)
        return module.published_version_id if module is not None else None

    def outline(self, version_id: int) -> "VersionOutline | None":
        """A version's outline; None when there is no such version.

        Any version may be asked for, not only a published one: a learner keeps the version
        they started. A version's lessons never change once it left draft (EditableOnlyInDraft).
        """

        def build() -> VersionOutline | None:
            version = ModuleVersion.objects.select_related("module").filter(pk=version_id).first()
            if version is None:
                return None
            lessons = tuple(
                Lesson.objects.filter(version_id=version_id)
                .only(*OUTLINE_LESSON_FIELDS)
                .order_by("order")
            )
            for lesson in lessons:
                lesson.version = version
            return VersionOutline(version, lessons)

        return self._cached(f"outline:{version_id}", build)

    def lesson_text(self, lesson: Lesson, language: str) -> Lesson:
        """`lesson` with its text in `language` (and English), for reading it.

        Per language because a lesson carries its text in every language: an entry holds only
        its reader's. The result has the outline's version and module attached.
        """

        def build() -> Lesson:
            full = Lesson.objects.defer("body", "board_notes").get(
                version_id=lesson.version_id, slug=lesson.slug
            )
            for field in TEXT_FIELDS:
                setattr(full, field, _in(getattr(full, field), language))
            # The outline's version: the same object for every reader of this generation.
            full.version = lesson.version
            return cast(Lesson, full)

        return self._cached(f"lesson:{lesson.version_id}:{lesson.slug}:{language}", build)


# Within one request the generation is read once (CourseGenerationMiddleware opens the memo);
# outside a request (commands, task workers, a shell) there is no memo and every call reads it.
_request_memo: ContextVar[dict[str, Course] | None] = ContextVar("course_memo", default=None)


def current() -> Course:
    """The course as it is now: one read of the shared generation per request."""
    memo = _request_memo.get()
    if memo is None:
        return Course(generation())
    if "course" not in memo:
        memo["course"] = Course(generation())
    return memo["course"]


class CourseGenerationMiddleware:
    """Read the course generation at most once per request (a query when the database is the
    shared cache); a publish during the request forgets it (bump_generation)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)


@dataclass(frozen=True)
class VersionOutline:
    version: ModuleVersion  # with its module
    lessons: tuple[Lesson, ...]  # in course order, without their text; lesson.version is set

    def lesson(self, slug: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.slug == slug), None)


def _in(mapping: dict[str, Any] | None, language: str) -> dict[str, Any]:
    """Only what a reader of `language` can be shown: theirs, else English (text.localise)."""
    return {
        code: value
        for code, value in (mapping or {}).items()
        if code in (language, REFERENCE_LANGUAGE)
    }
