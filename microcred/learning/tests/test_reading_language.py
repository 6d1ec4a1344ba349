"""A module is shown in the learner's language only when it is offered in it (#14); otherwise
the learner is told why and reads it in an offered language they choose, remembered per module."""

from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import translation

from microcred.curriculum.models import ModuleVersion
from microcred.learning.models import LearnerProfile
from microcred.learning.reading import reading_language, why_not_offered

OFFERED = {"status": "complete", "approved": True}


def _version(**languages):
    return SimpleNamespace(languages={"en": OFFERED, **languages})


def test_a_module_offered_in_the_learners_language_is_shown_in_it():
    reading = reading_language(_version(el=OFFERED), "el")
    assert reading.language == "el"
    assert reading.is_wanted


@pytest.mark.parametrize("state", [
    {"status": "outdated", "approved": True},
    {"status": "complete", "approved": False},
    {"status": "missing", "approved": False},
])
def test_a_module_not_offered_in_the_learners_language_is_shown_in_english(state):
    reading = reading_language(_version(el=state, pl=OFFERED), "el")
    assert reading.language == "en"
    assert not reading.is_wanted
    assert reading.choices == ("en", "pl")


def test_the_learner_reads_the_offered_language_they_chose_never_one_not_offered():
    version = _version(el={"status": "outdated", "approved": True}, pl=OFFERED)
    assert reading_language(version, "el", chosen="pl").language == "pl"
    assert reading_language(version, "el", chosen="el").language == "en"
    assert reading_language(version, "el", chosen="de").language == "en"


def test_the_notice_says_why_the_language_is_not_offered():
    with translation.override("en"):
        version = _version(el={"status": "outdated", "approved": True},
                           de={"status": "complete", "approved": False})
        assert why_not_offered(version, "el") == "The text in Greek is being updated."
        assert why_not_offered(version, "de") == (
            "The text in German is waiting for a final check.")
        assert why_not_offered(version, "es") == "There is no text in Spanish yet."


# Pages -------------------------------------------------------------------------------------


def _mark(code, language, status, approved=True):
    version = ModuleVersion.objects.get(module__code=code)
    version.languages = {**version.languages, language: {"status": status, "approved": approved}}
    version.save(update_fields=["languages"])


def _lesson_url(code="M01", slug="01-first-steps"):
    return reverse("learning:lesson", kwargs={"code": code, "slug": slug})


@pytest.fixture
def greek_learner(client, course, learner):
    client.force_login(learner)
    client.cookies["django_language"] = "el"
    _mark("M01", "el", "outdated")
    return learner


def test_a_greek_learner_is_told_and_reads_english_until_they_choose(client, greek_learner):
    with translation.override("el"):
        notice = why_not_offered(ModuleVersion.objects.get(module__code="M01"), "el")
    page = client.get(_lesson_url()).content.decode()
    assert notice in page
    assert 'id="reading-language"' in page
    assert '<article class="lesson" lang="en">' in page
    assert "Open the browser. Type a word." in page
    assert 'value="pl" lang="pl"' in page  # "Polski", the other offered language


def test_the_chosen_language_is_remembered_for_that_module_only(client, greek_learner):
    response = client.post(reverse("learning:module_language", args=["M01"]),
                           {"language": "pl", "next": _lesson_url()})
    assert response.status_code == 302
    assert response.url == _lesson_url()
    page = client.get(_lesson_url()).content.decode()
    assert '<article class="lesson" lang="pl">' in page
    assert "Otwórz przeglądarkę." in page
    assert LearnerProfile.objects.get(user=greek_learner).module_languages == {"M01": "pl"}
    module_page = client.get(reverse("learning:module", args=["M01"])).content.decode()
    assert 'lang="pl">Moduł M01</span>' in module_page


def test_a_language_chosen_midway_through_a_module_shows_at_once(client, greek_learner):
    # The learner has begun the module (their progress is read with their choice, in one go).
    assert '<article class="lesson" lang="en">' in client.get(_lesson_url()).content.decode()
    client.post(reverse("learning:module_language", args=["M01"]),
                {"language": "pl", "next": _lesson_url()})
    page = client.get(_lesson_url()).content.decode()
    assert '<article class="lesson" lang="pl">' in page
    assert "Otwórz przeglądarkę." in page


def test_a_language_that_is_not_offered_cannot_be_chosen(client, greek_learner):
    response = client.post(reverse("learning:module_language", args=["M01"]),
                           {"language": "el"}, follow=True)
    assert response.status_code == 200
    assert LearnerProfile.objects.filter(user=greek_learner,
                                         module_languages__M01="el").count() == 0
    assert '<article class="lesson"' not in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("learning:module", args=["M01"])


def test_the_knowledge_check_is_in_the_language_shown(client, greek_learner):
    client.post(reverse("learning:module_language", args=["M01"]), {"language": "pl"})
    client.get(_lesson_url())
    response = client.post(_lesson_url() + "check/", {"choice": "1"})
    assert response.status_code == 302


def test_an_offered_language_shows_no_notice(client, course, learner):
    client.force_login(learner)
    client.cookies["django_language"] = "pl"
    page = client.get(_lesson_url()).content.decode()
    assert 'id="reading-language"' not in page
    assert '<article class="lesson">' in page


def test_a_visitor_who_is_not_logged_in_can_choose_too(client, course):
    client.cookies["django_language"] = "el"
    _mark("M01", "el", "outdated")
    client.post(reverse("learning:module_language", args=["M01"]), {"language": "pl"})
    page = client.get(reverse("learning:module", args=["M01"])).content.decode()
    assert 'lang="pl">Moduł M01</span>' in page
    assert 'id="reading-language"' in page
