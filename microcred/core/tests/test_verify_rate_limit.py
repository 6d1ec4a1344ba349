"""Anonymous verification is rate-limited per client, also behind a proxy (issue #12, 7)."""

import json

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from microcred.core.ratelimit import client_key, verify_rate_limit

pytestmark = pytest.mark.django_db

NOT_A_CREDENTIAL = json.dumps({"verifiableCredential": {"type": ["VerifiableCredential"]}})


def _api(client, **headers):
    return client.post("/api/credentials/verify", NOT_A_CREDENTIAL,
                       content_type="application/json", **headers)


def test_the_verify_page_says_to_wait_after_too_many_checks(client, settings):
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 2
    for _ in range(2):
        assert client.post(reverse("credentials:verify"), {"text": "{}"}).status_code == 200
    response = client.post(reverse("credentials:verify"), {"text": "{}"})
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Please wait a minute and try again." in response.content.decode()
    assert client.get(reverse("credentials:verify")).status_code == 200  # the form still opens


def test_the_api_answers_429_and_shares_the_budget_with_the_page(client, settings):
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 2
    client.post(reverse("credentials:verify"), {"text": "{}"})
    assert _api(client).status_code == 200
    response = _api(client)
    assert response.status_code == 429
    assert "wait a minute" in response.json()["detail"]


def test_each_client_has_its_own_budget(client, settings):
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 1
    assert _api(client, REMOTE_ADDR="203.0.113.1").status_code == 200
    assert _api(client, REMOTE_ADDR="203.0.113.1").status_code == 429
    assert _api(client, REMOTE_ADDR="203.0.113.2").status_code == 200


def test_behind_the_proxy_a_client_cannot_escape_by_writing_its_own_forwarded_for(
        client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}  # our proxy appends the address it saw: the last one
    assert _api(client, HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.7", **proxy).status_code == 200
    assert _api(client, HTTP_X_FORWARDED_FOR="2.2.2.2, 198.51.100.7", **proxy).status_code == 429
    assert _api(client, HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy).status_code == 200


def test_an_ipv6_client_counts_as_its_whole_64_block(rf):
    first = rf.get("/", REMOTE_ADDR="2001:db8:1:2::1")
    second = rf.get("/", REMOTE_ADDR="2001:db8:1:2:ffff::9")
    assert client_key(first) == client_key(second) == "2001:db8:1:2::/64"


def test_the_decorator_limits_any_view(settings):
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 1
    view = verify_rate_limit(lambda request: HttpResponse("checked"))
    request = RequestFactory().post("/credentials/verify", REMOTE_ADDR="192.0.2.50")
    assert view(request).status_code == 200
    response = view(request)
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
