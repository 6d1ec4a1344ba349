"""Anonymous public pages come from the page cache (decision 0029): never stale after a change,
in the visitor's own language and text size, with the visitor's own CSRF token, and never a
logged-in user's page or a page with someone's messages on it."""

import re
import time
from datetime import timedelta

import pytest
from django.contrib.admin.sites import site as admin_site
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from microcred.accounts.models import PartnerOrganisation
from microcred.core.page_cache import CSRF_PLACEHOLDER
from microcred.curriculum.models import Curriculum
from microcred.public.models import NewsItem, NewsTranslation
from microcred.public.services_news import NewsText, save_news

pytestmark = pytest.mark.django_db

HOME = reverse("public:home")
ABOUT = reverse("public:about")
NEWS = reverse("public:news_list")
COURSE = reverse("learning:course")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def news_item():
    item = NewsItem.objects.create(
        slug="launch", is_published=True, published_at=timezone.now() - timedelta(days=1)
    )
    NewsTranslation.objects.create(
        news_item=item, language="en", title="Project starts", summary="Seven partners.", body="-"
    )
    NewsTranslation.objects.create(
        news_item=item, language="pl", title="Projekt rusza", summary="Siedmiu.", body="-"
    )
    return item


def _page(client: Client, url: str = HOME, **extra: str) -> str:
    response = client.get(url, **extra)
    assert response.status_code == 200
    return response.content.decode()


def _reads_news(client: Client, url: str = HOME) -> bool:
    """Whether the page was rendered (it read the news) rather than served from the cache."""
    with CaptureQueriesContext(connection) as queries:
        _page(client, url)
    return any("public_newsitem" in query["sql"] for query in queries)


def _texts(title: str) -> dict[str, NewsText]:
    return {"en": NewsText(title=title, summary="Summary.", body="Body.")}


def test_the_second_anonymous_visit_is_served_without_reading_the_news(client, news_item):
    assert _reads_news(client)
    assert not _reads_news(client)
    assert not _reads_news(Client())  # another visitor, same page
    assert "Project starts" in _page(client)


def test_a_cached_page_shows_news_once_it_is_published_edited_and_withdrawn(
    client, news_item, platform_admin
):
    for url in (HOME, NEWS):
        _page(client, url)  # cached
    published_at = timezone.now() - timedelta(minutes=1)

    def save(item, title: str, *, is_published: bool = True):
        return save_news(author=platform_admin, item=item, partner=None,
                         published_at=published_at, is_published=is_published,
                         texts=_texts(title))

    item = save(None, "Fresh news")
    assert "Fresh news" in _page(client, HOME)
    assert "Fresh news" in _page(client, NEWS)
    assert "Fresh news" in _page(client, item.get_absolute_url())
    save(item, "Corrected news")
    assert "Corrected news" in _page(client, HOME)
    assert "Corrected news" in _page(client, item.get_absolute_url())
    save(item, "Corrected news", is_published=False)
    assert "Corrected news" not in _page(client, HOME)
    assert "Corrected news" not in _page(client, NEWS)
    assert client.get(item.get_absolute_url()).status_code == 404


def test_news_and_partners_changed_in_the_admin_show_at_once(client, news_item, partner):
    request = RequestFactory().post("/admin/")
    assert "Fundacja Cyfrowa Szansa" in _page(client, ABOUT)
    _page(client, HOME)
    partner.name = "Fundacja Nowa Nazwa"
    admin_site._registry[PartnerOrganisation].save_model(request, partner, None, True)
    assert "Fundacja Nowa Nazwa" in _page(client, ABOUT)
    news_item.is_published = False
    admin_site._registry[NewsItem].save_model(request, news_item, None, True)
    assert "Project starts" not in _page(client, HOME)
    admin_site._registry[PartnerOrganisation].delete_queryset(
        request, PartnerOrganisation.objects.filter(pk=partner.pk)
    )
    assert "Fundacja Nowa Nazwa" not in _page(client, ABOUT)


def test_news_published_for_a_later_time_appears_then_without_any_write(client, news_item):
    soon = NewsItem.objects.create(
        slug="soon", is_published=True, published_at=timezone.now() + timedelta(seconds=1.5)
    )
    NewsTranslation.objects.create(
        news_item=soon, language="en", title="Scheduled news", summary="-", body="-"
    )
    assert "Scheduled news" not in _page(client, HOME)
    assert "Scheduled news" not in _page(client, HOME)
    time.sleep(1.6)
    assert "Scheduled news" in _page(client, HOME)


