import pytest
from django.urls import reverse

from microcred.credentials.models import CredentialEvent, IssuedCredential

pytestmark = pytest.mark.django_db


def test_an_issuer_issues_missing_credentials_in_bulk_and_it_is_audited(client, passed, issuer):
    client.force_login(issuer)
    page = client.get(reverse("credentials:issuer")).content.decode()
    assert "Anna Nowak" in page
    client.post(reverse("credentials:issue_selected"), {"attempt": [passed.pk, passed.pk]})
    credential = IssuedCredential.objects.get()
    assert CredentialEvent.objects.get(credential=credential).actor == issuer


def test_revoking_needs_a_reason(client, passed, issuer):
    from microcred.credentials.services import issue_for_attempt

    credential = issue_for_attempt(attempt_id=passed.pk)
    client.force_login(issuer)
    response = client.post(reverse("credentials:revoke", args=[credential.pk]), {"reason": " "},
                           follow=True)
    assert "Please give the reason" in response.content.decode()
    client.post(reverse("credentials:revoke", args=[credential.pk]), {"reason": "Fraud"})
    credential.refresh_from_db()
    assert credential.revocation_reason == "Fraud"


@pytest.mark.parametrize("persona", ["learner", "coordinator", "reviewer"])
def test_only_issuers_issue_or_revoke(client, request, passed, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("credentials:issuer")).status_code == 403
    assert client.post(reverse("credentials:issue_selected"),
                       {"attempt": passed.pk}).status_code == 403
    assert not IssuedCredential.objects.exists()


def test_odd_input_to_the_issuer_pages_gets_no_server_error(client, passed, issuer):
    client.force_login(issuer)
    assert client.get(reverse("credentials:issuer"), {"q": "anna\x00"}).status_code == 200
    response = client.post(reverse("credentials:issue_selected"), {"attempt": ["²", "-1", "x"]})
    assert response.status_code == 302
    assert not IssuedCredential.objects.exists()
