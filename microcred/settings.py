"""One settings module for every environment, driven by environment variables.

Development needs no configuration. Production (MICROCRED_PRODUCTION=1) refuses to start with a
weak secret key or DEBUG on; see README "Running in production" for every variable.
"""

from datetime import date
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from microcred.core.env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("MICROCRED_VAR_DIR", str(BASE_DIR / "var")))

PRODUCTION = env_bool("MICROCRED_PRODUCTION", False)
DEBUG = env_bool("DEBUG", not PRODUCTION)

_DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env_secret("SECRET_KEY", "" if PRODUCTION else _DEV_SECRET_KEY)

if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off when MICROCRED_PRODUCTION is set.")
    if SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "SECRET_KEY (or SECRET_KEY_FILE) must be a random value of at least 50 characters "
            "in production. Generate one with: python -c 'import secrets; "
            "print(secrets.token_urlsafe(64))'"
        )

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the public host(s) in production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The public address of this deployment: absolute links in e-mails, credentials and did:web.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    # Before django_tasks_db: its `db_worker` command is ours, with a heartbeat (core.workers).
    "microcred.core",
    "django_tasks",
    "django_tasks_db",
    "microcred.accounts",
    "microcred.public",
    "microcred.curriculum",
    "microcred.learning",
    "microcred.review",
    "microcred.assessment",
    "microcred.credentials",
    "microcred.reporting",
    "microcred.coordination",
    "microcred.api",
    "microcred.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "microcred.core.csp.CSPMiddleware",
    "microcred.core.shared_reads.SharedReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "microcred.accounts.middleware.StaffMustUseMFAMiddleware",
    "microcred.curriculum.course_cache.CourseGenerationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "microcred.urls"
WSGI_APPLICATION = "microcred.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "microcred" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "microcred.core.context_processors.site",
            ],
        },
    },
]

# Database: SQLite under var/ by default, PostgreSQL (psycopg 3) when DATABASE_URL says so.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # The same backend, with a health check that costs no round trip and the busiest reads
        # prepared (decision 0031; DB_PREPARED_READS=0 behind a pooler that cannot keep them).
        DATABASES["default"]["ENGINE"] = "microcred.core.postgresql"
        DATABASES["default"].setdefault("OPTIONS", {})["prepared_reads"] = env_bool(
            "DB_PREPARED_READS", True
        )
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "microcred.sqlite3",
            "OPTIONS": {
                # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock
                # at BEGIN so two writers queue instead of failing half-way with "locked".
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every app server: rate limits must hold across processes. The database
# serves by default (no extra server); with REDIS_URL set, Redis does, and sessions are read
# from it too (written through to the database, so a Redis restart logs nobody out): a page
# view then costs no session query.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL, "KEY_PREFIX": "microcred"}}
    # cached_db, read with the generations in one round trip (core/shared_reads.py)
    SESSION_ENGINE = "microcred.core.cached_sessions"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "microcred_cache",
        }
    }
# The published course's structure, held in each worker's own memory (the newest this many
# entries): their keys carry a generation read from the shared cache above, so an entry is never
# changed, only left behind (curriculum/course_cache.py, decision 0025).
COURSE_CACHE_ENTRIES = env_int("COURSE_CACHE_ENTRIES", 5000)
# Whole public pages as anonymous visitors see them, in each worker's memory the same way: keys
# carry the generations of what the pages show (core/page_cache.py, decision 0029).
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "microcred-pages",
    "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_ENTRIES", 1000)},
}
# The lesson and "my learning" pages learners in the same situation share, kept apart so that
# their many situations never push the public pages out.
CACHES["learner_pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "microcred-learner-pages",
    "OPTIONS": {"MAX_ENTRIES": env_int("LEARNER_PAGE_CACHE_ENTRIES", 1000)},
}

# Background work (e-mails, credential issuance) goes through Django's tasks API; the database
# backend needs no extra server and lets several `manage.py db_worker` processes share the queue.
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# A worker that has not been heard of for this long is dead: the task it was running goes back
# to the queue (at most TASK_MAX_ATTEMPTS tries in all; then it is marked failed). Workers beat
# every sixth of it, also during long tasks.
TASK_WORKER_TIMEOUT_SECONDS = env_int("TASK_WORKER_TIMEOUT_SECONDS", 60)
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 3)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "learning:home"
LOGOUT_REDIRECT_URL = "public:home"

