"""The wallet says in one plain line what each download is for, on a small phone (issue #18)."""

import pytest
from django.conf import settings

from tests.e2e.checks import check_page, open_wallet_with_a_credential

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize("language", ["en", "el", "pt"])
def test_every_download_in_the_wallet_says_what_it_is_for(page, learner, live_server, language,
                                                           real_first_modules):
    page.set_viewport_size({"width": 320, "height": 640})
    open_wallet_with_a_credential(page, learner)
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language,
                               "url": live_server.url}])
    page.reload()
    page.locator("details:has(a[href$='-elm.json']) summary").click()
    downloads = page.locator(".credential-list .download-list li")
    hrefs = [downloads.nth(i).locator("a").get_attribute("href") for i in range(downloads.count())]
    assert [href.rsplit(".", 1)[-1] for href in hrefs if "/credentials/" in href] == [
        "pdf", "json", "json"]  # certificate, credential file, Europass version
    for i in range(downloads.count()):
        line = downloads.nth(i).locator("p")
        assert line.is_visible()
        assert len(line.inner_text().split()) >= 5, hrefs[i]
    if language == "en":
        assert "print" in downloads.nth(0).inner_text()
        assert "Europass" in downloads.nth(3).inner_text()
    check_page(page)
