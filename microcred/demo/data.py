"""Demo data: the consortium's 7 partners, one account per role, news in several languages.

Everything is created with update_or_create on natural keys, so loading twice changes nothing.
"""

from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from microcred.accounts.models import PartnerOrganisation, User
from microcred.accounts.roles import Role
from microcred.accounts.services import assign_role
from microcred.curriculum.models import Module, VersionState
from microcred.curriculum.services import import_curriculum, publish_version
from microcred.public.models import NewsItem, NewsTranslation

DEMO_PASSWORD = "microcred-demo"  # noqa: S105 - printed on purpose: demo accounts only
# A fixed authenticator secret for demo staff, so anyone trying the demo can log in as staff:
# `manage.py demo_totp` prints the current code. Never used outside demo data.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105

PARTNERS = [
    # slug, name, country, city, language, website
    ("ie", "Dublin Adult Learning Network", "IE", "Dublin", "en", "https://example.org/ie"),
    ("pl", "Fundacja Cyfrowa Szansa", "PL", "Kraków", "pl", "https://example.org/pl"),
    (
        "gr",
        "Κέντρο Δια Βίου Μάθησης Θεσσαλονίκης",
        "GR",
        "Θεσσαλονίκη",
        "el",
        "https://example.org/gr",
    ),
    ("de", "Volkshochschule Digital Leipzig", "DE", "Leipzig", "de", "https://example.org/de"),
    ("es", "Asociación Aprende Digital", "ES", "Valencia", "es", "https://example.org/es"),
    (
        "it",
        "Centro per l'Educazione degli Adulti di Bologna",
        "IT",
        "Bologna",
        "it",
        "https://example.org/it",
    ),
    ("pt", "Associação Competências Digitais", "PT", "Porto", "pt", "https://example.org/pt"),
]

NEWS = [
    (
        "project-launch",
        30,
        {
            "en": (
                "Digital Citizens of Europe 4.0 starts",
                "Seven organisations in seven countries join forces to help 1,400 adults "
                "build digital skills.",
                "The partnership brings together adult-education organisations from Ireland, "
                "Poland, Greece, Germany, Spain, Italy and Portugal.\n\nOver the next two years "
                "we will offer a free online course in 13 modules, reviewed by a Scientific "
                "Advisory Board, and award European micro-credentials that anyone can verify.",
            ),
            "pl": (
                "Rusza projekt Digital Citizens of Europe 4.0",
                "Siedem organizacji z siedmiu krajów łączy siły, by pomóc 1400 dorosłym "
                "rozwinąć umiejętności cyfrowe.",
                "W partnerstwie działają organizacje edukacji dorosłych z Irlandii, Polski, "
                "Grecji, Niemiec, Hiszpanii, Włoch i Portugalii.\n\nPrzez dwa lata będziemy "
                "prowadzić bezpłatny kurs online złożony z 13 modułów, sprawdzonych przez "
                "Naukową Radę Doradczą, i wydawać europejskie mikropoświadczenia, które każdy "
                "może zweryfikować.",
            ),
            "el": (
                "Ξεκινά το Digital Citizens of Europe 4.0",
                "Επτά οργανισμοί από επτά χώρες ενώνουν τις δυνάμεις τους για να βοηθήσουν "
                "1.400 ενήλικες να αναπτύξουν ψηφιακές δεξιότητες.",
                "Η σύμπραξη φέρνει κοντά οργανισμούς εκπαίδευσης ενηλίκων από την Ιρλανδία, "
                "την Πολωνία, την Ελλάδα, τη Γερμανία, την Ισπανία, την Ιταλία και την "
                "Πορτογαλία.\n\nΤα επόμενα δύο χρόνια θα προσφέρουμε ένα δωρεάν διαδικτυακό "
                "μάθημα 13 ενοτήτων και ευρωπαϊκά μικροδιαπιστευτήρια που μπορεί να "
                "επαληθεύσει οποιοσδήποτε.",
            ),
        },
    ),
    (
        "advisory-board-meets",
        12,
        {
            "en": (
                "The Scientific Advisory Board reviews the first modules",
                "Experts from every partner check that each module is accurate, current and "
                "easy to follow.",
                "Before any learner sees a module, the Board reviews it for factual accuracy, "
                "relevance to adults with low or medium digital skills, plain language and "
                "accessibility.\n\nThe first modules are now in review.",
            ),
            "de": (
                "Der wissenschaftliche Beirat prüft die ersten Module",
                "Fachleute aller Partner prüfen, ob jedes Modul korrekt, aktuell und leicht "
                "verständlich ist.",
                "Bevor Lernende ein Modul sehen, prüft der Beirat es auf sachliche Richtigkeit, "
                "Nutzen für Erwachsene mit geringen oder mittleren digitalen Kompetenzen, "
                "einfache Sprache und Barrierefreiheit.\n\nDie ersten Module sind jetzt in "
                "Prüfung.",
            ),
            "es": (
                "El Consejo Asesor Científico revisa los primeros módulos",
                "Expertos de todos los socios comprueban que cada módulo sea correcto, "
                "actual y fácil de seguir.",
                "Antes de que ningún participante vea un módulo, el Consejo lo revisa: "
                "exactitud, utilidad para personas adultas con competencias digitales bajas "
                "o medias, lenguaje claro y accesibilidad.\n\nLos primeros módulos ya están "
                "en revisión.",
            ),
        },
    ),
]


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str