# django-allauth: e-mail only; a password is optional because many learners will never manage
# one: they sign up and log in with a one-time code sent by e-mail instead.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 15 * 60
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_FORMS = {"signup": "microcred.accounts.forms.SignupForm"}
ACCOUNT_ADAPTER = "microcred.accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Microcred] "
ACCOUNT_RATE_LIMITS = {
    # Stricter than allauth's defaults on log-in: credential stuffing is the common attack.
    # The key of login_failed is the account AND the client address (accounts.adapter), so a
    # stranger's wrong passwords never lock a learner out; the e-mailed code always works.
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Microcred"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("pl", _("Polish")),
    ("el", _("Greek")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("pt", _("Portuguese")),
]
LOCALE_PATHS = [BASE_DIR / "microcred" / "locale"]
# English dates day-first as everywhere in Europe (microcred/formats/en/formats.py).
FORMAT_MODULE_PATH = ["microcred.formats"]
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 behaviour: a bare address means https
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/Brussels")
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"

# When the Scientific Advisory Board has approved a module version (microcred/review/rules.py):
# "majority" of the current Board (default), "unanimous", or a number of approvals, e.g. "3".
# An open change request always blocks approval.
REVIEW_APPROVAL_RULE = env_str("REVIEW_APPROVAL_RULE", "majority")

# The funder's targets on the KPI dashboard (/reporting/): 1,400 adults supported, 200 per
# partner country, 1,050 of them assessed and certified. A KPI missing here has no target.
_KPI_LEARNERS = env_int("KPI_TARGET_LEARNERS", 1400)
_KPI_CERTIFIED = env_int("KPI_TARGET_CERTIFIED", 1050)
_KPI_PARTNER_LEARNERS = env_int("KPI_TARGET_LEARNERS_PER_PARTNER", 200)
_KPI_PARTNER_CERTIFIED = env_int("KPI_TARGET_CERTIFIED_PER_PARTNER", 150)
KPI_TARGETS = {
    "consortium": {"enrolled": _KPI_LEARNERS, "target_group": _KPI_LEARNERS,
                   "learners_assessed": _KPI_CERTIFIED, "learners_certified": _KPI_CERTIFIED},
    "per_partner": {"enrolled": _KPI_PARTNER_LEARNERS, "target_group": _KPI_PARTNER_LEARNERS,
                    "learners_assessed": _KPI_PARTNER_CERTIFIED,
                    "learners_certified": _KPI_PARTNER_CERTIFIED},
}
# The dashboard asks for fresh figures (a background task) when they are older than this.
# The dashboard asks for a recount when its figures are older than this, or than five times
# the last recount took, whichever is longer (a million learners: about 3 minutes).
KPI_MAX_AGE_MINUTES = env_int("KPI_MAX_AGE_MINUTES", 2)

# Course content files (docs/content-format.md): imported by `manage.py import_curriculum`.
CURRICULUM_CONTENT_DIR = Path(
    env_str("CURRICULUM_CONTENT_DIR", str(BASE_DIR / "content" / "curriculum"))
)
# A lesson whose facts were last checked (its `reviewed` date) longer ago than this is flagged
# to the Advisory Board and in the completeness report. Six months by default.
CONTENT_REVIEW_MAX_AGE_DAYS = env_int("CONTENT_REVIEW_MAX_AGE_DAYS", 183)

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# E-mail: SMTP in production; in development every message goes to the console and to the
# development mailbox page (/dev/mailbox/), so nobody needs a mail server to try the platform.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Microcred <no-reply@microcred.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
CONTACT_EMAIL = env_str("CONTACT_EMAIL", "contact@microcred.localhost")
DEV_MAILBOX = env_bool("DEV_MAILBOX", DEBUG)
if env_str("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env_str("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
elif DEV_MAILBOX:
    EMAIL_BACKEND = "microcred.core.mail.DevMailboxBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Strict Content Security Policy: no inline script or style, nothing from other hosts.
# data: images are allowed for the QR code allauth renders when staff set up MFA.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "microcred.core.views.csrf_failure"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    if env_bool("BEHIND_TLS_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Credentials. The issuer DID is did:web of SITE_URL; private signing keys are encrypted with
# the key-encryption key(s) in CREDENTIAL_KEK (Fernet keys, comma-separated: first encrypts).
_DEV_KEK = "bWljcm9jcmVkLWRldmVsb3BtZW50LW9ubHkta2V5ISE="
CREDENTIAL_KEK = env_secret("CREDENTIAL_KEK", "" if PRODUCTION else _DEV_KEK)
if PRODUCTION and (not CREDENTIAL_KEK or _DEV_KEK in CREDENTIAL_KEK):
    raise ImproperlyConfigured(
        "CREDENTIAL_KEK (or CREDENTIAL_KEK_FILE) must hold your own Fernet key in production.")
# The issuer page lists passed tests whose credential is not there this many minutes later.
CREDENTIAL_OVERDUE_MINUTES = env_int("CREDENTIAL_OVERDUE_MINUTES", 15)
CONSORTIUM_NAME = env_str("CONSORTIUM_NAME", "Digital Citizens of Europe 4.0 consortium")
CONSORTIUM_COUNTRY = env_str("CONSORTIUM_COUNTRY", "PL")
CONSORTIUM_EMAIL = env_str("CONSORTIUM_EMAIL", "credentials@microcred.localhost")
# The awarding consortium's legal identifier (VAT or eIDAS), required by Europass (EDC) exports.
CONSORTIUM_LEGAL_ID = env_str("CONSORTIUM_LEGAL_ID", "" if PRODUCTION else "DEMO-VAT-PL0000000000")

# Retention (docs/privacy.md): `manage.py purge_expired_data` applies these once a day. Each is a
# number of days; 0 switches that rule off. Inactive learner accounts are warned by e-mail 30 days
# before they are deleted; the clock starts at their last activity, or at RETENTION_PROJECT_END
# (the grant's end date, YYYY-MM-DD) when that is later: the consent text promises to keep the
# data for five years after the project ends.
RETENTION_INACTIVE_ACCOUNT_DAYS = env_int("RETENTION_INACTIVE_ACCOUNT_DAYS", 5 * 365)
RETENTION_UNVERIFIED_SIGNUP_DAYS = env_int("RETENTION_UNVERIFIED_SIGNUP_DAYS", 30)
RETENTION_CONTACT_MESSAGE_DAYS = env_int("RETENTION_CONTACT_MESSAGE_DAYS", 365)
RETENTION_DEV_MAILBOX_DAYS = env_int("RETENTION_DEV_MAILBOX_DAYS", 30)
RETENTION_ACCESS_LOG_DAYS = env_int("RETENTION_ACCESS_LOG_DAYS", 2 * 365)
for _name in ("RETENTION_INACTIVE_ACCOUNT_DAYS", "RETENTION_UNVERIFIED_SIGNUP_DAYS",
              "RETENTION_CONTACT_MESSAGE_DAYS", "RETENTION_DEV_MAILBOX_DAYS",
              "RETENTION_ACCESS_LOG_DAYS"):
    if globals()[_name] < 0:
        raise ImproperlyConfigured(f"{_name} must be 0 (off) or a number of days.")
if 0 < RETENTION_INACTIVE_ACCOUNT_DAYS <= 30:
    raise ImproperlyConfigured(
        "RETENTION_INACTIVE_ACCOUNT_DAYS must be more than 30: learners are warned 30 days ahead.")
try:
    RETENTION_PROJECT_END = (
        date.fromisoformat(env_str("RETENTION_PROJECT_END")) if env_str("RETENTION_PROJECT_END")
        else None)
except ValueError as _error:
    raise ImproperlyConfigured("RETENTION_PROJECT_END must be a date: YYYY-MM-DD.") from _error

# How many reverse proxies of this deployment stand between the clients and the app servers
# (0: clients connect directly). Each proxy appends the address it saw to X-Forwarded-For, so
# the client is the entry this many places from the right; anything further left is the
# client's own claim. This one number drives every client-address decision: allauth's log-in
# limits (through the account adapter, and ALLAUTH_TRUSTED_PROXY_COUNT for anything that reads
# it directly), the contact form and the verify limits (microcred.core.ratelimit.client_ip).
# TRUST_X_FORWARDED_FOR=on, the older switch, means one proxy.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT",
                              1 if env_bool("TRUST_X_FORWARDED_FOR", False) else 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 (no proxy) or more.")
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# Checking another issuer's credential fetches its DID document and status list: https to public
# addresses only. Origins listed here (comma-separated, e.g. http://127.0.0.1:8123) are fetched
# even over http and at private addresses: for tests and local interoperability runs only
# (`manage.py check --deploy` warns when it is set).
VERIFIER_ALLOWED_PRIVATE_ORIGINS = env_list("VERIFIER_ALLOWED_PRIVATE_ORIGINS", [])
# Anonymous verification (the /verify/ page and the verify APIs) per client and minute.
VERIFY_RATE_LIMIT_PER_MINUTE = env_int("VERIFY_RATE_LIMIT_PER_MINUTE", 30)
# Requests a minute one client may make to the OpenID4VCI token, nonce and credential endpoints
# (a wallet makes three per credential).
OID4VCI_RATE_LIMIT_PER_MINUTE = env_int("OID4VCI_RATE_LIMIT_PER_MINUTE", 60)

LOG_FORMAT = env_str("LOG_FORMAT", "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "microcred.core.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
