import pytest
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_reports_a_working_database(client):
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_says_503_when_the_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_every_page_sends_a_strict_content_security_policy(client):
    policy = client.get(reverse("public:home"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_an_unknown_page_gets_a_friendly_404_in_the_readers_language(client):
    client.cookies["django_language"] = "pl"
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="pl">' in response.content.decode()


def test_a_form_without_csrf_token_is_refused_with_an_explanation(partner):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("public:contact"), {"name": "x"})
    assert response.status_code == 403
    assert "Please try again" in response.content.decode()


def test_the_dev_mailbox_keeps_sent_emails(client, settings):
    from django.core.mail import send_mail

    settings.EMAIL_BACKEND = "microcred.core.mail.DevMailboxBackend"
    settings.DEV_MAILBOX = True
    send_mail("Your code", "ABC123", "from@example.org", ["to@example.org"])
    page = client.get(reverse("core:dev_mailbox")).content.decode()
    assert "Your code" in page


def test_the_dev_mailbox_does_not_exist_in_production(client, settings):
    settings.DEV_MAILBOX = False
    assert client.get(reverse("core:dev_mailbox")).status_code == 404