@transaction.atomic
def load_demo() -> list[DemoLogin]:
    partners = {slug: _partner(slug, *rest) for slug, *rest in PARTNERS}
    logins: list[DemoLogin] = []
    for slug, partner in partners.items():
        logins.append(_account(f"learner-{slug}@example.org", partner, None, "Learner"))
        logins.append(
            _account(f"coordinator-{slug}@example.org", partner, Role.COORDINATOR, "Coordinator")
        )
        logins.append(_account(f"reviewer-{slug}@example.org", partner, Role.REVIEWER, "Reviewer"))
    logins.append(_account("issuer@example.org", partners["pl"], Role.ISSUER, "Issuer"))
    logins.append(_account("admin@example.org", None, Role.ADMIN, "Administrator"))
    for slug, days_ago, texts in NEWS:
        _news(slug, days_ago, texts)
    load_course()
    return logins


def load_course() -> None:
    """Import the 13-module course and publish each module's newest draft.

    In a real deployment the Advisory Board approves each version first; the demo stands in
    for that review so that learners have a course to try.
    """
    import_curriculum(path=settings.CURRICULUM_CONTENT_DIR)
    for module in Module.objects.all():
        latest = module.versions.order_by("-number").first()
        if latest is not None and latest.state == VersionState.DRAFT:
            publish_version(version=latest, actor=None)


def _partner(
    slug: str, name: str, country: str, city: str, language: str, website: str
) -> PartnerOrganisation:
    partner, _ = PartnerOrganisation.objects.update_or_create(
        slug=slug,
        defaults={
            "name": name,
            "country": country,
            "city": city,
            "default_language": language,
            "website": website,
            "contact_email": f"contact-{slug}@example.org",
        },
    )
    return partner


def _account(
    email: str, partner: PartnerOrganisation | None, role: Role | None, label: str
) -> DemoLogin:
    country = partner.get_country_display() if partner else ""
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "full_name": f"Demo {label} {country}".strip(),
            "partner": partner,
            "preferred_language": partner.default_language if partner else "en",
            "is_staff": role == Role.ADMIN,
            "is_superuser": role == Role.ADMIN,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if role is not None:
        assign_role(user=user, role=role)
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
    return DemoLogin(role=str(role.label if role else Role.LEARNER.label), email=email)


def _news(slug: str, days_ago: int, texts: dict[str, tuple[str, str, str]]) -> None:
    item, _ = NewsItem.objects.update_or_create(
        slug=slug,
        defaults={"is_published": True},
        create_defaults={
            "is_published": True,
            "published_at": timezone.now() - timedelta(days=days_ago),
        },
    )
    for language, (title, summary, body) in texts.items():
        NewsTranslation.objects.update_or_create(
            news_item=item,
            language=language,
            defaults={"title": title, "summary": summary, "body": body},
        )
