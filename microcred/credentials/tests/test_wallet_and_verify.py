"""The learner's wallet and the public verification page."""

import io
import json
import uuid
from dataclasses import replace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from microcred.credentials.services import issue_for_attempt, revoke_credential
from microcred.curriculum.models import Module
from vckit import did, ob3, proof
from vckit.tests import samples

pytestmark = [pytest.mark.django_db, pytest.mark.small_course]


def title(language: str, code: str = "M01") -> str:
    return Module.objects.get(code=code).published_version.title[language]


@pytest.fixture
def credential(passed):
    return issue_for_attempt(attempt_id=passed.pk)


def test_the_wallet_lists_credentials_with_downloads(client, learner, credential):
    client.force_login(learner)
    page = client.get(reverse("credentials:wallet")).content.decode()
    assert title("en") in page
    assert reverse("credentials:pdf", args=[credential.pk]) in page
    assert "linkedin.com/profile/add" in page
    document = client.get(reverse("credentials:json", args=[credential.pk])).json()
    assert document == credential.document


def test_the_pdf_certificate_is_in_the_learners_language(client, course, learner):
    from microcred.credentials.tests.conftest import pass_module

    learner.preferred_language = "pl"
    learner.save()
    credential = issue_for_attempt(attempt_id=pass_module(learner).pk)
    client.force_login(learner)
    response = client.get(reverse("credentials:pdf", args=[credential.pk]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Anna Nowak" in text
    assert title("pl") in text
    assert str(credential.pk) in text


def test_the_europass_export_is_an_unsealed_edc(client, learner, credential):
    client.force_login(learner)
    document = client.get(reverse("credentials:elm", args=[credential.pk])).json()
    assert "EuropeanDigitalCredential" in document["type"]
    assert document["@context"][0] == "https://www.w3.org/2018/credentials/v1"


def test_nobody_else_downloads_a_learners_credential(client, other_partner_learner, credential):
    client.force_login(other_partner_learner)
    for name in ("json", "pdf", "elm"):
        assert client.get(reverse(f"credentials:{name}", args=[credential.pk])).status_code == 404
    assert client.post(reverse("credentials:share", args=[credential.pk])).status_code == 404


def test_a_learner_switches_a_public_link_on_and_off(client, learner, credential):
    client.force_login(learner)
    client.post(reverse("credentials:share", args=[credential.pk]))
    credential.refresh_from_db()
    url = reverse("credentials:shared", args=[credential.share_token])
    client.logout()
    assert "<h1>Valid" in client.get(url).content.decode()
    client.force_login(learner)
    client.post(reverse("credentials:share", args=[credential.pk]))
    client.logout()
    assert client.get(url).status_code == 404


def test_the_qr_code_page_shows_every_annex_element_and_the_status(client, credential):
    page = client.get(reverse("credentials:verify_issued", args=[credential.pk])).content.decode()
    assert "<h1>Valid" in page
    assert "Not revoked: we checked the issuer" in page
    for label in ("Learner", "Title", "Country of the issuer", "Awarding body",
                  "Date of issuing", "Learning outcomes", "Notional workload", "Level (EQF)",
                  "Type of assessment", "Form of participation", "Type of quality assurance"):
        assert f"<dt>{label}</dt>" in page
    assert "Anna Nowak" in page


def test_credential_texts_are_marked_with_their_own_language(client, course, learner):
    from microcred.credentials.tests.conftest import pass_module

    learner.preferred_language = "pl"
    learner.save()
    credential = issue_for_attempt(attempt_id=pass_module(learner).pk)
    page = client.get(reverse("credentials:verify_issued", args=[credential.pk])).content.decode()
    assert f'<dd lang="pl">{title("pl")}</dd>' in page


def test_a_revoked_credential_says_so(client, credential, platform_admin):
    revoke_credential(credential=credential, reason="Issued by mistake", actor=platform_admin)
    page = client.get(reverse("credentials:verify_issued", args=[credential.pk])).content.decode()
    assert "Revoked by the issuer." in page


def test_a_tampered_credential_is_not_genuine(client, credential):
    document = json.loads(json.dumps(credential.document))
    document["credentialSubject"]["achievement"]["name"] = "Rocket science"
    response = client.post(reverse("credentials:verify"), {"text": json.dumps(document)})
    page = response.content.decode()
    assert "<h1>Changed or forged" in page
    assert "Not genuine, or changed after it was issued" in page


def test_a_credential_from_another_issuer_is_genuine_but_could_not_be_checked(client):
    key = did.issuer_key(bytes(range(32)))  # a did:key issuer: nothing to fetch for the key
    issuer_profile = replace(samples.ISSUER, did=key.verification_method.split("#")[0])
    award = samples.award()
    unsigned = ob3.build(issuer=issuer_profile, spec=samples.SPEC, recipient=samples.RECIPIENT,
                         award=award)
    signed = proof.sign(unsigned, key, created=award.valid_from)
    upload = SimpleUploadedFile("badge.json", json.dumps(signed).encode())
    page = client.post(reverse("credentials:verify"), {"file": upload}).content.decode()
    assert "Genuine: the digital signature matches the signer" in page
    assert "We could not check whether it was revoked" in page
    assert "<h1>Could not check" in page


@pytest.mark.parametrize("garbage", ["", "not json", "[1, 2]", "{", '{"type": 5}',
                                     "\x00" * 10, '{"proof": [{"proofValue": "zzz"}]}'])
def test_garbage_gets_a_clear_message_not_an_error(client, garbage):
    response = client.post(reverse("credentials:verify"), {"text": garbage})
    assert response.status_code in (200, 400)


def test_the_course_credential_downloads_as_pdf_and_europass_like_a_module_one(
        client, course, learner, settings, django_capture_on_commit_callbacks):
    from microcred.credentials.models import IssuedCredential
    from microcred.credentials.tests.conftest import pass_module
    from microcred.curriculum.models import Curriculum

    curriculum = Curriculum.objects.get()
    curriculum.course_credential = {**curriculum.course_credential, "rule": {"at_least": 1}}
    curriculum.save()
    with django_capture_on_commit_callbacks(execute=True):
        issue_for_attempt(attempt_id=pass_module(learner, "M01").pk)
    course_credential = IssuedCredential.objects.get(learner=learner, spec__code="COURSE")
    client.force_login(learner)
    pdf = client.get(reverse("credentials:pdf", args=[course_credential.pk]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert curriculum.course_credential["title"]["en"] in text
    elm = client.get(reverse("credentials:elm", args=[course_credential.pk])).json()
    assert "EuropeanDigitalCredential" in elm["type"]


def test_the_qr_code_of_a_credential_that_is_not_ours_finds_nothing(client, credential):
    response = client.get(reverse("credentials:verify_issued", args=[uuid.uuid4()]))
    assert response.status_code == 404
    page = client.get(reverse("credentials:verify_issued", args=[credential.pk]))
    assert "<h1>Valid" in page.content.decode()


def test_a_share_link_the_learner_turned_off_finds_nothing(client, credential):
    credential.share_token = "link-to-share"
    credential.save(update_fields=["share_token"])
    link = reverse("credentials:shared", args=["link-to-share"])
    assert "<h1>Valid" in client.get(link).content.decode()
    credential.share_token = None
    credential.save(update_fields=["share_token"])
    assert client.get(link).status_code == 404
