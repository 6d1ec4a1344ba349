"""What verifiers fetch: the DID document, status lists and the Annex I context."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from microcred.credentials import issuer
from microcred.credentials.models import IssuedCredential
from microcred.credentials.services import issue_for_attempt
from vckit import documents

pytestmark = [pytest.mark.django_db, pytest.mark.small_course]


def test_the_did_document_lists_every_key(client, passed):
    issue_for_attempt(attempt_id=passed.pk)
    issuer.create_key()
    document = client.get("/.well-known/did.json").json()
    assert document["id"] == issuer.consortium_did()
    assert len(document["verificationMethod"]) == 2
    assert document["assertionMethod"] == [m["id"] for m in document["verificationMethod"]]


def test_the_status_list_is_served_signed(client, passed):
    credential = issue_for_attempt(attempt_id=passed.pk)
    response = client.get(reverse("credentials:status_list", args=[credential.status_list_id]))
    assert response["Content-Type"] == "application/vc+ld+json"
    assert response.json()["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert response.json()["proof"]


def test_the_annex_context_is_served_exactly_as_bundled(client):
    response = client.get(reverse("credentials:annex1_context"))
    assert response.json() == documents.load_document(documents.ANNEX1_V1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_issue_one_credential(passed):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers are exercised on PostgreSQL (the CI's second run)")
    results, errors = [], []

    def work() -> None:
        try:
            results.append(issue_for_attempt(attempt_id=passed.pk).pk)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(results)) == 1
    assert IssuedCredential.objects.count() == 1
