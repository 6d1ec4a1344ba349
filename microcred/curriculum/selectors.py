"""Reads of the course. Learners only ever get published versions from here."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404

from microcred.curriculum import course_cache
from microcred.curriculum.models import Lesson, Module, ModuleVersion


def list_published_modules() -> list[Module]:
    """In course order, each with its published version and `lesson_count`: from the course
    cache (decision 0025)."""
    return course_cache.current().published_modules()


def get_published_version(code: str) -> ModuleVersion:
    """The version learners see, with its lessons and outcomes."""
    version_id = (
        Module.objects.filter(code=code, published_version__isnull=False)
        .values_list("published_version_id", flat=True)
        .first()
    )
    if version_id is None:
        raise Http404
    return get_version_with_contents(version_id)


def get_version_with_contents(version_id: int) -> ModuleVersion:
    return (
        ModuleVersion.objects.select_related("module")
        .prefetch_related(
            Prefetch(
                "lessons",
                queryset=Lesson.objects.only(
                    "id", "version_id", "slug", "order", "minutes", "title"
                ),
            ),
            "outcomes",
        )
        .get(pk=version_id)
    )


@dataclass(frozen=True)
class LessonPage:
    lesson: Lesson
    previous: Lesson | None
    next: Lesson | None
    position: int
    total: int


def get_lesson_page(*, version: ModuleVersion, slug: str) -> LessonPage:
    """The lesson and its neighbours, in two queries whatever the module's size."""
    lesson = Lesson.objects.select_related("version__module").filter(
        version=version, slug=slug).first()
    if lesson is None:
        raise Http404
    return lesson_page(lesson)


def lesson_page(lesson: Lesson, lessons: Sequence[Lesson] | None = None) -> LessonPage:
    """Neighbours and position of a lesson already loaded: from `lessons` (the version's, in
    order, e.g. from the course cache) or in one query."""
    if lessons is None:
        lessons = list(lesson.version.lessons.only("id", "version_id", "slug", "order", "title")
                       .order_by("order"))
    index = next(i for i, item in enumerate(lessons) if item.pk == lesson.pk)
    return LessonPage(
        lesson=lesson,
        previous=lessons[index - 1] if index > 0 else None,
        next=lessons[index + 1] if index + 1 < len(lessons) else None,
        position=index + 1,
        total=len(lessons),
    )
