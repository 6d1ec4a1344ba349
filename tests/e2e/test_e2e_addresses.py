"""A reloaded or bookmarked form address opens a real page on a phone, never a bare 405 (#18)."""

import pytest
from django.conf import settings

from tests.e2e.checks import check_page, log_in_as
from tests.e2e.test_e2e_first_screen import phone_page
from tests.test_learner_addresses import post_only_addresses

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_every_form_address_opens_the_page_the_form_is_on(browser, live_server, learner):
    addresses = post_only_addresses(learner)
    page = phone_page(browser, live_server)
    log_in_as(page, live_server, learner)
    for language in ["en", "el", "pt"]:
        page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language,
                                   "url": live_server.url}])
        for address, shown in addresses.items():
            response = page.goto(address)
            assert response.status == 200, address
            assert page.locator("html").get_attribute("lang") == language
            assert page.locator("main h1").count() == 1, address
            landed = page.url.removeprefix(live_server.url).split("#")[0]
            # A handed-in test's review page goes on to its result.
            assert landed == shown or (shown.endswith("/review/") and landed.endswith(
                "/result/")), (address, landed)
            check_page(page)
    page.context.close()
