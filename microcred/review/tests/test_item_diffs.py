"""The "what changed" page compares the exam too, item by item and language by language (#15)."""

import pytest
from django.urls import reverse

from microcred.curriculum.services import import_curriculum
from microcred.curriculum.tests.content_tree import write_curriculum
from microcred.testing.course import publish_without_review

pytestmark = pytest.mark.django_db


def _changes(client, version, language: str) -> str:
    url = reverse("review:changes", args=[version.pk]) + f"?language={language}"
    return client.get(url).content.decode()


def _edit_items(root, old: str, new: str) -> None:
    path = root / "01-module-1" / "items.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def content(tmp_path):
    root = write_curriculum(tmp_path, modules=1, items=True)
    publish_without_review(import_curriculum(path=root).new_versions[0])
    return root


def test_an_english_stem_edit_is_a_change_in_english_only(client, reviewer, content):
    _edit_items(content, "Which one is a browser?", "Which app is a browser?")
    draft = import_curriculum(path=content).new_versions[0]
    client.force_login(reviewer)
    english = _changes(client, draft, "en")
    assert "Question M01-Q02" in english
    assert '<ins><span class="visually-hidden">Added: </span>app</ins>' in english
    assert "Question M01-Q01" not in english
    assert "No differences in this language." in _changes(client, draft, "pl")


def test_a_changed_answer_key_is_a_change_in_every_language(client, reviewer, content):
    _edit_items(content, "answer: true", "answer: false")
    draft = import_curriculum(path=content).new_versions[0]
    client.force_login(reviewer)
    for language in ("en", "pl"):
        page = _changes(client, draft, language)
        assert "Question M01-Q01" in page
        assert "Question M01-Q02" not in page
