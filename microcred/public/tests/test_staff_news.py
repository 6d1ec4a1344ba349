"""Partners write news for their country in its languages, with a preview and publish dates;
the public pages render its Markdown like lessons and say when an item is in another language."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from microcred.public.models import NewsItem, NewsTranslation

pytestmark = pytest.mark.django_db

CREATE = reverse("public:staff_news_create")
TOMORROW = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
YESTERDAY = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
POLISH = {
    "published_at": YESTERDAY,
    "is_published": "on",
    "title_pl": "Ruszamy w Krakowie",
    "summary_pl": "Pierwsze zajęcia w bibliotece.",
    "body_pl": "## Gdzie\n\nW **bibliotece** miejskiej. [Zapisy](https://example.org/zapisy)",
}


def _own_news(partner, title="Nasza wiadomość"):
    item = NewsItem.objects.create(
        slug=f"n-{title[:5].lower()}-{partner.slug}",
        partner=partner,
        is_published=True,
        published_at=timezone.now() - timedelta(hours=1),
    )
    NewsTranslation.objects.create(
        news_item=item, language="pl", title=title, summary="-", body="Tekst."
    )
    return item


def test_a_coordinator_publishes_news_that_reads_like_a_lesson(client, coordinator, partner):
    client.force_login(coordinator)
    response = client.post(CREATE, {**POLISH, "save": "1"})
    item = NewsItem.objects.get()
    assert response.url == reverse("public:staff_news_edit", args=[item.pk])
    assert item.partner == partner
    assert item.slug == "ruszamy-w-krakowie"
    client.cookies["django_language"] = "pl"
    page = client.get(item.get_absolute_url()).content.decode()
    assert "<h2>Gdzie</h2>" in page
    assert "<strong>bibliotece</strong>" in page
    assert 'href="https://example.org/zapisy"' in page
    assert "Fundacja Cyfrowa Szansa" in page


def test_the_form_offers_only_the_partners_country_languages(client, coordinator):
    client.force_login(coordinator)
    page = client.get(CREATE).content.decode()
    assert 'name="title_pl"' in page
    assert 'name="title_de"' not in page
    assert 'name="partner"' not in page  # a coordinator always writes for their organisation


def test_text_in_another_language_or_for_another_partner_is_ignored_or_refused(
    client, coordinator, partner, other_partner
):
    client.force_login(coordinator)
    client.post(
        CREATE,
        {
            **POLISH,
            "title_de": "Geheim",
            "summary_de": "x",
            "body_de": "x",
            "partner": other_partner.pk,
            "save": "1",
        },
    )
    item = NewsItem.objects.get()
    assert item.partner == partner
    assert list(item.translations.values_list("language", flat=True)) == ["pl"]


def test_preview_shows_the_rendered_text_and_saves_nothing(client, coordinator):
    client.force_login(coordinator)
    page = client.post(CREATE, {**POLISH, "preview": "1"}).content.decode()
    assert "Preview (not saved yet)" in page
    assert "<strong>bibliotece</strong>" in page
    assert NewsItem.objects.count() == 0


def test_markdown_mistakes_are_named_by_line_and_nothing_is_saved(client, coordinator):
    client.force_login(coordinator)
    body = "Wstęp.\n\n# Duży tytuł\n\n<script>alert(1)</script>\n\n![](zdjecie.png)"
    response = client.post(CREATE, {**POLISH, "body_pl": body, "save": "1"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Line 3: use ## for headings" in page
    assert "Line 5: raw HTML is not allowed; use Markdown." in page
    assert "Line 7: pictures cannot be shown in news; link to them instead." in page
    assert NewsItem.objects.count() == 0


def test_a_half_filled_language_and_an_empty_form_are_refused(client, coordinator):
    client.force_login(coordinator)
    page = client.post(CREATE, {**POLISH, "summary_pl": "", "save": "1"}).content.decode()
    assert "Please fill this in too, or empty the whole language." in page
    page = client.post(CREATE, {"published_at": YESTERDAY, "save": "1"}).content.decode()
    assert "Please write the news in at least one language." in page
    page = client.post(CREATE, {**POLISH, "published_at": "31/02/2026", "save": "1"})
    assert page.status_code == 400
    assert NewsItem.objects.count() == 0


def test_scheduled_and_draft_news_wait_for_their_date(client, coordinator):
    client.force_login(coordinator)
    client.post(CREATE, {**POLISH, "published_at": TOMORROW, "save": "1"})
    item = NewsItem.objects.get()
    assert client.get(item.get_absolute_url()).status_code == 404
    assert "Scheduled" in client.get(reverse("public:staff_news")).content.decode()
    item.published_at = timezone.now() - timedelta(minutes=1)
    item.save()
    assert client.get(item.get_absolute_url()).status_code == 200


def test_an_administrator_writes_consortium_news_in_any_language(client, platform_admin):
    client.force_login(platform_admin)
    client.post(
        CREATE,
        {
            "published_at": YESTERDAY,
            "is_published": "on",
            "partner": "",
            "title_de": "Neuigkeit",
            "summary_de": "Kurz.",
            "body_de": "Text.",
            "save": "1",
        },
    )
    item = NewsItem.objects.get()
    assert item.partner is None
    assert item.translations.get().language == "de"


def test_a_coordinator_sees_and_edits_only_their_own_organisations_news(
    client, coordinator, other_partner_coordinator, partner, other_partner
):
    ours, theirs = _own_news(partner, "Nasza"), _own_news(other_partner, "Their news")
    client.force_login(coordinator)
    listing = client.get(reverse("public:staff_news")).content.decode()
    assert "Nasza" in listing
    assert "Their news" not in listing
    edit_theirs = reverse("public:staff_news_edit", args=[theirs.pk])
    assert client.get(edit_theirs).status_code == 404
    assert client.post(edit_theirs, {**POLISH, "save": "1"}).status_code == 404
    assert theirs.translations.get().title == "Their news"
    response = client.post(
        reverse("public:staff_news_edit", args=[ours.pk]),
        {**POLISH, "title_pl": "Zmieniona", "save": "1"},
    )
    assert response.status_code == 302
    assert ours.translations.get().title == "Zmieniona"


@pytest.mark.parametrize("persona", ["learner", "issuer", "reviewer"])
def test_learners_issuers_and_reviewers_do_not_get_in(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("public:staff_news")).status_code == 403
    assert client.post(CREATE, {**POLISH, "save": "1"}).status_code == 403
    assert NewsItem.objects.count() == 0


def test_the_list_says_when_an_item_is_not_in_the_readers_language(client, partner):
    _own_news(partner, "Tylko po polsku")
    client.cookies["django_language"] = "de"
    page = client.get(reverse("public:news_list")).content.decode()
    assert "Tylko po polsku" in page
    assert 'lang="pl"' in page
    assert "Polnisch" in page  # the note names the language in the reader's language
