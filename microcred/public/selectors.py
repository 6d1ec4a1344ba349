from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Min, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property

from microcred.accounts.models import User
from microcred.accounts.roles import Role
from microcred.public import news_markdown
from microcred.public.models import ContactMessage, NewsItem, NewsTranslation


@dataclass(frozen=True)
class LocalisedNews:
    item: NewsItem
    text: NewsTranslation
    is_fallback: bool  # shown in another language because the reader's language is missing

    @cached_property
    def body_html(self) -> str:
        return news_markdown.render(self.text.body)


def _published():
    return NewsItem.objects.filter(
        is_published=True, published_at__lte=timezone.now()
    ).select_related("partner")


def _localise(item: NewsItem, language: str) -> LocalisedNews | None:
    by_language = {t.language: t for t in item.translations.all()}
    if language in by_language:
        return LocalisedNews(item, by_language[language], is_fallback=False)
    fallback = by_language.get(settings.LANGUAGE_CODE) or next(iter(by_language.values()), None)
    return LocalisedNews(item, fallback, is_fallback=True) if fallback else None


def list_news(*, language: str, limit: int = 20) -> list[LocalisedNews]:
    items = _published().prefetch_related(Prefetch("translations"))[:limit]
    return [news for item in items if (news := _localise(item, language))]


def next_scheduled_news() -> datetime | None:
    """When the next news item published for a later time appears on the site, if any."""
    return NewsItem.objects.filter(is_published=True, published_at__gt=timezone.now()).aggregate(
        first=Min("published_at")
    )["first"]


def get_news(*, slug: str, language: str) -> LocalisedNews:
    item = _published().prefetch_related("translations").filter(slug=slug).first()
    news = _localise(item, language) if item else None
    if news is None:
        raise Http404
    return news


# Staff pages -------------------------------------------------------------------------------


def _partner_scope(user: User) -> int | None:
    """None for platform administrators (everything), else the coordinator's organisation;
    anyone else is refused."""
    if not user.is_authenticated:
        raise PermissionDenied
    if user.has_role(Role.ADMIN):
        return None
    if user.has_role(Role.COORDINATOR) and user.partner_id is not None:
        return user.partner_id
    raise PermissionDenied


def news_visible_to(user: User) -> QuerySet[NewsItem]:
    """All news for platform administrators, their own organisation's for a coordinator."""
    partner_id = _partner_scope(user)
    items = NewsItem.objects.select_related("partner").prefetch_related("translations")
    return items if partner_id is None else items.filter(partner_id=partner_id)


def access_news(user: User, news_id: int) -> NewsItem:
    """The news item, if `user` may edit it; 404 otherwise (never reveal that it exists)."""
    try:
        return news_visible_to(user).get(pk=news_id)
    except NewsItem.DoesNotExist:
        raise Http404 from None


def contact_messages_visible_to(user: User) -> QuerySet[ContactMessage]:
    """Every message for platform administrators (those to the consortium too), the messages
    routed to their own organisation for a coordinator."""
    partner_id = _partner_scope(user)
    messages = ContactMessage.objects.select_related("partner", "answered_by")
    return messages if partner_id is None else messages.filter(partner_id=partner_id)


def access_contact_message(user: User, message_id: int) -> ContactMessage:
    try:
        return contact_messages_visible_to(user).get(pk=message_id)
    except ContactMessage.DoesNotExist:
        raise Http404 from None
