"""Wrong passwords lock the password log-in of one account from one client address only, so a
stranger who knows a learner's e-mail address cannot lock the learner out, and the e-mailed
code always remains a way in."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from microcred.testing.fixtures import TEST_PASSWORD

pytestmark = pytest.mark.django_db

STRANGER = "198.51.100.66"
LEARNERS_HOME = "203.0.113.10"
TOO_MANY = "Too many failed login attempts"


def _log_in(client, email: str, password: str, address: str):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=address
    )


def _fail_five_times(client, email: str, address: str) -> None:
    for _ in range(5):
        _log_in(client, email, "not the password", address)


def test_a_strangers_wrong_passwords_do_not_lock_the_learner_out(client, learner):
    _fail_five_times(client, learner.email, STRANGER)
    client.logout()
    response = _log_in(client, learner.email, TEST_PASSWORD, LEARNERS_HOME)
    assert response.status_code == 302
    assert client.get(reverse("accounts:home")).wsgi_request.user == learner


def test_the_address_that_guessed_wrong_is_locked_out_of_that_account(client, learner):
    _fail_five_times(client, learner.email, STRANGER)
    response = _log_in(client, learner.email, TEST_PASSWORD, STRANGER)
    assert TOO_MANY in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_one_address_guessing_many_accounts_is_stopped_by_the_per_address_limit(client):
    for number in range(10):
        _log_in(client, f"someone{number}@example.org", "guess", STRANGER)
    response = _log_in(client, "someone-else@example.org", "guess", STRANGER)
    assert TOO_MANY in response.content.decode()


def test_the_emailed_code_still_logs_in_from_a_locked_address(client, learner):
    # A learner on the same network as the stranger (a library, a shared flat) is locked out of
    # the password log-in for a few minutes, never out of the platform.
    _fail_five_times(client, learner.email, STRANGER)
    assert TOO_MANY in _log_in(client, learner.email, TEST_PASSWORD, STRANGER).content.decode()
    response = client.post(
        reverse("account_request_login_code"), {"email": learner.email}, REMOTE_ADDR=STRANGER
    )
    assert response.status_code == 302
    code = re.search(
        r"^\s*([A-Z0-9]{4,}(?:-[A-Z0-9]+)*)\s*$", mail.outbox[-1].body, re.MULTILINE
    ).group(1)
    response = client.post(response.url, {"code": code}, REMOTE_ADDR=STRANGER, follow=True)
    assert response.context["user"] == learner
