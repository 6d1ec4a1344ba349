"""Writing news: a partner's coordinators in their country's languages, administrators in any."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from microcred.accounts.models import PartnerOrganisation, User
from microcred.accounts.roles import Role
from microcred.core.page_cache import PUBLIC_CONTENT
from microcred.public.languages import languages_of_partner, platform_languages
from microcred.public.models import NewsItem, NewsTranslation

SLUG_LENGTH = 80


class NewsError(Exception):
    """News that cannot be saved; the message is shown to the author."""


@dataclass(frozen=True)
class NewsText:
    title: str
    summary: str
    body: str


def writable_languages(*, author: User, partner: PartnerOrganisation | None) -> list[str]:
    """Administrators write in every language; a partner in its country's languages."""
    if author.has_role(Role.ADMIN) or partner is None:
        return platform_languages()
    return languages_of_partner(partner)


@transaction.atomic
def save_news(
    *,
    author: User,
    item: NewsItem | None,
    partner: PartnerOrganisation | None,
    published_at: datetime,
    is_published: bool,
    texts: dict[str, NewsText],
) -> NewsItem:
    """Create or update a news item and its translations; languages left out are removed."""
    if not author.has_role(Role.ADMIN):
        # A coordinator's news always speaks for their own organisation, whatever was posted.
        if partner is None or partner.pk != author.partner_id:
            raise NewsError(_("You can only write news for your own organisation."))
        if item is not None and item.partner_id != author.partner_id:
            raise NewsError(_("You can only change your own organisation's news."))
    allowed = writable_languages(author=author, partner=partner)
    if not texts:
        raise NewsError(_("Please write the news in at least one language."))
    if any(code not in allowed for code in texts):
        raise NewsError(_("This organisation writes news only in its country's languages."))
    if item is None:
        first = texts.get("en") or next(iter(texts.values()))
        item = NewsItem(slug=_free_slug(first.title))
    item.partner = partner
    item.published_at = published_at
    item.is_published = is_published
    item.save()
    item.translations.exclude(language__in=list(texts)).delete()
    for code, text in texts.items():
        NewsTranslation.objects.update_or_create(
            news_item=item,
            language=code,
            defaults={"title": text.title, "summary": text.summary, "body": text.body},
        )
    PUBLIC_CONTENT.bump()  # published, edited or withdrawn: the public pages render it again
    return item


def _free_slug(title: str) -> str:
    """An address from the title (ASCII, as links are shared everywhere), unique on the site."""
    base = slugify(title)[:SLUG_LENGTH].strip("-") or "news"
    taken = set(NewsItem.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug
