"""Lesson sources and review dates: read with their lines, stored, versioned, exported, reported."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from microcred.curriculum.content_files import ContentInvalid, read_curriculum
from microcred.curriculum.models import Lesson
from microcred.curriculum.provenance import needs_fact_check, sources_for
from microcred.curriculum.services import import_curriculum
from microcred.curriculum.tests.content_tree import write_curriculum

DIGCOMP = "https://joint-research-centre.ec.europa.eu/digcomp_en"
ENGLISH_SOURCES = f'sources:\n  - {{title: "DigComp 2.2, JRC", url: "{DIGCOMP}"}}'
POLISH_SOURCE = 'sources:\n  - {title: "UODO", url: "https://uodo.gov.pl/"}\n---\n## First'


def _errors(root) -> list[str]:
    with pytest.raises(ContentInvalid) as raised:
        read_curriculum(root)
    return [str(error) for error in raised.value.errors]


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _english(root, slug: str = "01-first-steps"):
    return root / "01-module-1" / "en" / f"{slug}.md"


def _first_lesson(root):
    return read_curriculum(root).modules[0].lessons[0]


def test_sources_and_the_review_date_are_read_from_the_english_file(tmp_path):
    lesson = _first_lesson(write_curriculum(tmp_path))
    assert lesson.reviewed == date(2026, 11, 2)
    assert lesson.sources == {"en": [{"title": "DigComp 2.2, JRC", "url": DIGCOMP}]}


def test_a_quoted_review_date_is_accepted(tmp_path):
    root = write_curriculum(tmp_path)
    _edit(_english(root), "reviewed: 2026-11-02", 'reviewed: "2026-11-02"')
    assert _first_lesson(root).reviewed == date(2026, 11, 2)


def test_a_translation_adds_its_own_national_sources(tmp_path):
    root = write_curriculum(tmp_path)
    polish = root / "01-module-1" / "pl" / "01-first-steps.md"
    _edit(polish, "---\n## First", POLISH_SOURCE)
    lesson = _first_lesson(root)
    assert lesson.sources["pl"] == [{"title": "UODO", "url": "https://uodo.gov.pl/"}]
    shown = sources_for(lesson.sources, "pl")
    assert [(s["title"], s["language"]) for s in shown] == [
        ("DigComp 2.2, JRC", "en"),
        ("UODO", "pl"),
    ]
    assert [s["title"] for s in sources_for(lesson.sources, "de")] == ["DigComp 2.2, JRC"]


@pytest.mark.parametrize(
    ("sources", "message"),
    [
        ("sources: []", "line 9: sources must be a list of entries with a title and a url"),
        (
            "sources: https://eur-lex.europa.eu/",
            "line 9: sources must be a list of entries with a title and a url",
        ),
        ('sources:\n  - {url: "https://eur-lex.europa.eu/"}', "line 10: source 1 has no title"),
        (
            'sources:\n  - {title: " ", url: "https://eur-lex.europa.eu/"}',
            "line 10: source 1 has no title",
        ),
        (
            'sources:\n  - {title: "GDPR", url: "eur-lex.europa.eu"}',
            "line 10: source 1: url must be a web address starting with https://",
        ),
        (
            'sources:\n  - {title: "GDPR", url: "ftp://eur-lex.europa.eu/"}',
            "line 10: source 1: url must be a web address starting with https://",
        ),
        (
            'sources:\n  - {title: "GDPR", url: "https://"}',
            "line 10: source 1: url must be a web address starting with https://",
        ),
        ("sources:\n  - GDPR", "line 9: source 1 must have a title and a url"),
    ],
)
def test_a_wrong_source_is_named_with_its_line(tmp_path, sources, message):
    root = write_curriculum(tmp_path)
    _edit(_english(root), ENGLISH_SOURCES, sources)
    assert _errors(root) == [f"01-module-1/en/01-first-steps.md, {message}"]


@pytest.mark.parametrize(
    ("reviewed", "message"),
    [
        ("reviewed: last spring", "reviewed must be a date like 2026-12-06"),
        ('reviewed: "2026-13-01"', "reviewed must be a date like 2026-12-06"),
        ("reviewed: 2026-11-02 10:00:00", "reviewed must be a date like 2026-12-06"),
        ("reviewed: 2999-01-01", "reviewed date 2999-01-01 is in the future"),
    ],
)
def test_a_wrong_review_date_is_named_with_its_line(tmp_path, reviewed, message):
    root = write_curriculum(tmp_path)
    _edit(_english(root), "reviewed: 2026-11-02", reviewed)
    assert _errors(root) == [f"01-module-1/en/01-first-steps.md, line 11: {message}"]


def test_a_lesson_without_sources_or_date_still_reads(tmp_path):
    # Missing provenance is reported (completeness report, content test), never an import error:
    # an old lesson must stay importable while its facts wait for a check.
    root = write_curriculum(tmp_path)
    _edit(_english(root), ENGLISH_SOURCES + "\nreviewed: 2026-11-02\n", "")
    lesson = _first_lesson(root)
    assert (lesson.sources, lesson.reviewed) == ({}, None)


def test_the_age_limit_comes_from_the_settings(settings):
    settings.CONTENT_REVIEW_MAX_AGE_DAYS = 30
    today = date(2026, 12, 6)
    assert not needs_fact_check(date(2026, 11, 6), today=today)
    assert needs_fact_check(date(2026, 11, 5), today=today)
    assert needs_fact_check(None, today=today)


@pytest.mark.django_db
def test_sources_and_date_are_stored_on_the_lesson(tmp_path):
    import_curriculum(path=write_curriculum(tmp_path))
    lesson = Lesson.objects.get(version__module__code="M01", slug="01-first-steps")
    assert lesson.reviewed == date(2026, 11, 2)
    assert lesson.sources["en"][0]["title"] == "DigComp 2.2, JRC"


@pytest.mark.django_db
def test_a_new_source_makes_a_new_version(tmp_path):
    root = write_curriculum(tmp_path)
    import_curriculum(path=root)
    _edit(
        _english(root, "02-next-steps"),
        ENGLISH_SOURCES,
        ENGLISH_SOURCES + '\n  - {title: "Europass", url: "https://europass.europa.eu/"}',
    )
    assert [str(v) for v in import_curriculum(path=root).new_versions] == ["M01 v2"]


@pytest.mark.django_db
def test_a_new_review_date_makes_a_new_version(tmp_path):
    root = write_curriculum(tmp_path)
    import_curriculum(path=root)
    _edit(_english(root), "reviewed: 2026-11-02", "reviewed: 2026-12-01")
    assert [str(v) for v in import_curriculum(path=root).new_versions] == ["M01 v2"]


@pytest.mark.django_db
def test_export_writes_sources_and_date_back_unchanged(tmp_path):
    root = write_curriculum(tmp_path / "source")
    polish = root / "01-module-1" / "pl" / "01-first-steps.md"
    _edit(polish, "---\n## First", POLISH_SOURCE)
    import_curriculum(path=root)
    call_command("export_curriculum", str(tmp_path / "exported"))
    exported = read_curriculum(tmp_path / "exported").modules[0].lessons[0]
    original = read_curriculum(root).modules[0].lessons[0]
    assert (exported.sources, exported.reviewed) == (original.sources, original.reviewed)
    exported_polish = tmp_path / "exported" / "01-module-1" / "pl" / "01-first-steps.md"
    assert "reviewed" not in exported_polish.read_text(encoding="utf-8")
    assert import_curriculum(path=tmp_path / "exported").new_versions == []


@pytest.mark.django_db
def test_the_completeness_command_lists_lessons_whose_facts_are_old_or_unchecked(
    tmp_path, capsys, settings
):
    settings.CONTENT_REVIEW_MAX_AGE_DAYS = 100_000
    root = write_curriculum(tmp_path)
    _edit(_english(root), "reviewed: 2026-11-02", "reviewed: 2020-01-31")
    _edit(_english(root, "02-next-steps"), "reviewed: 2026-11-02\n", "")
    import_curriculum(path=root)
    call_command("curriculum_completeness", "--language", "pl")
    output = capsys.readouterr().out
    assert "02-next-steps: facts never checked" in output
    assert "01-first-steps" not in output
    settings.CONTENT_REVIEW_MAX_AGE_DAYS = 183
    call_command("curriculum_completeness", "--language", "pl")
    output = capsys.readouterr().out
    assert "M01 v1" in output
    assert "01-first-steps: facts last checked on 2020-01-31" in output


@pytest.mark.django_db
def test_the_completeness_page_lists_lessons_whose_facts_need_a_check(
    tmp_path, client, platform_admin
):
    root = write_curriculum(tmp_path)
    _edit(_english(root), "reviewed: 2026-11-02", "reviewed: 2020-01-31")
    import_curriculum(path=root)
    client.force_login(platform_admin)
    page = client.get(reverse("admin:curriculum_completeness")).content.decode()
    assert "Lessons whose facts need a new check" in page
    assert "01-first-steps" in page
    assert "31 January 2020" in page  # day first, as in every European English
