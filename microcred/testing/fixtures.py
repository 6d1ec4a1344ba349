"""Persona fixtures shared by every test package: who may and who must NOT get in."""

import os
import uuid
from unittest.mock import patch

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.core.cache import cache
from django.core.servers.basehttp import WSGIServer
from django.db import connections
from django.test import override_settings
from django.test.testcases import LiveServerThread
from django.utils import translation

from microcred.accounts.roles import Role
from microcred.accounts.services import assign_role
from microcred.demo.data import load_course
from microcred.testing.course import (
    build_multilingual_course,
    build_real_modules,
    build_small_course,
)
from microcred.testing.factories import PartnerFactory, UserFactory

TEST_PASSWORD = "correct horse battery staple"  # noqa: S105
# A Redis server for the tests that need one (CI has it; a developer's machine may not).
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark tests that commit to the database, so `make test` can run them after the others.

    Such tests flush every table when they end; a test running after them in the same worker
    would then miss the rows data migrations create (roles, checklist, survey questions).
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (marker and marker.kwargs.get("transaction")) or "live_server" in getattr(
            item, "fixturenames", ()
        ):
            item.add_marker(pytest.mark.transactional)
            # Every committing test restores the migrations' rows the same way; one that only
            # flushed would leave the next one's restore clashing with recreated content types.
            kwargs = marker.kwargs if marker else {}
            if not kwargs.get("serialized_rollback"):
                item.add_marker(pytest.mark.django_db(
                    **{**kwargs, "transaction": True, "serialized_rollback": True}))


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """Production hashes passwords with a million PBKDF2 rounds, slow on purpose: 0.5 to 1.6 s
    on the 2-core CI machine for every persona created and every log-in, the largest setup cost
    of the suite. Tests check who may log in, never the hash's strength, so they use a cheap
    hasher (Django's own advice for test settings)."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


class _OneRequestAtATime(WSGIServer):
    """Django's test server, answering on the server's own thread (Django then closes each
    connection after its response, as keep-alive needs a thread per connection)."""

    def __init__(self, *args: object, connections_override: object = None,
                 **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # the thread uses the shared connection already


@pytest.fixture(autouse=True, scope="session")
def one_request_at_a_time_on_sqlite():
    """On SQLite the test database lives in memory, and Django's live server shares its one
    connection with a thread per request: two requests at once (a test suite's verifier calling
    in parallel) then collide, "database table is locked", a 500 seen once in CI. There, the
    live server answers one request at a time; PostgreSQL gives each thread a connection."""
    if connections["default"].vendor != "sqlite":
        yield
        return
    with patch.object(LiveServerThread, "server_class", _OneRequestAtATime):
        yield


@pytest.fixture(autouse=True)
def forget_cached_counts(request):
    """A committing test leaves the database cache behind (flushing empties only model tables):
    without this, the next test in the worker could find 127.0.0.1 over its verify budget."""
    yield
    if request.node.get_closest_marker("transactional"):
        cache.clear()


@pytest.fixture(autouse=True)
def english_by_default():
    """Requests activate the reader's language for the thread; start every test in English."""
    with translation.override("en"):
        yield


def make_staff(role: Role, **fields):
    user = UserFactory(**fields)
    assign_role(user=user, role=role)
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def partner(db):
    return PartnerFactory(name="Fundacja Cyfrowa Szansa", slug="pl", country="PL")


@pytest.fixture
def other_partner(db):
    return PartnerFactory(
        name="Dublin Adult Learning Network", slug="ie", country="IE", default_language="en"
    )


@pytest.fixture
def learner(partner):
    return UserFactory(partner=partner, full_name="Anna Nowak", email="anna@example.org")


@pytest.fixture
def other_partner_learner(other_partner):
    return UserFactory(partner=other_partner, full_name="Sean Murphy", email="sean@example.org")


@pytest.fixture
def coordinator(partner):
    return make_staff(Role.COORDINATOR, partner=partner, email="coordinator@example.org")


@pytest.fixture
def other_partner_coordinator(other_partner):
    return make_staff(Role.COORDINATOR, partner=other_partner, email="other-coord@example.org")


@pytest.fixture
def reviewer(partner):
    return make_staff(Role.REVIEWER, partner=partner, email="reviewer@example.org")


@pytest.fixture
def issuer(partner):
    return make_staff(Role.ISSUER, partner=partner, email="issuer@example.org")


@pytest.fixture
def content_manager(partner):
    """Publishes and withdraws what the Advisory Board approved; decides nothing in review."""
    return make_staff(Role.CONTENT_MANAGER, partner=partner, email="content@example.org")


@pytest.fixture
def platform_admin(db):
    return make_staff(
        Role.ADMIN, partner=None, email="platform-admin@example.org", is_staff=True,
        is_superuser=True,
    )


@pytest.fixture
def small_course(tmp_path_factory, db):
    """Two published modules (M01, M02) with lessons, an outcome, a test and a credential each:
    for every test that needs some course but not the real one."""
    return build_small_course(tmp_path_factory.mktemp("course"))


@pytest.fixture
def real_first_modules(tmp_path_factory, db):
    """Modules 1 and 2 of the real course alone (their lessons, banks and media in every
    language), published without the Board: for browser tests of those modules' pages, not of
    the whole course. Two, so that passing module 1 does not complete the course."""
    return build_real_modules(
        tmp_path_factory.mktemp("course"),
        ["01-devices-and-basics", "02-finding-and-judging-information"],
    )


@pytest.fixture
def multilingual_course(tmp_path_factory, db):
    """Seven published modules (M01 to M07) offered in all seven languages, items included:
    for tests about languages or about stacking modules, not about the real content."""
    return build_multilingual_course(tmp_path_factory.mktemp("course"))


@pytest.fixture
def real_course(db):
    """The real 13-module course from content/, through the Board as in the demo: seconds per
    test, so only for tests about the real content (its banks, its outcomes, its size)."""
    load_course()


def _redis_available() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def redis_settings():
    """The cache and the sessions in Redis, as in production (REDIS_URL): skipped without a
    Redis server on a developer's machine, a failure in CI."""
    if not _redis_available():
        if os.environ.get("CI"):
            pytest.fail(f"No Redis server at {REDIS_TEST_URL}")
        pytest.skip(f"No Redis server at {REDIS_TEST_URL}")
    redis_cache = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_TEST_URL,
        "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
    }
    with override_settings(
        CACHES={**settings.CACHES, "default": redis_cache},
        SESSION_ENGINE="microcred.core.cached_sessions",
    ):
        yield
        cache.clear()
