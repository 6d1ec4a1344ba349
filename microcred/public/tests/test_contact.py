import pytest
from django.core import mail
from django.urls import reverse

from microcred.public.models import ContactMessage

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Ewa",
    "email": "ewa@example.org",
    "subject": "Certificate",
    "message": "How do I download my certificate?",
    "website": "",
}


def test_a_contact_message_is_stored_and_emailed(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("public:contact"), VALID)
    assert response.url == reverse("public:contact_thanks")
    message = ContactMessage.objects.get()
    assert message.subject == "Certificate"
    assert "How do I download my certificate?" in mail.outbox[0].body


def test_a_bot_filling_the_honeypot_sees_thanks_but_nothing_is_stored(client):
    response = client.post(reverse("public:contact"), {**VALID, "website": "http://spam.example"})
    assert response.url == reverse("public:contact_thanks")
    assert ContactMessage.objects.count() == 0
    assert mail.outbox == []


def test_errors_are_shown_next_to_the_fields_in_polish(client):
    client.cookies["django_language"] = "pl"
    response = client.post(reverse("public:contact"), {**VALID, "email": "zly-adres"})
    assert response.status_code == 200
    assert "Wprowadź poprawny adres email." in response.content.decode()
    assert ContactMessage.objects.count() == 0


def test_more_than_five_messages_an_hour_are_refused(client):
    for _ in range(5):
        client.post(reverse("public:contact"), VALID)
    response = client.post(reverse("public:contact"), VALID)
    assert response.status_code == 429
    assert "Please wait an hour" in response.content.decode()
    assert ContactMessage.objects.count() == 5
