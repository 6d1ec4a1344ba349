"""Contact messages go to the partner of the sender's country, wait in the staff area with a
status and who answered, and the sender learns what happens next."""

import pytest
from django.core import mail
from django.urls import reverse

from microcred.public.models import ContactMessage, ContactStatus

pytestmark = pytest.mark.django_db

CONTACT = reverse("public:contact")
MESSAGE = {
    "name": "Ewa",
    "email": "ewa@example.org",
    "subject": "Certyfikat",
    "message": "Jak pobrać mój certyfikat?",
    "website": "",
}


@pytest.fixture
def partners(partner, other_partner):
    partner.contact_email = "kontakt@fundacja.example"
    partner.save()
    return partner, other_partner


def test_the_country_defaults_from_the_readers_language(client, partners):
    client.cookies["django_language"] = "pl"
    page = client.get(CONTACT).content.decode()
    assert '<option value="PL" selected>' in page
    client.cookies["django_language"] = "en"
    assert '<option value="IE" selected>' in client.get(CONTACT).content.decode()
    client.cookies["django_language"] = "it"  # no Italian partner here: the project team
    assert '<option value="" selected>' in client.get(CONTACT).content.decode()


def test_a_message_goes_to_the_partner_of_the_chosen_country(
    client, partners, django_capture_on_commit_callbacks
):
    client.cookies["django_language"] = "pl"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CONTACT, {**MESSAGE, "country": "PL"})
    message = ContactMessage.objects.get()
    assert message.partner == partners[0]
    assert message.status == ContactStatus.NEW
    assert mail.outbox[0].to == ["kontakt@fundacja.example"]
    assert mail.outbox[0].reply_to == ["ewa@example.org"]
    assert "Jak pobrać mój certyfikat?" in mail.outbox[0].body
    assert f"/partner/messages/{message.pk}/" in mail.outbox[0].body
    thanks = client.get(response.url).content.decode()
    assert "Fundacja Cyfrowa Szansa" in thanks


def test_another_country_goes_to_the_project_team(
    client, partners, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CONTACT, {**MESSAGE, "country": ""})
    assert ContactMessage.objects.get().partner is None
    assert mail.outbox[0].to == [settings.CONTACT_EMAIL]
    assert "The project team has your message." in client.get(response.url).content.decode()


def test_a_partner_without_a_contact_address_is_reached_through_the_project_address(
    client, partners, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CONTACT, {**MESSAGE, "country": "IE"})
    assert ContactMessage.objects.get().partner == partners[1]
    assert mail.outbox[0].to == [settings.CONTACT_EMAIL]


def test_an_unknown_country_is_refused_and_nothing_is_stored(client, partners):
    response = client.post(CONTACT, {**MESSAGE, "country": "XX"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert ContactMessage.objects.count() == 0


def test_a_coordinator_sees_only_their_organisations_messages(
    client, partners, coordinator, other_partner_coordinator
):
    ours = ContactMessage.objects.create(
        partner=partners[0],
        language="pl",
        name="Ewa",
        email="ewa@example.org",
        subject="Nasze",
        message="...",
    )
    theirs = ContactMessage.objects.create(
        partner=partners[1],
        language="en",
        name="Sean",
        email="sean@example.org",
        subject="Theirs",
        message="...",
    )
    central = ContactMessage.objects.create(
        language="it", name="Gio", email="g@example.org", subject="Central", message="..."
    )
    client.force_login(coordinator)
    listing = client.get(reverse("public:staff_messages")).content.decode()
    assert "Nasze" in listing
    assert "Theirs" not in listing
    assert "Central" not in listing
    for other in (theirs, central):
        assert client.get(reverse("public:staff_message", args=[other.pk])).status_code == 404
        response = client.post(
            reverse("public:staff_message_status", args=[other.pk]), {"status": "closed"}
        )
        assert response.status_code == 404
        other.refresh_from_db()
        assert other.status == ContactStatus.NEW
    assert client.get(reverse("public:staff_message", args=[ours.pk])).status_code == 200


def test_answering_records_who_answered_and_closing_keeps_it(client, partners, coordinator):
    message = ContactMessage.objects.create(
        partner=partners[0],
        language="pl",
        name="Ewa",
        email="ewa@example.org",
        subject="S",
        message="...",
    )
    status = reverse("public:staff_message_status", args=[message.pk])
    client.force_login(coordinator)
    client.post(status, {"status": "answered"})
    message.refresh_from_db()
    assert (message.status, message.answered_by) == (ContactStatus.ANSWERED, coordinator)
    client.post(status, {"status": "closed"})
    message.refresh_from_db()
    assert (message.status, message.answered_by) == (ContactStatus.CLOSED, coordinator)
    page = client.get(reverse("public:staff_message", args=[message.pk])).content.decode()
    assert "answered by" in page
    listing = client.get(reverse("public:staff_messages"), {"status": "closed"}).content.decode()
    assert "1 message" in listing
    assert (
        "No messages with this status."
        in client.get(reverse("public:staff_messages")).content.decode()
    )


def test_a_bad_status_changes_nothing(client, partners, coordinator):
    message = ContactMessage.objects.create(
        partner=partners[0],
        language="pl",
        name="Ewa",
        email="ewa@example.org",
        subject="S",
        message="...",
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("public:staff_message_status", args=[message.pk]), {"status": "deleted"}
    )
    assert response.status_code == 400
    message.refresh_from_db()
    assert message.status == ContactStatus.NEW


def test_an_administrator_sees_every_message(client, partners, platform_admin):
    ContactMessage.objects.create(
        partner=partners[1],
        language="en",
        name="Sean",
        email="sean@example.org",
        subject="Theirs",
        message="...",
    )
    ContactMessage.objects.create(
        language="it", name="Gio", email="g@example.org", subject="Central", message="..."
    )
    client.force_login(platform_admin)
    listing = client.get(reverse("public:staff_messages")).content.decode()
    assert "Theirs" in listing
    assert "Central" in listing


@pytest.mark.parametrize("persona", ["learner", "issuer", "reviewer"])
def test_learners_issuers_and_reviewers_do_not_get_in(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("public:staff_messages")).status_code == 403
