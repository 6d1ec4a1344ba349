""""Read aloud" shows only where it can work: with JavaScript and a voice for the lesson's
language (issue #18)."""

import pytest
from django.conf import settings

from microcred.learning.models import LearnerProfile
from tests.e2e.checks import check_page, log_in_as

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LESSON = "/course/M01/01-devices-systems-and-apps/"
READ_ALOUD = "[data-read-aloud]"
# The browser's voices, as a phone with only these installed would report them.
STUB_VOICES = """
(() => {
  const voices = %s.map((lang) => ({lang, name: lang, default: false, localService: true}));
  window.speechSynthesis.getVoices = () => voices;
})();
"""


def _open_lesson(browser, live_server, learner, language, **context_options):
    context = browser.new_context(viewport={"width": 320, "height": 640},
                                  base_url=live_server.url, **context_options)
    page = context.new_page()
    log_in_as(page, live_server, learner)
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language,
                          "url": live_server.url}])
    return page


@pytest.fixture
def reader(learner, real_first_modules):
    LearnerProfile.objects.create(user=learner, onboarding_skipped_at="2026-01-01T00:00Z")
    return learner


@pytest.mark.parametrize("language", ["en", "el", "pt"])
def test_read_aloud_is_not_offered_without_javascript(browser, live_server, reader, language):
    page = _open_lesson(browser, live_server, reader, language, java_script_enabled=False)
    page.goto(LESSON)
    assert page.locator("article.lesson h1").is_visible()
    assert page.locator(READ_ALOUD).count() == 1
    assert not page.locator(READ_ALOUD).is_visible()
    page.context.close()


@pytest.mark.parametrize("language", ["en", "el", "pt"])
def test_read_aloud_is_offered_only_with_a_voice_for_the_language(
        browser, live_server, reader, language):
    with_voice = _open_lesson(browser, live_server, reader, language)
    with_voice.add_init_script(STUB_VOICES % f'["{language}-XX", "fr-FR"]')
    with_voice.goto(LESSON)
    assert with_voice.locator(READ_ALOUD).is_visible()
    check_page(with_voice)
    with_voice.context.close()

    other_voices_only = _open_lesson(browser, live_server, reader, language)
    other_voices_only.add_init_script(STUB_VOICES % '["fr-FR", "zh-CN"]')
    other_voices_only.goto(LESSON)
    other_voices_only.wait_for_load_state("load")
    assert other_voices_only.locator(READ_ALOUD).count() == 1
    assert not other_voices_only.locator(READ_ALOUD).is_visible()
    other_voices_only.context.close()
