"""Reads for the learner's pages: a fixed number of queries, whatever the course's size."""

import json
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, cached_property

from django.db import connection
from django.http import Http404

from microcred.accounts.models import User
from microcred.core.sql import columns_of, nulls_of, rows_in_parts
from microcred.curriculum import course_cache
from microcred.curriculum.models import Lesson, Module, ModuleVersion
from microcred.curriculum.selectors import LessonPage, lesson_page
from microcred.curriculum.text import Localised, localise
from microcred.curriculum.workload import Workload
from microcred.learning import selfcheck
from microcred.learning.models import LearnerProfile, LessonProgress, ModuleProgress
from microcred.learning.reading import reading_language


class ModuleState(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


@dataclass(frozen=True)
class ModuleCard:
    module: Module
    version: ModuleVersion
    lessons: list[Lesson]
    done: set[int]
    progress: ModuleProgress | None

    # Worked out once: the page key (learning/views.py), the template and the "continue"
    # button each read the lessons left and the figures drawn from them.
    @cached_property
    def lessons_left(self) -> list[Lesson]:
        """The lessons of the module not done yet, in order."""
        return [lesson for lesson in self.lessons if lesson.pk not in self.done]

    @property
    def lessons_done(self) -> int:
        return len(self.lessons) - len(self.lessons_left)

    @cached_property
    def minutes_left(self) -> int:
        """The module's notional workload less what the done lessons took: the page's figures
        and the credential's hours come from the same sum (curriculum/workload.py)."""
        left = self.lessons_left
        lesson_minutes_left = sum(lesson.minutes for lesson in left)
        workload = Workload.from_dict(self.version.workload)
        if not workload.minutes:  # a version imported before workloads were counted
            return lesson_minutes_left
        return workload.minutes_left(
            lesson_minutes_left=lesson_minutes_left,
            lessons_left=len(left),
            lessons=len(self.lessons),
        )

    @property
    def percent(self) -> int:
        return round(100 * self.lessons_done / len(self.lessons)) if self.lessons else 0

    @property
    def state(self) -> ModuleState:
        if self.progress is None:
            return ModuleState.NOT_STARTED
        if self.progress.completed_at is not None:
            return ModuleState.COMPLETED
        return ModuleState.IN_PROGRESS

    @property
    def next_lesson(self) -> Lesson | None:
        return self.lessons_left[0] if self.lessons_left else None


def module_cards(learner: User, code: str | None = None) -> list[ModuleCard]:
    """Every published module (or just `code`) with the learner's progress.

    The course comes from the course cache (decision 0025); the learner's progress is read
    fresh, so a lesson marked done shows as done at once.
    """
    _profile, progress, done = _learner_state(learner)
    return _cards(progress, done, code)


def my_learning(learner: User) -> tuple[LearnerProfile | None, list[ModuleCard]]:
    """The learner's profile (None before its first use: services.get_profile makes it) and
    every module's card: my learning reads them on every view, in one statement (issue #19).
    """
    profile, progress, done = _learner_state(learner)
    return profile, _cards(progress, done)


def _learner_state(learner: User) -> tuple[LearnerProfile | None, list[ModuleProgress], set[int]]:
    """The learner's profile, their progress in each module and the lessons they have done
    (of any version: a card counts only its own), in one statement written out (decision 0030).
    All the done lessons, not those of a list of the course's lessons: a learner has done at
    most a few hundred, and an id list of every lesson cost more to build than to read."""
    rows = rows_in_parts(_learner_state_sql(), [learner.pk] * 3,
                         [LearnerProfile, ModuleProgress, 1])
    profile = next((row[0] for row in rows if row[0] is not None), None)
    progress = [row[1] for row in rows if row[1] is not None]
    done = {row[2][0] for row in rows if row[2][0] is not None}
    return profile, progress, done


def _cards(progress_rows: list[ModuleProgress], done: set[int],
           code: str | None = None) -> list[ModuleCard]:
    """The cards of every published module (or just `code`), from the learner's progress in
    each module and the lessons they have done."""
    course = course_cache.current()
    modules = [m for m in course.published_modules() if code is None or m.code == code]
    progress = {p.module_id: p for p in progress_rows}
    outlines = {}
    for m in modules:
        # The learner keeps the version they started, even after a new one is published.
        version_id = progress[m.pk].version_id if m.pk in progress else m.published_version_id
        outline = course.outline(version_id)
        if outline is not None:
            outlines[m.pk] = outline
    return [
        ModuleCard(
            module=m,
            version=outlines[m.pk].version,
            lessons=list(outlines[m.pk].lessons),
            done=done,
            progress=progress.get(m.pk),
        )
        for m in modules
        if m.pk in outlines
    ]


@cache
def _learner_state_sql() -> str:
    """By learner (three times): their profile, their progress in each module and the lessons
    they have done, one row each, every row as wide as all three (the others' columns NULL,
    cast to their types, as a UNION of NULLs alone has no type on PostgreSQL)."""
    quote = connection.ops.quote_name
    profile, progress = LearnerProfile._meta.db_table, ModuleProgress._meta.db_table
    return (
        f"SELECT {columns_of(LearnerProfile)}, {nulls_of(ModuleProgress)}, "  # noqa: S608 - names from the models
        f"CAST(NULL AS {LessonProgress._meta.pk.cast_db_type(connection)}) "
        f"FROM {quote(profile)} WHERE user_id = %s "
        f"UNION ALL SELECT {nulls_of(LearnerProfile)}, {columns_of(ModuleProgress)}, NULL "
        f"FROM {quote(progress)} WHERE learner_id = %s "
        f"UNION ALL SELECT {nulls_of(LearnerProfile)}, {nulls_of(ModuleProgress)}, lesson_id "
        f"FROM {quote(LessonProgress._meta.db_table)} "
        "WHERE learner_id = %s AND completed_at IS NOT NULL"
    )


def continue_card(cards: list[ModuleCard], suggested_module: str = "") -> ModuleCard | None:
    """Where "Continue where you left off" goes: the module touched last, else the suggestion."""
    in_progress = [c for c in cards if c.state == ModuleState.IN_PROGRESS and c.next_lesson]
    if in_progress:
        return max(in_progress, key=lambda c: c.progress.updated_at)  # type: ignore[union-attr]
    suggested = next(
        (c for c in cards if c.module.code == suggested_module and c.next_lesson), None
    )
    return suggested or next((c for c in cards if c.next_lesson), None)


@dataclass(frozen=True)
class Suggestion:
    """Why the self-check suggests a module other than the first, said in one sentence."""

    module: Module
    because: selfcheck.Question | None  # the first task not ticked; None: every task was
    first_module: Module  # offered as well: starting from the beginning is always fine


def explain_suggestion(profile: LearnerProfile) -> Suggestion | None:
    """The reason for a suggested module other than module 1 (None for module 1 or none)."""
    modules = course_cache.current().published_modules()
    suggested = next((m for m in modules if m.code == profile.suggested_module), None)
    if suggested is None or suggested == modules[0]:
        return None
    return Suggestion(suggested, selfcheck.first_gap(profile.self_check_answers), modules[0])


@dataclass(frozen=True)
class LearnerLesson:
    """A lesson as one learner reads it, with what the lesson page needs of their progress."""

    lesson: Lesson  # without its text (`lesson_to_read` adds it); lesson.version.module loaded
    progress: ModuleProgress | None  # in the lesson's module; None before their first visit
    chosen_language: str  # the reading language they chose for the module, or ""
    # Their records of this lesson and the ones before it, by lesson id: what the order rule
    # (`services.open_lesson`) and the knowledge check's answer need, read once.
    records: dict[int, LessonProgress]

    @property
    def done_so_far(self) -> set[int]:
        """The lessons up to this one that the learner has finished."""
        return {pk for pk, record in self.records.items() if record.completed_at is not None}

    @property
    def record(self) -> LessonProgress | None:
        """Their record of this lesson (the knowledge check's answer), if any."""
        return self.records.get(self.lesson.pk)


def learner_lesson(learner: User, code: str, slug: str) -> LearnerLesson:
    """The lesson in the version this learner follows (pinned once started), with their
    progress, reading choice and records up to this lesson, in one statement; the lesson
    itself from the course cache.

    The lesson page is the most visited page there is, so the read is written out as SQL
    (building it with the ORM cost three to four times running it, issue #19);
    `core.sql.rows_in_parts` still gives model instances with Django's conversions, on SQLite
    and PostgreSQL alike.
    """
    course = course_cache.current()
    rows = rows_in_parts(_learner_lesson_sql(), [learner.pk, learner.pk, learner.pk, code],
                         [ModuleProgress, 1, LessonProgress])
    progress = rows[0][0] if rows else None
    version_id = progress.version_id if progress is not None else course.published_version_id(code)
    outline = course.outline(version_id) if version_id is not None else None
    lesson = outline.lesson(slug) if outline is not None else None
    if outline is None or lesson is None:
        raise Http404
    choices = rows[0][1][0] if rows else None
    choices = json.loads(choices) if isinstance(choices, str) else choices or {}  # JSON as text
    so_far = {each.pk for each in outline.lessons if each.order <= lesson.order}
    # The statement reads the learner's records of every version of the module: the version
    # followed is known only once the progress is read.
    records = {
        record.lesson_id: record
        for _, _, record in rows
        if record is not None and record.lesson_id in so_far
    }
    return LearnerLesson(lesson, progress, str(choices.get(code, "")), records)


@cache
def _learner_lesson_sql() -> str:
    """By learner (three times) and module code: one row per record the learner has of the
    module's lessons (one row with none), each with their progress in the module (if started)
    and their reading choices (JSON text, if any)."""
    quote = connection.ops.quote_name
    table = {model: quote(model._meta.db_table) for model in
             (Module, ModuleVersion, Lesson, ModuleProgress, LearnerProfile, LessonProgress)}
    return (
        f"SELECT {columns_of(ModuleProgress, 'p')}, profile.module_languages, "  # noqa: S608 - names from the models
        f"{columns_of(LessonProgress, 'r')} "
        f"FROM {table[Module]} m "
        f"LEFT JOIN {table[ModuleProgress]} p ON p.module_id = m.id AND p.learner_id = %s "
        f"LEFT JOIN {table[LearnerProfile]} profile ON profile.user_id = %s "
        f"LEFT JOIN {table[LessonProgress]} r ON r.learner_id = %s AND r.lesson_id IN ("
        f"SELECT l.id FROM {table[Lesson]} l JOIN {table[ModuleVersion]} v "
        "ON v.id = l.version_id WHERE v.module_id = m.id) "
        "WHERE m.code = %s"
    )


def get_lesson_for_learner(learner: User, code: str, slug: str) -> Lesson:
    """The lesson in the version this learner follows (pinned once started), without its text
    (`lesson_to_read` adds it); `lesson.version.module` is loaded."""
    return learner_lesson(learner, code, slug).lesson


@dataclass(frozen=True)
class LessonToRead:
    lesson: Lesson  # with its text in the reading language (else English)
    page: LessonPage  # neighbours and position


def lesson_to_read(lesson: Lesson, language: str) -> LessonToRead:
    """The lesson's text in `language` and its place in the module, from the course cache."""
    course = course_cache.current()
    text = course.lesson_text(lesson, language)
    outline = course.outline(lesson.version_id)
    return LessonToRead(text, lesson_page(text, outline.lessons if outline else None))


def lesson_progress(learner: User, lesson: Lesson) -> LessonProgress | None:
    return LessonProgress.objects.filter(learner=learner, lesson=lesson).first()


def chosen_reading_language(learner: User, code: str) -> str:
    """The language the learner chose to read module `code` in, or "" (learning/reading.py)."""
    chosen = (
        LearnerProfile.objects.filter(user=learner)
        .values_list("module_languages", flat=True)
        .first()
    ) or {}
    return str(chosen.get(code, ""))


def version_for(learner: User, code: str) -> ModuleVersion:
    """The version of module `code` this learner reads: the one they started, else the
    published one (404 when there is none)."""
    progress = (
        (
            ModuleProgress.objects.filter(learner=learner, module__code=code)
            .select_related("version__module")
            .first()
        )
        if learner.is_authenticated
        else None
    )
    if progress is not None:
        return progress.version
    module = Module.objects.filter(code=code).select_related("published_version__module").first()
    if module is None or module.published_version is None:
        raise Http404
    return module.published_version


@dataclass(frozen=True)
class LessonLink:
    slug: str
    title: Localised


def lessons_teaching(learner: User, code: str, language: str) -> dict[str, list[LessonLink]]:
    """The lessons that teach each outcome of module `code`, by outcome code, in course order.

    From the version the learner reads (the links open its lessons), with titles in the
    language they read the module in: `language` (the interface's) when it is offered.
    """
    try:
        version = version_for(learner, code)
    except Http404:  # a module withdrawn since: the result page still shows, without links
        return {}
    reading = reading_language(version, language, chosen_reading_language(learner, code))
    taught: dict[str, list[LessonLink]] = {}
    for lesson in version.lessons.order_by("order").only("slug", "title", "outcomes"):
        for outcome in lesson.outcomes:
            link = LessonLink(lesson.slug, localise(lesson.title, reading.language))
            taught.setdefault(outcome, []).append(link)
    return taught
