"""Behind a real nginx, every client-address decision sees the real client: a stranger cannot
spend other people's budget (log-in, contact form, verification) nor escape their own by
forging X-Forwarded-For. TRUSTED_PROXY_COUNT is the only setting involved."""

from itertools import count

import pytest
from django.urls import reverse

from microcred.core.tests.reverse_proxy import Visitor, nginx_chain, nginx_or_skip
from microcred.testing.fixtures import TEST_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STRANGER, LEARNER = "127.0.0.3", "127.0.0.2"
TOO_MANY = "Too many failed login attempts"
_forged = (f"203.0.113.{n}" for n in count(1))


def _upstream(live_server) -> str:
    host, port = live_server.thread.httpd.server_address[:2]
    return f"{host}:{port}"


@pytest.fixture
def proxy(live_server, tmp_path, settings):
    """The README's set-up: one TLS-terminating proxy (here plain HTTP) and
    TRUSTED_PROXY_COUNT=1."""
    nginx_or_skip()
    settings.TRUSTED_PROXY_COUNT = 1
    with nginx_chain(_upstream(live_server), tmp_path) as port:
        yield port


def _log_in(visitor: Visitor, email: str, password: str) -> tuple[int, str]:
    return visitor.post_form(
        reverse("account_login"),
        {"login": email, "password": password},
        forged_forwarded_for=next(_forged),
    )


def _stranger_guesses_until_stopped(stranger: Visitor, email: str, guesses: int) -> str:
    for _ in range(guesses):
        _log_in(stranger, email, "guess")
    return _log_in(stranger, email, "guess")[1]


def test_a_strangers_failed_log_ins_stop_the_stranger_and_nobody_else(proxy, learner):
    stranger = Visitor(STRANGER, proxy)
    # Ten failures from one address within a minute, each with a fresh forged header.
    for number in range(10):
        _log_in(stranger, f"someone{number}@example.org", "guess")
    assert TOO_MANY in _log_in(stranger, "another@example.org", "guess")[1]
    # Five against the learner's account: that account is closed to the stranger's address only.
    assert TOO_MANY in _stranger_guesses_until_stopped(stranger, learner.email, 5)

    status, _page = _log_in(Visitor(LEARNER, proxy), learner.email, TEST_PASSWORD)
    assert status == 302  # logged in: the stranger's failures were not counted against them


def test_two_proxies_in_a_row_are_counted_from_the_right(live_server, tmp_path, settings, learner):
    nginx_or_skip()
    settings.TRUSTED_PROXY_COUNT = 2
    with nginx_chain(_upstream(live_server), tmp_path, proxies=2) as port:
        stranger = Visitor(STRANGER, port)
        assert TOO_MANY in _stranger_guesses_until_stopped(stranger, learner.email, 5)
        status, _page = _log_in(Visitor(LEARNER, port), learner.email, TEST_PASSWORD)
    assert status == 302


def _contact(visitor: Visitor) -> int:
    return visitor.post_form(
        reverse("public:contact"),
        {
            "name": "Ada",
            "email": "ada@example.org",
            "subject": "Hello",
            "message": "A question about the course, please.",
        },
        forged_forwarded_for=next(_forged),
    )[0]


def test_forging_the_header_does_not_escape_the_contact_form_limit(proxy):
    stranger = Visitor(STRANGER, proxy)
    assert [_contact(stranger) for _ in range(5)] == [302] * 5
    assert _contact(stranger) == 429
    assert _contact(Visitor(LEARNER, proxy)) == 302


def _verify(visitor: Visitor) -> int:
    return visitor.request(
        "POST",
        "/api/credentials/verify",
        json_body='{"verifiableCredential": {"type": ["VerifiableCredential"]}}',
        forged_forwarded_for=next(_forged),
    )[0]


def test_forging_the_header_does_not_escape_the_verify_limit(proxy, settings):
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 3
    stranger = Visitor(STRANGER, proxy)
    assert [_verify(stranger) for _ in range(3)] == [200] * 3
    assert _verify(stranger) == 429
    assert _verify(Visitor(LEARNER, proxy)) == 200
