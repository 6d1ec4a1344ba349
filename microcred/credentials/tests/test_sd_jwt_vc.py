"""The SD-JWT VC copy of a credential: made from the signed record, every Annex I element,
personal claims selectively disclosable, signed under an X.509 chain; its Type Metadata and
JWT VC Issuer Metadata; the Token Status List that one revocation keeps in step."""

import base64
import io
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.core.management import call_command
from django.urls import reverse
from joserfc.jwk import ECKey

from microcred.credentials import token_status, wallet_credential, wallet_keys
from microcred.credentials.services import (
    issue_course_credential_if_complete,
    issue_for_attempt,
    revoke_credential,
)
from microcred.credentials.tests.conftest import pass_module
from microcred.credentials.wallet_models import CertifiedIssuerKey
from microcred.curriculum.models import Curriculum
from vckit import sdjwt, signed, token_status_list

pytestmark = pytest.mark.django_db


def _holder() -> ECKey:
    return ECKey.generate_key("P-256")


def _leaf(token: str) -> x509.Certificate:
    header = sdjwt.unverified_header(token.split("~")[0])
    return x509.load_der_x509_certificate(base64.b64decode(header["x5c"][0]))


def _verify(token: str) -> sdjwt.VerifiedSdJwt:
    leaf_key = ECKey.import_key(_leaf(token).public_key())
    return sdjwt.verify(token, issuer_key=leaf_key)


@pytest.fixture
def module_credential(passed):
    return issue_for_attempt(attempt_id=passed.pk)


@pytest.mark.small_course
def test_the_sd_jwt_vc_says_what_the_signed_record_says_with_every_annex_i_element(
    module_credential, learner
):
    holder = _holder()
    token = wallet_credential.sd_jwt_vc(
        credential=module_credential, holder_jwk=holder.as_dict(private=False), email=learner.email
    )
    claims = _verify(token).claims
    award = signed.read(module_credential.document)
    assert claims["vct"].endswith("/credentials/types/module/v1")
    assert claims["iss"] == wallet_credential.credential_issuer()
    assert claims["cnf"]["jwk"]["x"] == holder.as_dict()["x"]
    assert claims["name"] == award.learner_name  # 1 identification of the learner
    assert (
        claims["learner_identification"]["hash"]
        == (module_credential.document["credentialSubject"]["identifier"][0]["identityHash"])
    )
    assert claims["achievement_title"] == award.spec.title  # 2
    assert claims["issuing_country"] == award.issuer.country_code  # 3
    assert [b["name"] for b in claims["awarding_bodies"]] == [  # 4
        b.name for b in award.spec.awarding_bodies
    ]
    assert claims["date_of_issuance"] == award.award.valid_from.date().isoformat()  # 5
    assert claims["learning_outcomes"] == [o.statement for o in award.spec.learning_outcomes]  # 6
    assert (
        claims["expected_study_time"]
        == (  # 7
            module_credential.document["credentialSubject"]["achievement"]["notionalWorkload"]
        )
    )
    assert claims.get("level_of_learning_experience") == award.spec.eqf_level  # 8
    assert claims["assessment_type"] == award.spec.assessment_type.label  # 9
    assert claims["form_of_participation"] == award.spec.form_of_participation.label  # 10
    assert claims["types_of_quality_assurance"] == [award.spec.quality_assurance]  # 11
    assert claims["assessment_grade"].endswith(" %")
    assert claims["evaluator_verification"] == [award.spec.supervision.label]
    assert claims["language_of_assessment"] == award.spec.assessment_language == "en"
    assert claims["credential_id"] == module_credential.credential_id
    assert claims["status"]["status_list"] == {
        "idx": module_credential.status_index,
        "uri": token_status.list_uri(module_credential.status_list),
    }


@pytest.mark.small_course
def test_personal_and_optional_claims_are_only_in_disclosures(module_credential, learner):
    token = wallet_credential.sd_jwt_vc(
        credential=module_credential,
        holder_jwk=_holder().as_dict(private=False),
        email=learner.email,
    )
    issuer_jwt = token.split("~")[0]
    payload = sdjwt.b64url_decode(issuer_jwt.split(".")[1]).decode()
    assert learner.full_name not in payload
    assert "learning_outcomes" not in payload
    assert "assessment_grade" not in payload
    assert "achievement_title" in payload  # what every verifier needs is always shown
    names = {d.name for d in sdjwt.parse(token).disclosures}
    assert {"name", "learning_outcomes", "assessment_grade", "credential_id"} <= names


@pytest.mark.small_course
def test_a_new_delivery_has_new_salts_and_binds_the_new_wallet_key(module_credential):
    first, second = _holder(), _holder()
    one = wallet_credential.sd_jwt_vc(
        credential=module_credential, holder_jwk=first.as_dict(private=False), email=None
    )
    two = wallet_credential.sd_jwt_vc(
        credential=module_credential, holder_jwk=second.as_dict(private=False), email=None
    )
    assert set(one.split("~")[1:-1]).isdisjoint(two.split("~")[1:-1])
    assert _verify(two).claims["cnf"]["jwk"]["x"] == second.as_dict()["x"]
    assert _verify(one).claims["achievement_title"] == _verify(two).claims["achievement_title"]


def test_the_course_credential_names_the_module_credentials_it_stacks(course, learner):
    curriculum = Curriculum.objects.get()
    curriculum.course_credential = {
        **curriculum.course_credential,
        "rule": {"modules": ["M01", "M07"]},
    }
    curriculum.save()
    for code in ("M01", "M07"):
        issue_for_attempt(attempt_id=pass_module(learner, code).pk)
    course_credential = issue_course_credential_if_complete(learner=learner)
    claims = _verify(
        wallet_credential.sd_jwt_vc(
            credential=course_credential, holder_jwk=_holder().as_dict(private=False), email=None
        )
    ).claims
    assert claims["vct"].endswith("/credentials/types/course/v1")
    assert claims["integration_stackability_options"] is True
    assert len(claims["stacked_credentials"]) == len(course_credential.document["evidence"])


