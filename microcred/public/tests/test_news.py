from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from microcred.public.models import NewsItem, NewsTranslation

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_item():
    item = NewsItem.objects.create(
        slug="launch", is_published=True, published_at=timezone.now() - timedelta(days=1)
    )
    NewsTranslation.objects.create(
        news_item=item,
        language="en",
        title="Project starts",
        summary="Seven partners.",
        body="First paragraph.\n\nSecond.",
    )
    NewsTranslation.objects.create(
        news_item=item,
        language="pl",
        title="Projekt rusza",
        summary="Siedmiu partnerów.",
        body="Pierwszy akapit.",
    )
    return item


def test_the_news_list_shows_each_item_in_the_readers_language(client, news_item):
    client.cookies["django_language"] = "pl"
    page = client.get(reverse("public:news_list")).content.decode()
    assert "Projekt rusza" in page
    assert "Project starts" not in page


def test_a_missing_translation_falls_back_to_english_with_a_notice(client, news_item):
    client.cookies["django_language"] = "de"
    page = client.get(news_item.get_absolute_url()).content.decode()
    assert "Project starts" in page
    assert 'lang="en"' in page  # screen readers pronounce the English text as English
    assert "nicht" in page or "English" in page or "Englisch" in page


def test_unpublished_and_future_news_stay_hidden(client, news_item):
    NewsItem.objects.create(slug="draft", is_published=False)
    future = NewsItem.objects.create(
        slug="future", is_published=True, published_at=timezone.now() + timedelta(days=3)
    )
    NewsTranslation.objects.create(
        news_item=future, language="en", title="Secret plans", summary="-", body="-"
    )
    assert client.get(reverse("public:news_detail", kwargs={"slug": "draft"})).status_code == 404
    assert client.get(future.get_absolute_url()).status_code == 404
    assert "Secret plans" not in client.get(reverse("public:news_list")).content.decode()


def test_the_home_page_shows_the_latest_news(client, news_item):
    page = client.get(reverse("public:home")).content.decode()
    assert "Project starts" in page


def test_the_about_page_lists_partners_with_their_countries(client, partner, other_partner):
    page = client.get(reverse("public:about")).content.decode()
    assert "Fundacja Cyfrowa Szansa" in page
    assert "Poland" in page
    assert "Ireland" in page
