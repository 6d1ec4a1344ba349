"""Demo data: the consortium's 7 partners, one account per role, news in the 7 languages.

Everything is created with update_or_create on natural keys, so loading twice changes nothing.
"""

from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from microcred.accounts.models import PartnerOrganisation, User
from microcred.accounts.roles import Role
from microcred.accounts.services import assign_role
from microcred.assessment import banks
from microcred.assessment.draw import replay
from microcred.assessment.grading import answer_key
from microcred.assessment.services import start_attempt, submit_attempt
from microcred.core.page_cache import PUBLIC_CONTENT
from microcred.credentials.models import CredentialSpec, IssuedCredential
from microcred.credentials.services import (
    issue_course_credential_if_complete,
    issue_for_attempt,
    revoke_credential,
    sync_specs,
)
from microcred.curriculum.models import Module, VersionState
from microcred.curriculum.services import import_curriculum
from microcred.learning.models import LearnerProfile, ModuleProgress
from microcred.public.models import NewsItem, NewsTranslation
from microcred.review.models import (
    BoardMembership,
    DecisionKind,
    ReviewChecklistItem,
    ReviewDecision,
)
from microcred.review.selectors import current_board
from microcred.review.services import publish, record_decision, submit_for_review
from microcred.review.services_board import add_board_member

