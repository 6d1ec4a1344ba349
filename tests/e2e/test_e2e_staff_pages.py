"""Staff pages for cohorts, news and contact messages, in a real browser at 320 px.

A coordinator creates a pilot cohort, adds a learner and opens the cohort's pilot report; writes
a news item, previews it and publishes it; a visitor reading in German sees it marked as Polish.
A visitor writes to the Polish partner, by keyboard alone; the coordinator marks it answered.
The forms also work with JavaScript switched off. Every page is axe-checked.
"""

import pytest

from microcred.public.models import ContactMessage, ContactStatus, NewsItem
from microcred.review.models import Cohort, SurveyResponse
from tests.e2e.checks import check_page, click_and_wait, log_in_as

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": 320, "height": 640})
    return page


def test_a_coordinator_runs_a_pilot_cohort_and_reads_its_feedback(
    phone, live_server, coordinator, learner
):
    page = phone
    SurveyResponse.objects.create(learner=learner, module=None, language="pl")
    log_in_as(page, live_server, coordinator)
    page.goto("/account/")
    click_and_wait(page, page.locator("main a[href='/partner/cohorts/']"))
    check_page(page)
    click_and_wait(page, page.locator("main a[href='/partner/cohorts/new/']"))
    check_page(page)
    page.locator("input[name=name]").fill("Pilot Kraków")
    page.locator("input[name=starts_on]").fill("2026-03-01")
    page.locator("input[name=ends_on]").fill("2026-02-01")
    click_and_wait(page, page.locator("main form button[type=submit]"))
    assert "A cohort cannot end before it starts." in page.locator(".error-summary").inner_text()
    check_page(page)
    page.locator("input[name=ends_on]").fill("2026-06-30")
    click_and_wait(page, page.locator("main form button[type=submit]"))
    assert page.locator("h1").inner_text() == "Pilot Kraków"
    check_page(page)

    page.locator("textarea[name=emails]").fill(learner.email)
    click_and_wait(page, page.locator("form[action$='/members/'] button[type=submit]"))
    assert "1 learner added." in page.locator(".messages").inner_text()
    assert "1 of 1 learner gave feedback." in page.locator("main").inner_text()
    check_page(page)
    click_and_wait(page, page.get_by_role("link", name="Read this cohort's feedback"))
    assert "1 response in all" in page.locator("main").inner_text()
    check_page(page)
    assert Cohort.objects.get().partner == coordinator.partner


def test_a_coordinator_previews_and_publishes_news_that_a_german_reader_sees_marked(
    phone, live_server, coordinator
):
    page = phone
    log_in_as(page, live_server, coordinator)
    page.goto("/partner/news/")
    check_page(page)
    click_and_wait(page, page.locator("main a[href='/partner/news/new/']"))
    check_page(page)
    page.locator("input[name=published_at]").fill("2026-01-05T09:30")
    page.locator("input[name=is_published]").check()
    page.locator("input[name=title_pl]").fill("Ruszamy w Krakowie")
    page.locator("textarea[name=summary_pl]").fill("Pierwsze zajęcia w bibliotece.")
    page.locator("textarea[name=body_pl]").fill("## Gdzie\n\nW **bibliotece** miejskiej.")
    click_and_wait(page, page.locator("button[name=preview]"))
    preview = page.locator(".news-preview")
    assert preview.locator("h2", has_text="Gdzie").count() == 1
    assert preview.locator("strong").get_by_text("bibliotece", exact=True).count() == 1
    assert NewsItem.objects.count() == 0
    check_page(page)
    click_and_wait(page, page.locator("button[name=save]"))
    assert "The news item is saved." in page.locator(".messages").inner_text()
    check_page(page)

    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": "de", "url": live_server.url}])
    page.goto("/news/")
    card = page.locator(".card", has_text="Ruszamy w Krakowie")
    assert card.get_attribute("lang") == "pl"
    assert "Polnisch" in card.locator(".news-language-note").inner_text()
    check_page(page)
    click_and_wait(page, card.locator("a"))
    assert page.locator("article strong").get_by_text("bibliotece", exact=True).count() == 1
    check_page(page)


def test_a_visitor_writes_to_their_countrys_partner_by_keyboard_and_staff_answer(
    phone, live_server, partner, coordinator
):
    page = phone
    page.context.add_cookies([{"name": "django_language", "value": "pl", "url": live_server.url}])
    page.goto("/contact/")
    check_page(page)
    assert page.locator("select[name=country]").input_value() == "PL"
    page.locator("input[name=name]").focus()
    page.keyboard.type("Ewa")
    page.keyboard.press("Tab")
    page.keyboard.type("ewa@example.org")
    page.keyboard.press("Tab")  # the country, already Poland
    page.keyboard.press("Tab")
    page.keyboard.type("Certyfikat")
    page.keyboard.press("Tab")
    page.keyboard.type("Jak pobrać mój certyfikat?")
    page.keyboard.press("Tab")  # the honeypot is skipped; the button is next
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Fundacja Cyfrowa Szansa" in page.locator("main").inner_text()
    check_page(page)
    message = ContactMessage.objects.get()
    assert message.partner == partner

    log_in_as(page, live_server, coordinator)
    page.goto("/partner/messages/")
    check_page(page)
    click_and_wait(page, page.locator("main a", has_text="Certyfikat"))
    check_page(page)
    page.locator("input[name=status][value=answered]").check()
    click_and_wait(page, page.locator("main form button[type=submit]"))
    check_page(page)
    message.refresh_from_db()
    assert (message.status, message.answered_by) == (ContactStatus.ANSWERED, coordinator)


def test_contact_and_news_forms_work_without_javascript(browser, live_server, coordinator):
    context = browser.new_context(
        java_script_enabled=False, base_url=live_server.url, viewport={"width": 320, "height": 640}
    )
    page = context.new_page()
    try:
        page.goto("/contact/")
        page.locator("input[name=name]").fill("Sean")
        page.locator("input[name=email]").fill("sean@example.org")
        page.locator("input[name=subject]").fill("Hello")
        page.locator("textarea[name=message]").fill("A question about the course.")
        click_and_wait(page, page.locator("main form button[type=submit]"))
        assert "Thank you" in page.locator("h1").inner_text()
        assert ContactMessage.objects.count() == 1

        log_in_as(page, live_server, coordinator)
        page.goto("/partner/news/new/")
        page.locator("input[name=title_pl]").fill("Bez JavaScriptu")
        page.locator("textarea[name=summary_pl]").fill("Działa.")
        page.locator("textarea[name=body_pl]").fill("Tekst.")
        click_and_wait(page, page.locator("button[name=save]"))
        assert NewsItem.objects.get().translations.get().title == "Bez JavaScriptu"
    finally:
        context.close()
