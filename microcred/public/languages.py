"""Which of the platform's languages each partner country speaks.

Partners write news "for their country in its languages", and the contact form guesses the
sender's country from the language they read the site in. Only official languages the platform
offers are listed; a country missing here speaks its partner's default language.
"""

from django.conf import settings

from microcred.accounts.models import PartnerOrganisation

COUNTRY_LANGUAGES: dict[str, tuple[str, ...]] = {
    "AT": ("de",),
    "CY": ("el", "en"),
    "DE": ("de",),
    "ES": ("es",),
    "GR": ("el",),
    "IE": ("en",),
    "IT": ("it",),
    "LI": ("de",),
    "LU": ("de",),
    "MT": ("en",),
    "PL": ("pl",),
    "PT": ("pt",),
}


def platform_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def languages_of_partner(partner: PartnerOrganisation) -> list[str]:
    """The languages `partner` writes news in, in the platform's order of languages."""
    spoken = {*COUNTRY_LANGUAGES.get(partner.country, ()), partner.default_language}
    return [code for code in platform_languages() if code in spoken]


def partner_for_country(country: str, language: str) -> PartnerOrganisation | None:
    """The partner who answers people from `country`: the one writing in `language` if a
    country has several, else the first by name; None when no partner works there."""
    partners = list(PartnerOrganisation.objects.filter(country=country).order_by("name"))
    for partner in partners:
        if partner.default_language == language:
            return partner
    return partners[0] if partners else None


def country_for_language(language: str, partners: list[PartnerOrganisation]) -> str:
    """The partner country a reader of `language` most likely lives in ("" when none fits):
    a partner writing in that language first, else a country where it is official."""
    for partner in partners:
        if partner.default_language == language:
            return partner.country
    for partner in partners:
        if language in COUNTRY_LANGUAGES.get(partner.country, ()):
            return partner.country
    return ""