@pytest.mark.small_course
def test_the_demo_chain_names_the_site_and_its_root_signed_the_leaf(module_credential, settings):
    token = wallet_credential.sd_jwt_vc(
        credential=module_credential, holder_jwk=_holder().as_dict(private=False), email=None
    )
    chain = [
        x509.load_der_x509_certificate(base64.b64decode(c))
        for c in sdjwt.unverified_header(token.split("~")[0])["x5c"]
    ]
    assert len(chain) == 2
    chain[0].verify_directly_issued_by(chain[1])
    names = chain[0].extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert settings.SITE_URL in names.get_values_for_type(x509.UniformResourceIdentifier)
    assert CertifiedIssuerKey.objects.get(in_use=True).encrypted_private_key[:1] != b"0"


def test_type_metadata_is_served_at_the_vct_in_seven_languages(client):
    response = client.get(reverse("credentials:sd_jwt_vc_type", args=["module", "v1"]))
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    metadata = response.json()
    assert metadata["vct"].endswith("/credentials/types/module/v1")
    assert [d["locale"] for d in metadata["display"]] == ["en", "pl", "el", "de", "es", "it", "pt"]
    assert len({d["name"] for d in metadata["display"]}) == 7  # translated, not English seven times
    claims = {tuple(c["path"]): c for c in metadata["claims"]}
    assert claims["name",]["sd"] == "always"
    assert claims["achievement_title",]["sd"] == "never"
    assert len(claims["learning_outcomes",]["display"]) == 7
    assert client.get("/credentials/types/diploma/v1").status_code == 404


def test_jwt_vc_issuer_metadata_lists_the_key_in_use_and_retired_ones(client):
    first = wallet_keys.create_self_signed()
    second = wallet_keys.create_self_signed()
    metadata = client.get("/.well-known/jwt-vc-issuer").json()
    assert metadata["issuer"] == wallet_credential.credential_issuer()
    assert [k["kid"] for k in metadata["jwks"]["keys"]] == [
        first.public_jwk["kid"],
        second.public_jwk["kid"],
    ]
    assert all("d" not in key for key in metadata["jwks"]["keys"])


def _status_bit(client, credential) -> int:
    response = client.get(
        reverse("credentials:token_status_list", args=[credential.status_list_id])
    )
    assert response["Content-Type"] == "application/statuslist+jwt"
    assert "max-age=60" in response["Cache-Control"]
    token = response.content.decode()
    header = sdjwt.unverified_header(token)
    leaf = x509.load_der_x509_certificate(base64.b64decode(header["x5c"][0]))
    claims = sdjwt.decode_jws(token, ECKey.import_key(leaf.public_key()), ["ES256"])[1]
    assert header["typ"] == "statuslist+jwt"
    assert claims["sub"] == token_status.list_uri(credential.status_list)
    return token_status_list.status_at(claims["status_list"]["lst"], credential.status_index)


@pytest.mark.small_course
def test_one_revocation_sets_the_bit_in_the_token_status_list_too(
    client, module_credential, platform_admin
):
    assert _status_bit(client, module_credential) == 0
    revoke_credential(credential=module_credential, reason="Issued in error", actor=platform_admin)
    assert _status_bit(client, module_credential) == 1


def _provider_chain(csr_pem: bytes) -> bytes:
    """What a trust service provider returns for the request: its CA and our leaf."""
    request = x509.load_pem_x509_csr(csr_pem)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test QTSP CA")])
    now = datetime.now(UTC)
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    leaf = (
        x509.CertificateBuilder()
        .subject_name(request.subject)
        .issuer_name(ca_name)
        .public_key(request.public_key())
        .serial_number(2)
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=30))
        .sign(ca_key, hashes.SHA256())
    )
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in (leaf, ca))


@pytest.mark.small_course
def test_an_operator_installs_a_certificate_from_a_trust_service_provider(
    tmp_path, module_credential
):
    demo = wallet_keys.create_self_signed()
    request_file, chain_file = tmp_path / "issuer.csr", tmp_path / "chain.pem"
    call_command("wallet_certificate", "--signing-request", str(request_file), stdout=io.StringIO())
    assert CertifiedIssuerKey.objects.get(in_use=True) == demo  # the demo signs until then
    chain_file.write_bytes(_provider_chain(request_file.read_bytes()))
    out = io.StringIO()
    call_command("wallet_certificate", "--install", str(chain_file), stdout=out)
    assert "installed chain" in out.getvalue()
    installed = CertifiedIssuerKey.objects.get(in_use=True)
    assert installed != demo
    token = wallet_credential.sd_jwt_vc(
        credential=module_credential, holder_jwk=_holder().as_dict(private=False), email=None
    )
    assert _leaf(token).issuer.rfc4514_string() == "CN=Test QTSP CA"
    assert _verify(token).claims["achievement_title"]


def test_a_certificate_for_another_key_is_refused(tmp_path):
    other = ec.generate_private_key(ec.SECP256R1())
    request = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "x")]))
        .sign(other, hashes.SHA256())
    )
    chain_file = tmp_path / "chain.pem"
    chain_file.write_bytes(_provider_chain(request.public_bytes(serialization.Encoding.PEM)))
    with pytest.raises(Exception, match="No waiting key matches"):
        call_command("wallet_certificate", "--install", str(chain_file), stdout=io.StringIO())
