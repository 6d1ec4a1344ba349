"""The W3C VC API verify endpoints at the site root, called the way any standard client does:
anonymous, JSON, no CSRF token."""

import json

import pytest
from django.test import Client

from microcred.credentials.services import issue_for_attempt

pytestmark = [pytest.mark.django_db, pytest.mark.small_course]


@pytest.fixture
def anonymous() -> Client:
    return Client(enforce_csrf_checks=True)


def _post(client: Client, path: str, body: object) -> tuple[int, dict]:
    raw = body if isinstance(body, str) else json.dumps(body)
    response = client.post(path, raw, content_type="application/json")
    assert response["Content-Type"] == "application/json"
    return response.status_code, response.json()


def test_a_genuine_credential_verifies_with_200(anonymous, passed):
    credential = issue_for_attempt(attempt_id=passed.pk).document
    status, result = _post(anonymous, "/credentials/verify",
                           {"verifiableCredential": credential, "options": {"checks": ["proof"]}})
    assert status == 200
    assert result["verified"] is True
    assert result["errors"] == []
    assert "proof" in result["checks"]
    assert result["status"] == "valid"


def test_a_changed_credential_is_refused_with_422_and_the_reason(anonymous, passed):
    credential = issue_for_attempt(attempt_id=passed.pk).document
    credential["name"] = "Something else"
    status, result = _post(anonymous, "/credentials/verify", {"verifiableCredential": credential})
    assert status == 422
    assert result["verified"] is False
    assert any(error["code"] == "SIGNATURE_INVALID" for error in result["errors"])
    assert result["status"] == "forged"


@pytest.mark.parametrize("path", ["/credentials/verify", "/presentations/verify"])
@pytest.mark.parametrize("body", [
    "{", "[1, 2]", "\"text\"", {}, {"verifiableCredential": "abc", "verifiablePresentation": 3},
    {"verifiableCredential": {}, "verifiablePresentation": {}, "options": []},
    {"verifiableCredential": {}, "verifiablePresentation": {}, "options": {"challenge": 5}},
    "[" * 100_000,
])
def test_unusable_requests_get_400_with_a_clear_message(anonymous, path, body):
    status, result = _post(anonymous, path, body)
    assert status == 400
    assert result["verified"] is False
    assert result["errors"][0]["code"] == "MALFORMED_REQUEST"
    assert result["errors"][0]["message"]


@pytest.mark.parametrize("path", ["/credentials/verify", "/presentations/verify"])
def test_only_post_is_answered(anonymous, path):
    assert anonymous.get(path).status_code == 405


def test_the_existing_api_path_still_answers(anonymous, passed):
    credential = issue_for_attempt(attempt_id=passed.pk).document
    response = anonymous.post("/api/credentials/verify",
                              json.dumps({"verifiableCredential": credential}),
                              content_type="application/json")
    assert response.status_code == 200


def test_one_client_gets_a_budget_of_checks_per_minute(anonymous, settings):
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 2
    statuses = [anonymous.post("/credentials/verify", "{}", content_type="application/json")
                .status_code for _ in range(3)]
    assert statuses == [400, 400, 429]
    response = anonymous.post("/presentations/verify", "{}", content_type="application/json")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert response.json()["errors"][0]["code"] == "TOO_MANY_REQUESTS"


NONSENSE = [
    {},
    {"@context": 5, "type": {"a": 1}, "proof": "x"},
    {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
     "issuer": {"id": None}, "credentialSubject": [], "proof": [1, None, {}]},
    {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": "VerifiablePresentation",
     "verifiableCredential": [5, "text", {"id": []}], "proof": {"type": 3}},
    {"@context": ["https://www.w3.org/ns/credentials/v2", {"@vocab": 7}],
     "validFrom": "yesterday", "validUntil": [], "credentialStatus": {"type": None}},
]


@pytest.mark.parametrize(("path", "key"), [("/credentials/verify", "verifiableCredential"),
                                           ("/presentations/verify", "verifiablePresentation")])
@pytest.mark.parametrize("document", NONSENSE)
def test_nonsense_documents_are_refused_with_422_never_a_server_error(anonymous, path, key,
                                                                       document):
    status, result = _post(anonymous, path, {key: document, "options": {"challenge": "c"}})
    assert status == 422
    assert result["verified"] is False
    assert result["errors"]
