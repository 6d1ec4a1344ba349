"""CSRF secrets and masks from one read of the random source (decision 0033): the strings
Django's checks expect, every letter equally likely, and a first visit's token that works."""

import re

import pytest
from django.middleware import csrf
from django.test import Client
from django.urls import reverse

from microcred.core import csrf_strings

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_django_draws_its_csrf_strings_with_ours():
    """Fails if a new Django no longer draws through the function `install` replaces."""
    assert csrf._get_new_csrf_string is csrf_strings._new_csrf_string
    secret = csrf._get_new_csrf_string()
    assert len(secret) == csrf.CSRF_SECRET_LENGTH
    assert set(secret) <= set(csrf.CSRF_ALLOWED_CHARS)
    # A masked token unmasks to its secret, as Django's check does it.
    assert csrf._unmask_cipher_token(csrf._mask_cipher_secret(secret)) == secret


def test_every_letter_is_equally_likely(monkeypatch):
    """Each of the 256 byte values, once: the 248 kept give every letter exactly four times,
    and the 8 dropped ones are not used."""
    reads = [bytes(range(256)), b""]
    monkeypatch.setattr(csrf_strings.os, "urandom", lambda count: reads.pop(0))
    letters = csrf_strings.random_string(248)
    assert len(letters) == 248
    assert {letters.count(letter) for letter in csrf.CSRF_ALLOWED_CHARS} == {4}


def test_dropped_bytes_are_made_up_by_another_read(monkeypatch):
    reads = [bytes([255, 254, 0, 61]), bytes([62, 250, 1])]
    asked = []

    def urandom(count: int) -> bytes:
        asked.append(count)
        return reads.pop(0)

    monkeypatch.setattr(csrf_strings.os, "urandom", urandom)
    assert csrf_strings.random_string(4) == "a9ab"
    assert asked == [12, 10]  # each read: what is still missing, and eight bytes to spare


def test_two_strings_differ():
    assert len({csrf._get_new_csrf_string() for _ in range(100)}) == 100


@pytest.mark.django_db
def test_a_first_visit_gets_a_token_its_next_post_is_accepted_with():
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(reverse("public:home")).content.decode()
    token = TOKEN.findall(page)[0]
    assert len(token) == csrf.CSRF_TOKEN_LENGTH
    response = visitor.post(
        reverse("accounts:set_language"),
        {"language": "el", "next": "/", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert visitor.cookies["django_language"].value == "el"
    forged = Client(enforce_csrf_checks=True)
    forged.get(reverse("public:home"))
    refused = forged.post(
        reverse("accounts:set_language"), {"language": "el", "csrfmiddlewaretoken": token}
    )
    assert refused.status_code == 403  # another visitor's token is no use
