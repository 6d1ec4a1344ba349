"""Garbage posted to the coordinators' forms: never a server error, never a half import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from microcred.accounts.models import User
from microcred.coordination.models import ReminderBatch

pytestmark = pytest.mark.django_db

NASTY = ["", "\x00", "x" * 100_000, "<script>alert(1)</script>", "' OR 1=1 --", "-1",
         "99999999999999999999999999", "😀" * 50]
NASTY_FILES = [
    b"", b"\x00" * 1000, b"\xff\xfe\x00", b"email,name\n" + b"\x00,\x00\n" * 10,
    b'email,name\n"unterminated,quote\n', "e-mail;name\n😀@😀;😀\n".encode(),
    b"email,email,name\na@example.org,b@example.org,A\n", b"\r\r\r\n\n", b"sep=\n",
    b"PK\x03\x04 not a csv but a zip", b"email,name\n" + b"a" * 5000 + b"@example.org,A\n",
]


def test_garbage_to_the_learner_list_and_export(client, coordinator, learner):
    client.force_login(coordinator)
    for value in NASTY:
        for url in (reverse("coordination:learner_list"), reverse("coordination:learner_export")):
            params = {"q": value, "inactive": value, "page": value, "format": value}
            assert client.get(url, params).status_code < 500, (url, value[:20])


@pytest.mark.parametrize("data", NASTY_FILES)
def test_garbage_files_get_a_message_and_create_nobody(client, coordinator, data):
    client.force_login(coordinator)
    before = User.objects.count()
    response = client.post(reverse("coordination:import_learners"),
                           {"file": SimpleUploadedFile("x.csv", data), "send_welcome": "on"})
    assert response.status_code == 200
    page = response.content.decode()
    assert any(text in page for text in ("Nobody was added", "The file is empty"))
    assert User.objects.count() == before


def test_garbage_fields_to_the_import_form(client, platform_admin):
    client.force_login(platform_admin)
    before = User.objects.count()
    for value in NASTY:
        response = client.post(reverse("coordination:import_learners"),
                               {"file": value, "partner": value, "send_welcome": value})
        assert response.status_code == 200
    assert User.objects.count() == before


def test_garbage_to_the_reminder_form(client, coordinator, learner):
    client.force_login(coordinator)
    for value in NASTY:
        payload = {"select": value, "learner": [value, value], "on_page": value, "q": value,
                   "inactive": value}
        assert client.post(reverse("coordination:remind_learners"), payload).status_code == 302
    assert not ReminderBatch.objects.exists()
