"""A Greek learner is never tested in a language they did not see or choose (#14): the lesson
and the test in Greek when module 1 is offered in Greek; when its Greek text is outdated, a clear
notice, a language chosen for reading and another chosen on the test's start page; the attempt
and the credential record the language of assessment."""

import re

import pytest
from django.core.management import call_command

from microcred.assessment.models import Attempt
from microcred.assessment.tests.exam_helpers import complete_module, key_for
from microcred.credentials.models import IssuedCredential
from microcred.curriculum.models import ModuleVersion
from microcred.curriculum.text import configured_languages
from microcred.learning.models import LearnerProfile
from tests.e2e.checks import check_page, click_and_wait
from tests.e2e.test_e2e_exam import _answer

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LESSON = "/course/M01/01-devices-systems-and-apps/"


@pytest.fixture
def greek_page(browser, live_server):
    """A browser set to Greek, at the small screen size of the other journeys."""
    context = browser.new_context(viewport={"width": 360, "height": 740},
                                  base_url=live_server.url, locale="el-GR")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _greek_learner_in_course(learner, *, greek: str) -> None:
    """Module 1 (of `real_first_modules`) offered in every language but Greek, whose state is
    `greek`."""
    offered = {"status": "complete", "approved": True}
    languages = dict.fromkeys(configured_languages(), offered)
    ModuleVersion.objects.filter(module__code="M01").update(
        languages={**languages, "el": {"status": greek, "approved": True}})
    learner.preferred_language = "el"
    learner.save()
    LearnerProfile.objects.create(user=learner, onboarding_skipped_at="2026-01-01T00:00Z")


def _log_in(page, learner) -> None:
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(learner.email)
    page.locator("input[name=password]").fill("correct horse battery staple")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/learn/")


def _answer_all_and_submit(page) -> Attempt:
    page.wait_for_url("**/test/*/1/")
    attempt = Attempt.objects.get(module__code="M01", submitted_at__isnull=True)
    key = key_for(attempt)
    for number, item in enumerate(attempt.form["items"], 1):
        if number == 1:
            check_page(page)
        _answer(page, item, key[item["id"]])
        page.locator("button[name=go][value=next]").click()
        page.wait_for_load_state()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/result/")
    attempt.refresh_from_db()
    return attempt


def _credential_of(learner) -> dict:
    call_command("db_worker", "--batch", "--no-startup-delay")
    return IssuedCredential.objects.get(learner=learner, spec__module__code="M01").document


def test_a_greek_learner_reads_and_is_tested_in_greek_and_the_credential_says_greek(
    greek_page, learner, real_first_modules
):
    page = greek_page
    _greek_learner_in_course(learner, greek="complete")
    _log_in(page, learner)

    page.goto(LESSON)
    check_page(page)
    assert page.locator("#reading-language").count() == 0
    assert page.locator("article.lesson").get_attribute("lang") is None  # the page's Greek
    assert "λειτουργικό σύστημα" in page.locator("article.lesson").inner_text()

    complete_module(learner, "M01")
    page.goto("/course/M01/test/")
    check_page(page)
    assert "Ελληνικά" in page.locator("#test-language").inner_text()
    assert page.locator("input[type=radio][name=language]").count() == 0
    page.locator("main form button[type=submit]").click()
    stem = page.locator("legend.question")
    page.wait_for_url("**/test/*/1/")
    assert stem.first.get_attribute("lang") is None
    assert re.search("[α-ω]", stem.first.inner_text())

    attempt = _answer_all_and_submit(page)
    assert attempt.passed
    assert attempt.language == "el"
    achievement = _credential_of(learner)["credentialSubject"]["achievement"]
    assert achievement["assessmentLanguage"] == "el"
    page.goto("/credentials/")
    assert "Ελληνικά" in page.locator("main .card").first.inner_text()


def test_an_outdated_greek_module_is_announced_and_the_learner_chooses_the_test_language(
    greek_page, learner, real_first_modules
):
    page = greek_page
    _greek_learner_in_course(learner, greek="outdated")
    _log_in(page, learner)

    page.goto(LESSON)
    check_page(page)
    notice = page.locator("#reading-language")
    assert notice.count() == 1
    assert page.locator("article.lesson").get_attribute("lang") == "en"
    click_and_wait(page, notice.locator("button[value=de]"))
    assert page.locator("article.lesson").get_attribute("lang") == "de"
    check_page(page)
    page.goto("/course/M01/")
    assert page.locator("h1 span[lang=de]").count() == 1  # the choice holds for the module

    complete_module(learner, "M01")
    page.goto("/course/M01/test/")
    check_page(page)
    choices = page.locator("#test-language input[type=radio][name=language]")
    assert choices.count() == 6  # every language but Greek
    assert page.locator("#language-el").count() == 0
    page.locator("main form button[type=submit]").click()  # nothing chosen: the page stays
    assert Attempt.objects.count() == 0
    page.locator("label[for=language-de]").click()
    page.locator("main form button[type=submit]").click()

    page.wait_for_url("**/test/*/1/")
    assert page.locator("legend.question").first.get_attribute("lang") == "de"
    attempt = _answer_all_and_submit(page)
    assert attempt.passed
    assert attempt.language == "de"
    achievement = _credential_of(learner)["credentialSubject"]["achievement"]
    assert achievement["assessmentLanguage"] == "de"
    page.goto("/credentials/")
    assert "Γερμανικά" in page.locator("main .card").first.inner_text()
