"""Garbage posted to every form: never a server error, never a half-written record."""

import re

import pytest
from django.urls import reverse

from microcred.accounts.models import User
from microcred.public.models import ContactMessage

pytestmark = pytest.mark.django_db

NASTY_VALUES = [
    "",
    " ",
    "x" * 100_000,
    "\x00",
    "nul\x00byte",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "😀" * 50,
    "\u202egnp.exe",
    "-1",
    "99999999999999999999999999",
    "NaN",
    "../../etc/passwd",
    "javascript:alert(1)",
]

ANONYMOUS_FORMS = [
    "account_signup",
    "account_login",
    "account_request_login_code",
    "account_reset_password",
    "public:contact",
]
LEARNER_FORMS = ["accounts:profile", "account_email", "account_change_password"]


def _field_names(html: str) -> set[str]:
    names = set(re.findall(r'<(?:input|select|textarea)[^>]*\sname="([^"]+)"', html))
    return names - {"csrfmiddlewaretoken"}


def _post_garbage(client, url: str) -> None:
    names = _field_names(client.get(url).content.decode()) | {"email", "unexpected"}
    payloads = [{}] + [dict.fromkeys(names, value) for value in NASTY_VALUES]
    payloads.append({name: ["one", "two"] for name in names})
    for payload in payloads:
        response = client.post(url, payload)
        assert response.status_code < 500, (url, payload)
    for content_type, body in [
        ("application/json", "{not json"),
        ("application/x-www-form-urlencoded", b"email=%ff%fe&name=\xff\xfe"),
        ("multipart/form-data; boundary=broken", b"--broken\r\nnonsense"),
        ("text/plain", "\x00" * 100),
    ]:
        response = client.generic("POST", url, body, content_type=content_type)
        assert response.status_code < 500, (url, content_type)


@pytest.mark.parametrize("url_name", ANONYMOUS_FORMS)
def test_garbage_to_public_forms_never_breaks_the_platform(client, url_name):
    _post_garbage(client, reverse(url_name))
    assert ContactMessage.objects.count() == 0
    assert User.objects.count() == 0


@pytest.mark.parametrize("url_name", LEARNER_FORMS)
def test_garbage_to_learner_forms_never_breaks_the_platform(client, learner, url_name):
    client.force_login(learner)
    _post_garbage(client, reverse(url_name))
    learner.refresh_from_db()
    assert learner.email == "anna@example.org"  # garbage never changed the address
    assert client.get(reverse("accounts:home")).status_code == 200


def test_garbage_to_the_coordinators_learner_form(client, coordinator, learner):
    client.force_login(coordinator)
    _post_garbage(client, reverse("coordination:learner_edit", kwargs={"learner_id": learner.pk}))
    learner.refresh_from_db()
    assert learner.email == "anna@example.org"
    assert learner.partner == coordinator.partner


def test_garbage_to_the_language_switcher(client):
    _post_garbage(client, reverse("accounts:set_language"))
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/partner/learners/99999999999999999999999/",
        "/news/%00/",
        "/news/" + "a" * 5000 + "/",
        "/accounts/login/?next=%00",
    ],
)
def test_malformed_addresses_get_a_clean_answer(client, coordinator, path):
    client.force_login(coordinator)
    assert client.get(path).status_code < 500
