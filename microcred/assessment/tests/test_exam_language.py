"""The learner is never tested in a language they did not see or choose (#14): the start page
states the test's language, or asks for it when the learner's own is not offered; the attempt
records it and every question is shown in it."""

import re
import shutil
from dataclasses import replace
from types import SimpleNamespace

import pytest
import yaml
from django.conf import settings
from django.urls import reverse

from microcred.assessment.exam_language import ExamLanguage, exam_languages
from microcred.assessment.models import Attempt
from microcred.assessment.tests.exam_helpers import complete_module
from microcred.curriculum.models import ModuleVersion
from microcred.testing.course import publish_without_review

OFFERED = {"status": "complete", "approved": True}
ALL = ("en", "pl", "el", "de", "es", "it", "pt")


def _version(**states):
    return SimpleNamespace(languages={code: states.get(code, OFFERED) for code in ALL})


def test_a_test_runs_only_in_offered_languages_its_items_are_written_in(m01_bank):
    assert exam_languages(_version(), m01_bank) == list(ALL)
    outdated = _version(el={"status": "outdated", "approved": True},
                        de={"status": "complete", "approved": False})
    assert exam_languages(outdated, m01_bank) == ["en", "pl", "es", "it", "pt"]
    first = m01_bank.items[0]
    untranslated = replace(first, stem={"en": first.stem["en"]})
    bank = replace(m01_bank, items=(untranslated, *m01_bank.items[1:]))
    assert exam_languages(_version(), bank) == ["en"]


def test_the_learners_own_language_needs_no_choice_another_must_be_chosen():
    own = ExamLanguage("el", ("en", "el"))
    assert own.language == "el"
    assert not own.must_choose
    assert own.resolve("en") == "el"  # a stray field cannot switch the shown language
    other = ExamLanguage("el", ("en", "pl"))
    assert other.language is None
    assert other.must_choose
    assert other.resolve("") is None
    assert other.resolve("el") is None
    assert other.resolve("pl") == "pl"
    assert not ExamLanguage("el", ()).must_choose


# Pages -------------------------------------------------------------------------------------


@pytest.fixture
def module_one(tmp_path, db):
    """Module 1 of the real course, in its seven languages, published with its item bank."""
    from microcred.curriculum.services import import_curriculum

    source = settings.CURRICULUM_CONTENT_DIR
    curriculum = yaml.safe_load((source / "curriculum.yaml").read_text(encoding="utf-8"))
    curriculum["modules"] = curriculum["modules"][:1]
    (tmp_path / "curriculum.yaml").write_text(yaml.safe_dump(curriculum, allow_unicode=True),
                                              encoding="utf-8")
    shutil.copytree(source / curriculum["modules"][0], tmp_path / curriculum["modules"][0])
    import_curriculum(path=tmp_path)
    for version in ModuleVersion.objects.all():
        publish_without_review(version)
    return ModuleVersion.objects.get(module__code="M01")


@pytest.fixture
def greek(client, module_one, learner):
    complete_module(learner)
    client.force_login(learner)
    client.cookies["django_language"] = "el"
    return learner


def _mark_greek(version, state):
    version.languages = {**version.languages, "el": state}
    version.save(update_fields=["languages"])


def _questions_html(client, attempt):
    return [client.get(reverse("assessment:question", args=[attempt.pk, number])).content.decode()
            for number in range(1, len(attempt.form["items"]) + 1)]


def test_a_greek_learner_is_told_the_test_is_in_greek_and_every_question_is(client, greek):
    page = client.get(reverse("assessment:overview", args=["M01"])).content.decode()
    assert re.search(r'id="test-language">[^<]*Ελληνικά', page)
    assert 'type="radio" name="language"' not in page
    client.post(reverse("assessment:start", args=["M01"]))
    attempt = Attempt.objects.get()
    assert attempt.language == "el"
    for html in _questions_html(client, attempt):
        form = html.split('class="question-form"')[1]
        assert 'lang="' not in form  # every text in the page's own language, Greek
        assert re.search("[α-ω]{4,}", form)


def test_an_outdated_translation_makes_the_learner_choose_and_the_test_runs_in_the_choice(
    client, greek, module_one
):
    _mark_greek(module_one, {"status": "outdated", "approved": True})
    page = client.get(reverse("assessment:overview", args=["M01"])).content.decode()
    assert 'type="radio" name="language"' in page
    assert 'id="language-el"' not in page
    assert '<span lang="de">Deutsch</span>' in page

    client.post(reverse("assessment:start", args=["M01"]))  # no language picked
    assert not Attempt.objects.exists()
    client.post(reverse("assessment:start", args=["M01"]), {"language": "el"})
    assert not Attempt.objects.exists()

    client.post(reverse("assessment:start", args=["M01"]), {"language": "de"})
    attempt = Attempt.objects.get()
    assert attempt.language == "de"
    for html in _questions_html(client, attempt):
        form = html.split('class="question-form"')[1]
        assert 'lang="en"' not in form
        assert 'lang="de"' in form
    overview = client.get(reverse("assessment:overview", args=["M01"])).content.decode()
    assert "Deutsch" in overview or "Γερμανικά" in overview
