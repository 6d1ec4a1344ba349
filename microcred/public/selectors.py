from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from microcred.public.models import NewsItem, NewsTranslation


@dataclass(frozen=True)
class LocalisedNews:
    item: NewsItem
    text: NewsTranslation
    is_fallback: bool  # shown in English because the reader's language is missing


def _published():
    return NewsItem.objects.filter(is_published=True, published_at__lte=timezone.now())


def _localise(item: NewsItem, language: str) -> LocalisedNews | None:
    by_language = {t.language: t for t in item.translations.all()}
    if language in by_language:
        return LocalisedNews(item, by_language[language], is_fallback=False)
    fallback = by_language.get(settings.LANGUAGE_CODE) or next(iter(by_language.values()), None)
    return LocalisedNews(item, fallback, is_fallback=True) if fallback else None


def list_news(*, language: str, limit: int = 20) -> list[LocalisedNews]:
    items = _published().prefetch_related(Prefetch("translations"))[:limit]
    return [news for item in items if (news := _localise(item, language))]


def get_news(*, slug: str, language: str) -> LocalisedNews:
    item = _published().prefetch_related("translations").filter(slug=slug).first()
    news = _localise(item, language) if item else None
    if news is None:
        raise Http404
    return news
