"""A translator's note for the Board travels with the lesson: reviewers read it beside the text in
that language, learners never see it (#14)."""

import pytest
from django.urls import reverse

from microcred.curriculum.content_files import ContentInvalid
from microcred.curriculum.services import import_curriculum
from microcred.curriculum.tests.content_tree import write_curriculum
from microcred.testing.course import publish_without_review

pytestmark = pytest.mark.django_db

NOTE = "Drugi czytelnik: numer 116 123 w Polsce nie został potwierdzony."


def _with_note(tmp_path, note_line: str):
    root = write_curriculum(tmp_path, modules=1)
    lesson = root / "01-module-1" / "pl" / "01-first-steps.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("---\n", f"---\n{note_line}\n", 1), encoding="utf-8")
    return root


def test_reviewers_see_the_note_in_its_language_and_learners_never(tmp_path, client, reviewer,
                                                                   learner):
    version = import_curriculum(path=_with_note(tmp_path, f'board_note: "{NOTE}"')).new_versions[0]
    client.force_login(reviewer)
    url = reverse("review:lesson", args=[version.pk, "01-first-steps"])
    assert NOTE in client.get(url + "?language=pl").content.decode()
    assert NOTE not in client.get(url + "?language=en").content.decode()
    publish_without_review(version)
    client.force_login(learner)
    page = client.get(reverse("learning:lesson", args=["M01", "01-first-steps"]), follow=True)
    assert NOTE not in page.content.decode()


def test_a_note_that_is_not_a_text_is_refused_with_its_file(tmp_path):
    with pytest.raises(ContentInvalid) as refused:
        import_curriculum(path=_with_note(tmp_path, "board_note: [1, 2]"))
    assert "pl/01-first-steps.md" in str(refused.value)
    assert "board_note must be a text" in str(refused.value)
