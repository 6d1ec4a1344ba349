"""The trust list the platform administrator keeps: staff pages, JSON import, who may use them."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from microcred.credentials import issuer
from microcred.credentials.models import CredentialEvent
from microcred.credentials.trust import TrustedIssuer

pytestmark = pytest.mark.django_db

UNIVERSITY = {"did": "did:web:university.example", "name": "University of Example",
              "country": "PT"}


def _upload(data) -> SimpleUploadedFile:
    return SimpleUploadedFile("trust.json", json.dumps(data).encode(), "application/json")


def test_an_administrator_adds_changes_and_removes_an_issuer_and_it_is_audited(
        client, platform_admin):
    client.force_login(platform_admin)
    response = client.post(reverse("credentials:trust_add"), UNIVERSITY, follow=True)
    assert "University of Example" in response.content.decode()
    entry = TrustedIssuer.objects.get()
    assert (entry.did, entry.country, entry.added_by) == (UNIVERSITY["did"], "PT", platform_admin)

    client.post(reverse("credentials:trust_edit", args=[entry.pk]),
                {**UNIVERSITY, "name": "Universidade Exemplo"})
    entry.refresh_from_db()
    assert entry.name == "Universidade Exemplo"

    page = client.get(reverse("credentials:trust_remove", args=[entry.pk])).content.decode()
    assert "an issuer we do not know" in page
    assert TrustedIssuer.objects.exists()  # opening the page removes nothing
    client.post(reverse("credentials:trust_remove", args=[entry.pk]))
    assert not TrustedIssuer.objects.exists()
    assert list(CredentialEvent.objects.order_by("at", "pk").values_list("action", flat=True)) \
        == ["trust_added", "trust_changed", "trust_removed"]


@pytest.mark.parametrize("did", ["https://university.example", "did:web:university.example#key-1",
                                 "did:web:", "did:web:uni versity.example", "x" * 400])
def test_a_wrong_did_is_explained(client, platform_admin, did):
    client.force_login(platform_admin)
    response = client.post(reverse("credentials:trust_add"), {**UNIVERSITY, "did": did})
    assert response.status_code == 400
    assert "field--error" in response.content.decode()
    assert not TrustedIssuer.objects.exists()


def test_our_own_dids_cannot_be_renamed_through_the_list(client, platform_admin):
    client.force_login(platform_admin)
    for did in (issuer.consortium_did(), f"{issuer.consortium_did()}:partners:pl"):
        response = client.post(reverse("credentials:trust_add"), {**UNIVERSITY, "did": did})
        assert "belongs to this platform" in response.content.decode()
    assert not TrustedIssuer.objects.exists()


def test_an_import_reports_every_row_and_skips_only_the_bad_ones(client, platform_admin):
    TrustedIssuer.objects.create(did="did:web:college.example", name="Old name", country="IE")
    TrustedIssuer.objects.create(**UNIVERSITY)
    client.force_login(platform_admin)
    rows = [
        {"did": "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", "name": "Open Tech",
         "country": "de"},
        {"did": "did:web:college.example", "name": "Dublin College", "country": "IE"},
        UNIVERSITY,
        {"did": "not a did", "name": "Bad", "country": "PT"},
        {"did": "did:web:nowhere.example", "name": "No country", "country": "ZZ"},
        "just text",
    ]
    page = client.post(reverse("credentials:trust_import"),
                       {"file": _upload({"issuers": rows})}).content.decode()
    assert "6 rows read, 3 skipped." in page
    assert page.count("Skipped:") == 3
    assert "Added" in page
    assert "Already on the list, unchanged" in page
    assert sorted(TrustedIssuer.objects.values_list("name", flat=True)) == [
        "Dublin College", "Open Tech", "University of Example"]
    assert TrustedIssuer.objects.get(name="Open Tech").country == "DE"


@pytest.mark.parametrize("content", [b"{not json", json.dumps({"issuers": 5}).encode(),
                                     json.dumps([{}] * 1001).encode()])
def test_an_unreadable_import_file_is_explained_and_changes_nothing(client, platform_admin,
                                                                      content):
    client.force_login(platform_admin)
    upload = SimpleUploadedFile("trust.json", content, "application/json")
    response = client.post(reverse("credentials:trust_import"), {"file": upload})
    assert response.status_code == 400
    assert "field--error" in response.content.decode()
    assert not TrustedIssuer.objects.exists()


@pytest.mark.parametrize("persona", ["learner", "coordinator", "reviewer", "issuer"])
def test_only_platform_administrators_keep_the_trust_list(client, request, persona):
    entry = TrustedIssuer.objects.create(**UNIVERSITY)
    client.force_login(request.getfixturevalue(persona))
    for name, args in (("trust_list", []), ("trust_add", []), ("trust_import", []),
                       ("trust_edit", [entry.pk]), ("trust_remove", [entry.pk])):
        assert client.get(reverse(f"credentials:{name}", args=args)).status_code == 403
    assert client.post(reverse("credentials:trust_remove", args=[entry.pk])).status_code == 403
    assert client.post(reverse("credentials:trust_import"),
                       {"file": _upload([UNIVERSITY])}).status_code == 403
    assert TrustedIssuer.objects.get().name == UNIVERSITY["name"]


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("credentials:trust_list"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_administrator_without_an_authenticator_app_must_set_one_up_first(client):
    from microcred.accounts.roles import Role
    from microcred.accounts.services import assign_role
    from microcred.testing.factories import UserFactory

    admin = UserFactory(email="new-admin@example.org")
    assign_role(user=admin, role=Role.ADMIN)
    client.force_login(admin)
    response = client.get(reverse("credentials:trust_list"))
    assert response.status_code == 302
    assert "totp" in response["Location"]


def test_changes_need_the_csrf_token(platform_admin):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(platform_admin)
    assert client.post(reverse("credentials:trust_add"), UNIVERSITY).status_code == 403
    assert not TrustedIssuer.objects.exists()


def test_a_missing_entry_is_not_found(client, platform_admin):
    client.force_login(platform_admin)
    assert client.get(reverse("credentials:trust_edit", args=[999])).status_code == 404
    assert client.post(reverse("credentials:trust_remove", args=[999])).status_code == 404