DEMO_ADMIN = "admin@example.org"
# The states of a newest version that the demo Board takes on to publication; a version some
# demo reviewer asked to change, or one that was withdrawn, stays as it is.
DEMO_REVIEWS = {VersionState.DRAFT, VersionState.IN_REVIEW, VersionState.APPROVED}
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
                "Επτά οργανισμοί από επτά χώρες ενώνουν τις δυνάμεις τους για να βοηθήσουν 1.400 "
                "ενήλικες να αναπτύξουν ψηφιακές δεξιότητες.",
                "Η σύμπραξη φέρνει κοντά οργανισμούς εκπαίδευσης ενηλίκων από την Ιρλανδία, την "
                "Πολωνία, την Ελλάδα, τη Γερμανία, την Ισπανία, την Ιταλία και την "
                "Πορτογαλία.\n\nΤα επόμενα δύο χρόνια θα προσφέρουμε ένα δωρεάν διαδικτυακό "
                "μάθημα 13 ενοτήτων, που το ελέγχει μια Επιστημονική Συμβουλευτική Επιτροπή, και "
                "θα απονέμουμε ευρωπαϊκά μικροδιαπιστευτήρια που μπορεί να επαληθεύσει "
                "οποιοσδήποτε.",
            ),
            "de": (
                "Digital Citizens of Europe 4.0 startet",
                "Sieben Organisationen aus sieben Ländern tun sich zusammen, um 1.400 "
                "Erwachsenen zu mehr digitalen Kompetenzen zu verhelfen.",
                "In der Partnerschaft arbeiten Einrichtungen der Erwachsenenbildung aus Irland, "
                "Polen, Griechenland, Deutschland, Spanien, Italien und Portugal zusammen.\n\nIn "
                "den nächsten zwei Jahren bieten wir einen kostenlosen Online-Kurs mit 13 "
                "Modulen an, die ein wissenschaftlicher Beirat prüft. Wir vergeben europäische "
                "Micro-Credentials, die jede und jeder überprüfen kann.",
            ),
            "es": (
                "Arranca Digital Citizens of Europe 4.0",
                "Siete organizaciones de siete países unen fuerzas para ayudar a 1400 personas "
                "adultas a mejorar sus competencias digitales.",
                "La asociación reúne a entidades de educación de personas adultas de Irlanda, "
                "Polonia, Grecia, Alemania, España, Italia y Portugal.\n\nDurante los próximos "
                "dos años ofreceremos un curso online gratuito de 13 módulos, revisado por un "
                "Consejo Asesor Científico, y concederemos microcredenciales europeas que "
                "cualquiera puede verificar.",
            ),
            "it": (
                "Parte Digital Citizens of Europe 4.0",
                "Sette organizzazioni di sette Paesi uniscono le forze per aiutare 1.400 adulti "
                "a sviluppare competenze digitali.",
                "Il partenariato riunisce enti di educazione degli adulti di Irlanda, Polonia, "
                "Grecia, Germania, Spagna, Italia e Portogallo.\n\nNei prossimi due anni "
                "offriremo un corso online gratuito in 13 moduli, revisionato da un Comitato "
                "scientifico consultivo, e rilasceremo microcredenziali europee che chiunque può "
                "verificare.",
            ),
            "pt": (
                "Arranca o projeto Digital Citizens of Europe 4.0",
                "Sete organizações de sete países juntam forças para ajudar 1400 adultos a "
                "desenvolver competências digitais.",
                "A parceria junta organizações de educação de adultos da Irlanda, da Polónia, da "
                "Grécia, da Alemanha, de Espanha, de Itália e de Portugal.\n\nNos próximos dois "
                "anos, vamos oferecer um curso online gratuito com 13 módulos, revisto por um "
                "Conselho Científico Consultivo, e atribuir microcredenciais europeias que "
                "qualquer pessoa pode verificar.",
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
            "pl": (
                "Naukowa Rada Doradcza sprawdza pierwsze moduły",
                "Eksperci ze wszystkich organizacji partnerskich sprawdzają, czy każdy moduł "
                "jest rzetelny, aktualny i łatwy do zrozumienia.",
                "Zanim ktokolwiek z uczących się zobaczy moduł, Rada sprawdza jego poprawność "
                "merytoryczną, przydatność dla dorosłych o niskich lub średnich umiejętnościach "
                "cyfrowych, prosty język i dostępność.\n\nPierwsze moduły są teraz recenzowane.",
            ),
            "el": (
                "Η Επιστημονική Συμβουλευτική Επιτροπή ελέγχει τις πρώτες ενότητες",
                "Ειδικοί από κάθε εταίρο ελέγχουν ότι κάθε ενότητα είναι ακριβής, επίκαιρη και "
                "εύκολη στην κατανόηση.",
                "Πριν δει μια ενότητα οποιοσδήποτε εκπαιδευόμενος, η Επιτροπή την ελέγχει για "
                "την ακρίβεια των στοιχείων, τη χρησιμότητά της για ενήλικες με χαμηλές ή "
                "μέτριες ψηφιακές δεξιότητες, την απλή γλώσσα και την προσβασιμότητα.\n\nΟι "
                "πρώτες ενότητες ελέγχονται ήδη.",
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
            "it": (
                "Il Comitato scientifico consultivo esamina i primi moduli",
                "Esperti di tutti i partner controllano che ogni modulo sia corretto, aggiornato "
                "e facile da seguire.",
                "Prima che un modulo arrivi a chi apprende, il Comitato ne controlla la "
                "correttezza dei contenuti, l'utilità per gli adulti con competenze digitali "
                "basse o medie, il linguaggio chiaro e l'accessibilità.\n\nI primi moduli sono "
                "ora in revisione.",
            ),
            "pt": (
                "O Conselho Científico Consultivo analisa os primeiros módulos",
                "Especialistas de todos os parceiros verificam se cada módulo está correto, "
                "atualizado e é fácil de acompanhar.",
                "Antes de qualquer formando ver um módulo, o Conselho analisa o rigor dos "
                "factos, a utilidade para adultos com competências digitais baixas ou médias, a "
                "linguagem simples e a acessibilidade.\n\nOs primeiros módulos já estão em "
                "análise.",
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
    # Publishes what the Board approved (reviewers approve, they do not publish).
    logins.append(_account("content-manager@example.org", partners["ie"], Role.CONTENT_MANAGER,
                           "Content manager"))
    logins.append(_account(DEMO_ADMIN, None, Role.ADMIN, "Administrator"))
    for slug, days_ago, texts in NEWS:
        _news(slug, days_ago, texts)
    PUBLIC_CONTENT.bump()  # partners and news: the public pages render them again
    load_course()
    _demo_credentials()
    return logins


DEMO_HOLDER = "learner-pl@example.org"
DEMO_PASSED = ["M01", "M02", "M03"]
DEMO_REVOKED = "M03"
# The partner that awards and signs M02 under its own DID (with a made-up legal identifier:
# a partner signs only once its legal identifier is on record).
DEMO_SIGNING_PARTNER = "pl"
DEMO_SIGNING_PARTNER_LEGAL_ID = "DEMO-KRS-0000000000"
DEMO_PARTNER_SIGNED = "M02"
# learner-ie passes every module, so the demo also holds a full-course credential.
DEMO_COURSE_HOLDER = "learner-ie@example.org"


def _demo_credentials() -> None:
    """Every kind of credential, really signed (the first run only): learner-pl holds three
    module credentials, one signed by a partner and one revoked; learner-ie holds all module
    credentials and the full-course credential that stacks them."""
    holder = User.objects.get(email=DEMO_HOLDER)
    if IssuedCredential.objects.filter(learner=holder).exists():
        return
    _demo_partner_signs(DEMO_PARTNER_SIGNED)
    admin = User.objects.get(email=DEMO_ADMIN)
    for code in DEMO_PASSED:
        credential = _pass_and_issue(holder, code)
        if code == DEMO_REVOKED:
            revoke_credential(credential=credential, actor=admin,
                              reason="Demo: revoked to show what a verifier sees.")
    course_holder = User.objects.get(email=DEMO_COURSE_HOLDER)
    for module in Module.objects.order_by("order"):
        _pass_and_issue(course_holder, module.code)
    issue_course_credential_if_complete(learner=course_holder)


def _demo_partner_signs(code: str) -> None:
    partner = PartnerOrganisation.objects.get(slug=DEMO_SIGNING_PARTNER)
    if not partner.legal_identifier:
        partner.legal_identifier = DEMO_SIGNING_PARTNER_LEGAL_ID
        partner.save(update_fields=["legal_identifier"])
    sync_specs()
    CredentialSpec.objects.filter(code=code).update(awarding_body=partner,
                                                    signed_by_awarding_body=True)


def _pass_and_issue(learner: User, code: str) -> IssuedCredential:
    LearnerProfile.objects.get_or_create(user=learner,
                                         defaults={"onboarding_done_at": timezone.now()})
    module = Module.objects.get(code=code)
    ModuleProgress.objects.update_or_create(
        learner=learner, module=module,
        defaults={"version": module.published_version, "completed_at": timezone.now()})
    attempt = start_attempt(learner=learner, module=module)
    bank = banks.parsed(attempt.bank)
    attempt.answers = answer_key(bank, replay(bank, attempt.form))
    attempt.save(update_fields=["answers"])
    submit_attempt(attempt=attempt)
    credential = issue_for_attempt(attempt_id=attempt.pk)
    if credential is None:
        raise RuntimeError(f"The demo's answers did not pass the {code} test.")
    return credential


@transaction.atomic
def load_course() -> None:
    """Import the 13-module course and take each new draft through the Board's review.

    The demo reviewers (reviewer-<partner>@example.org) hold the Advisory Board's seats; here
    they approve every draft at once, so that learners have a course to try. The steps are the
    real ones (submit, one decision per member, publish under the approval rule) without the
    e-mails. Safe to run again: a module whose newest version is published is left alone.
    """
    import_curriculum(path=settings.CURRICULUM_CONTENT_DIR)
    board = _demo_board()
    admin = User.objects.get(email=DEMO_ADMIN)
    everything = list(
        ReviewChecklistItem.objects.filter(is_active=True).values_list("code", flat=True)
    )
    for module in Module.objects.all():
        version = module.versions.order_by("-number").first()
        if version is None or version.state not in DEMO_REVIEWS:
            continue
        if version.state == VersionState.DRAFT:
            version = submit_for_review(version=version, actor=admin, notify=False)
        approved = set(
            ReviewDecision.objects.filter(version=version, decision=DecisionKind.APPROVE)
            .values_list("reviewer_id", flat=True)
        )
        for member in board:
            if member.pk not in approved:
                record_decision(
                    version=version,
                    reviewer=member,
                    decision=DecisionKind.APPROVE,
                    ticked=everything,
                    comment="Approved for the demo.",
                    notify=False,
                )
        publish(version=version, actor=admin)


def _demo_board() -> list[User]:
    """Each partner's demo reviewer on the Board (a partner that already has one keeps it)."""
    _account(DEMO_ADMIN, None, Role.ADMIN, "Administrator")
    for slug, *rest in PARTNERS:
        partner = _partner(slug, *rest)
        _account(f"reviewer-{slug}@example.org", partner, Role.REVIEWER, "Reviewer")
        if not BoardMembership.objects.filter(partner=partner, ended_on__isnull=True).exists():
            add_board_member(
                partner=partner,
                user=User.objects.get(email=f"reviewer-{slug}@example.org"),
                actor=None,
            )
    return [seat.user for seat in current_board()]


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
        user.password = _demo_password_hash()
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if role is not None:
        assign_role(user=user, role=role)
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
    return DemoLogin(role=str(role.label if role else Role.LEARNER.label), email=email)


@cache
def _demo_password_hash() -> str:
    # Hashing is slow on purpose; every demo account shares the one published password, so
    # hash it once (tests load the course, and with it the demo Board, many times).
    return make_password(DEMO_PASSWORD)


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
