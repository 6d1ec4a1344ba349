import json

import pytest
from django.urls import reverse

from microcred.credentials.services import issue_for_attempt

pytestmark = [pytest.mark.django_db, pytest.mark.small_course]


def _post(client, body) -> dict:
    response = client.post("/api/credentials/verify", json.dumps(body),
                           content_type="application/json")
    return {"http_status": response.status_code,
            **(response.json() if response.content else {})}


def test_a_genuine_credential_is_verified(client, passed):
    credential = issue_for_attempt(attempt_id=passed.pk)
    result = _post(client, {"verifiableCredential": credential.document})
    assert result["http_status"] == 200
    assert result["verified"] is True
    assert result["revocation"] == "not_revoked"
    assert "proof" in result["checks"]


def test_a_changed_credential_fails_with_a_reason(client, passed):
    document = issue_for_attempt(attempt_id=passed.pk).document
    document["name"] = "Something else"
    result = _post(client, {"verifiableCredential": document})
    assert result["verified"] is False
    assert any(error["code"] == "SIGNATURE_INVALID" for error in result["errors"])


def test_malformed_requests_get_a_clear_4xx(client):
    assert _post(client, {"nothing": 1})["http_status"] == 422
    response = client.post("/api/credentials/verify", "{", content_type="application/json")
    assert response.status_code == 400


def test_the_openapi_document_describes_the_endpoint(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/credentials/verify" in schema["paths"]
    assert reverse("api:openapi-json") == "/api/openapi.json"