def test_each_visitor_gets_the_page_in_their_language(client, news_item):
    client.cookies["django_language"] = "pl"
    assert "Projekt rusza" in _page(client)
    english, german = Client(), Client(HTTP_ACCEPT_LANGUAGE="de")
    assert "Project starts" in _page(english)
    assert '<html lang="de">' in _page(german)
    assert "Projekt rusza" in _page(client)  # each language has its own entry
    response = german.get(HOME)
    assert response["Content-Language"] == "de"
    assert {"Accept-Language", "Cookie"} <= {name.strip() for name in response["Vary"].split(",")}


def test_a_page_from_the_cache_has_the_headers_of_a_rendered_one(news_item):
    rendered, cached = Client().get(HOME), Client().get(HOME)
    assert dict(rendered.headers) == dict(cached.headers)
    assert set(rendered.cookies) == set(cached.cookies) == {"csrftoken"}
    assert rendered.content != cached.content  # each with its own token
    assert TOKEN.sub("", rendered.content.decode()) == TOKEN.sub("", cached.content.decode())


def test_larger_text_is_cached_apart_from_normal_text(client):
    client.cookies["text_size"] = "large"
    assert 'class="text-large"' in _page(client)
    assert 'class="text-normal"' in _page(Client())
    assert 'class="text-large"' in _page(client)


def test_two_visitors_never_share_a_csrf_token(news_item):
    first, second = Client(), Client()
    pages = [_page(first), _page(second), _page(first), _page(second)]
    assert all(CSRF_PLACEHOLDER not in page for page in pages)
    first_tokens = set(TOKEN.findall(pages[0]) + TOKEN.findall(pages[2]))
    second_tokens = set(TOKEN.findall(pages[1]) + TOKEN.findall(pages[3]))
    assert first_tokens
    assert second_tokens
    assert first_tokens.isdisjoint(second_tokens)
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


def test_the_language_form_on_a_cached_page_posts_with_the_token_it_carries(news_item):
    Client().get(HOME)  # someone else filled the cache
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.get(HOME)
    assert "csrftoken" in response.cookies  # set on a page from the cache, as on any other
    token = TOKEN.search(response.content.decode()).group(1)
    answer = visitor.post(
        reverse("accounts:set_language"),
        {"csrfmiddlewaretoken": token, "language": "pl", "next": HOME},
    )
    assert answer.status_code == 302
    assert "Projekt rusza" in _page(visitor)
    stranger = Client(enforce_csrf_checks=True)
    stranger.get(HOME)
    refused = stranger.post(
        reverse("accounts:set_language"),
        {"csrfmiddlewaretoken": token + "x", "language": "pl", "next": HOME},
    )
    assert refused.status_code == 403


def test_a_logged_in_user_never_gets_nor_fills_the_anonymous_page(client, learner, news_item):
    client.force_login(learner)
    assert "Go to my account" in _page(client)
    anonymous = Client()
    assert _reads_news(anonymous)  # the learner's visits stored nothing
    assert "Go to my account" not in _page(anonymous)
    assert "Go to my account" in _page(client)
    assert _reads_news(client)  # rendered for the learner, never from the cache


def test_a_page_with_a_message_for_the_visitor_is_never_cached(client, learner, news_item):
    Client().get(HOME)  # cached without any message
    client.force_login(learner)
    response = client.post(reverse("account_logout"), follow=True)
    assert response.redirect_chain[-1][0] == HOME
    assert "You have signed out." in response.content.decode()
    assert "You have signed out." not in _page(client)  # shown once
    assert "You have signed out." not in _page(Client())


def test_head_requests_are_served_and_query_strings_are_rendered_afresh(client, news_item):
    _page(client)
    assert client.head(HOME).status_code == 200
    assert _reads_news(client, HOME + "?utm_source=newsletter")
    assert not _reads_news(client, HOME)


def test_the_course_page_shows_a_new_course_title_and_the_learners_own_cards(
    client, small_course, platform_admin, learner
):
    curriculum = Curriculum.objects.get()
    assert "M01" in _page(client, COURSE)
    curriculum.title = {"en": "Digital skills for everyone"}
    admin_site._registry[Curriculum].save_model(
        RequestFactory().post("/admin/"), curriculum, None, True
    )
    assert "Digital skills for everyone" in _page(client, COURSE)
    client.force_login(learner)
    with CaptureQueriesContext(connection) as queries:
        _page(client, COURSE)
    assert any("learning_" in query["sql"] for query in queries)  # the learner's progress
