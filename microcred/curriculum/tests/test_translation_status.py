"""A translation made from an older English text is reported outdated, never silently current."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from microcred.curriculum.content_files import ContentInvalid
from microcred.curriculum.models import Module
from microcred.curriculum.services import import_curriculum
from microcred.curriculum.tests.translation_copy import (
    FIRST_MODULE,
    copy_first_module,
    first_lesson,
)
from microcred.curriculum.text import configured_languages

pytestmark = pytest.mark.django_db
TRANSLATIONS = [code for code in configured_languages() if code != "en"]


def _latest_languages():
    return Module.objects.get(code="M01").versions.order_by("-number").first().languages


def _change_english_lesson(root, old="## ", new="## Changed: "):
    path = first_lesson(root, "en")
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return f"lesson.{path.stem}"


def test_translations_made_from_the_current_english_are_complete(tmp_path):
    import_curriculum(path=copy_first_module(tmp_path))
    languages = _latest_languages()
    assert {code: state["status"] for code, state in languages.items()} == dict.fromkeys(
        configured_languages(), "complete"
    )


def test_changing_an_english_lesson_makes_its_translations_outdated(tmp_path):
    root = copy_first_module(tmp_path)
    import_curriculum(path=root)
    unit = _change_english_lesson(root)

    report = import_curriculum(path=root)

    assert len(report.new_versions) == 1
    languages = _latest_languages()
    assert languages["en"]["status"] == "complete"
    for code in TRANSLATIONS:
        assert languages[code]["status"] == "outdated"
        assert languages[code]["outdated"] == [unit]
        assert languages[code]["approved"] is False


def test_the_completeness_report_names_the_outdated_units(tmp_path, capsys):
    root = copy_first_module(tmp_path)
    unit = _change_english_lesson(root)
    import_curriculum(path=root)

    call_command("curriculum_completeness", "--language", "el", "--details")

    output = capsys.readouterr().out
    assert "el 100% outdated" in output
    assert f"el: {unit}: outdated" in output


def test_the_boards_review_page_and_the_staff_page_name_the_outdated_units(
    tmp_path, client, reviewer, platform_admin
):
    root = copy_first_module(tmp_path)
    unit = _change_english_lesson(root)
    import_curriculum(path=root)
    version = Module.objects.get(code="M01").versions.order_by("-number").first()

    client.force_login(reviewer)
    board_page = client.get(reverse("review:version", args=[version.pk])).content.decode()
    dashboard = client.get(reverse("review:dashboard")).content.decode()
    client.force_login(platform_admin)
    staff_page = client.get(reverse("admin:curriculum_completeness")).content.decode()

    assert "Translations of this version" in board_page
    assert board_page.count("outdated") >= len(TRANSLATIONS)
    assert unit in board_page
    assert "outdated" in dashboard
    assert unit in staff_page


def test_reflowing_the_english_text_keeps_translations_current(tmp_path):
    root = copy_first_module(tmp_path)
    path = first_lesson(root, "en")
    text = path.read_text(encoding="utf-8")
    body_start = text.index("\n---\n") + 5
    first_space = text.index(". ", body_start)
    path.write_text(text[: first_space + 1] + "\n" + text[first_space + 2 :], encoding="utf-8")

    import_curriculum(path=root)

    assert _latest_languages()["el"]["status"] == "complete"


def test_marking_checked_units_current_makes_that_language_complete_again(tmp_path):
    root = copy_first_module(tmp_path)
    unit = _change_english_lesson(root)
    import_curriculum(path=root)

    call_command(
        "translation_fingerprints", str(root), "--language", "el", "--unit", unit, stdout=None
    )
    report = import_curriculum(path=root)

    assert report.unchanged == ["M01"]
    languages = _latest_languages()
    assert languages["el"]["status"] == "complete"
    assert languages["de"]["status"] == "outdated"


def test_a_lesson_without_a_translation_makes_that_language_missing(tmp_path):
    root = copy_first_module(tmp_path)
    path = first_lesson(root, "pt")
    path.unlink()

    import_curriculum(path=root)

    languages = _latest_languages()
    assert languages["pt"]["status"] == "missing"
    assert languages["pt"]["missing"] == [f"lesson.{path.stem}"]
    assert languages["el"]["status"] == "complete"


def test_without_a_translations_file_a_present_translation_counts_as_complete(tmp_path):
    root = copy_first_module(tmp_path)
    (root / FIRST_MODULE / "translations.yaml").unlink()
    _change_english_lesson(root)

    import_curriculum(path=root)

    assert _latest_languages()["el"]["status"] == "complete"


def test_a_broken_translations_file_is_refused_with_its_file_and_line(tmp_path):
    root = copy_first_module(tmp_path)
    (root / FIRST_MODULE / "translations.yaml").write_text("el:\n  title: {source: [\n")

    with pytest.raises(ContentInvalid, match=r"translations\.yaml, line 3"):
        import_curriculum(path=root)
    assert not Module.objects.exists()
