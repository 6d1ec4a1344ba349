import re

import pytest
from django.core import mail
from django.urls import reverse

from microcred.accounts.models import User

pytestmark = pytest.mark.django_db


def _code_from_last_mail() -> str:
    body = mail.outbox[-1].body
    match = re.search(r"^\s*([A-Z0-9]{4,}(?:-[A-Z0-9]+)*)\s*$", body, re.MULTILINE)
    assert match, body
    return match.group(1)


def test_a_learner_signs_up_without_a_password_and_confirms_with_an_emailed_code(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "Maria@Example.org", "full_name": "Maria Kowalska", "password1": ""},
    )
    assert response.status_code == 302
    user = User.objects.get(email="maria@example.org")
    assert user.full_name == "Maria Kowalska"
    assert not user.has_usable_password()

    code = _code_from_last_mail()
    response = client.post(response.url, {"code": code}, follow=True)
    assert response.context["user"].is_authenticated
    assert response.context["user"].email == "maria@example.org"


def test_signing_up_in_polish_sets_polish_as_the_preferred_language(client):
    client.cookies["django_language"] = "pl"
    client.post(
        reverse("account_signup"),
        {"email": "jan@example.org", "full_name": "Jan Kowalski", "password1": ""},
    )
    assert User.objects.get(email="jan@example.org").preferred_language == "pl"


def test_a_learner_logs_in_with_a_one_time_code(client, learner):
    response = client.post(reverse("account_request_login_code"), {"email": learner.email})
    assert response.status_code == 302
    code = _code_from_last_mail()
    response = client.post(response.url, {"code": code}, follow=True)
    assert response.context["user"] == learner


def test_a_wrong_code_is_refused_and_does_not_log_in(client, learner):
    response = client.post(reverse("account_request_login_code"), {"email": learner.email})
    response = client.post(response.url, {"code": "WRONG1"})
    assert not response.wsgi_request.user.is_authenticated


def test_a_learner_logs_in_with_a_password(client, learner):
    response = client.post(
        reverse("account_login"),
        {"login": learner.email, "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:home")).status_code == 200


def test_log_in_sets_the_interface_language_to_the_learners_choice(client, learner):
    learner.preferred_language = "el"
    learner.save()
    response = client.post(
        reverse("account_login"),
        {"login": learner.email, "password": "correct horse battery staple"},
    )
    assert response.cookies["django_language"].value == "el"


def test_repeated_failed_log_ins_are_rate_limited(client, learner):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": learner.email, "password": "nope"})
    response = client.post(
        reverse("account_login"),
        {"login": learner.email, "password": "correct horse battery staple"},
    )
    # Even the right password is refused until the window passes.
    assert "Too many failed login attempts" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_password_reset_sends_a_link_by_email(client, learner):
    response = client.post(reverse("account_reset_password"), {"email": learner.email})
    assert response.status_code == 302
    assert learner.email in mail.outbox[-1].to
    assert "/accounts/password/reset/key/" in mail.outbox[-1].body


def test_signing_up_twice_with_the_same_address_creates_one_account(client, learner):
    client.post(
        reverse("account_signup"),
        {"email": learner.email.upper(), "full_name": "Someone", "password1": ""},
    )
    assert User.objects.filter(email=learner.email).count() == 1


def test_an_invalid_signup_shows_the_error_in_polish_and_saves_nothing(client):
    client.cookies["django_language"] = "pl"
    response = client.post(
        reverse("account_signup"), {"email": "not-an-address", "full_name": " ", "password1": ""}
    )
    assert response.status_code == 200
    assert "Wprowadź poprawny adres email." in response.content.decode()
    assert User.objects.count() == 0


def test_the_signed_in_message_speaks_the_learners_language_not_the_login_pages(client, learner):
    learner.preferred_language = "de"
    learner.save()
    client.cookies["django_language"] = "en"  # logging in from an English page
    response = client.post(
        reverse("account_login"),
        {"login": learner.email, "password": "correct horse battery staple"},
        follow=True,
    )
    shown = [str(message) for message in response.context["messages"]]
    assert shown
    assert "Successfully signed in" not in shown[0], shown
    assert response.wsgi_request.LANGUAGE_CODE == "de"


def test_e_mails_greet_from_the_platform_not_from_the_host_name(client, learner):
    client.post(reverse("account_request_login_code"), {"email": learner.email})
    body = mail.outbox[-1].body
    assert "Microcred" in body
    assert "Hello from 127.0.0.1" not in body
    assert "Hello from testserver" not in body
