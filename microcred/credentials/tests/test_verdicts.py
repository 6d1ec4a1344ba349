"""The verdict on the verify page and in the API (issue #12, findings 2 and 3).

"Valid" only when every check passed and the signer is one the platform knows; the signer is
named from our own DIDs and the trust list, never from the credential's text.
"""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.urls import reverse

from microcred.credentials.models import StatusList
from microcred.credentials.services import issue_for_attempt
from microcred.credentials.trust import TrustedIssuer
from vckit import did, ob3, proof, status_list
from vckit.model import Award, IssuerProfile, Organisation, StatusEntry, new_credential_id
from vckit.tests import samples

pytestmark = [pytest.mark.django_db, pytest.mark.small_course]

CONSORTIUM_CLAIM = "Digital Citizens of Europe 4.0 consortium"


def foreign_credential(key, *, status_url: str | None = None, name: str = CONSORTIUM_CLAIM,
                       valid_from: datetime | None = None,
                       valid_until: datetime | None = None,
                       purpose: str = "revocation") -> dict:
    """A credential signed by `key` (a did:key) that names whoever `name` says as its issuer
    and awarding body: the credential's own text, which proves nothing."""
    controller = key.verification_method.split("#", 1)[0]
    profile = IssuerProfile(did=controller, name=name, url=settings.SITE_URL + "/",
                            email=settings.CONSORTIUM_EMAIL, country_code="PL")
    spec = samples.SPEC.__class__(**{
        **{field: getattr(samples.SPEC, field) for field in samples.SPEC.__dataclass_fields__},
        "awarding_bodies": (Organisation(id=controller, name=name, country_code="PL"),)})
    award = Award(credential_id=new_credential_id(),
                  valid_from=valid_from or datetime.now(UTC) - timedelta(days=1),
                  valid_until=valid_until,
                  status=StatusEntry(status_url, 7) if status_url else None)
    unsigned = ob3.build(issuer=profile, spec=spec, recipient=samples.RECIPIENT, award=award)
    if status_url:
        unsigned["credentialStatus"]["statusPurpose"] = purpose
    return proof.sign(unsigned, key, created=award.valid_from)


def signed_status_list(key, url: str, *, revoked: bool = False,
                       purpose: str = "revocation") -> dict:
    bits = status_list.new_bitstring()
    if revoked:
        status_list.set_bit(bits, 7)
    unsigned = status_list.build_credential(
        list_url=url, issuer=key.verification_method.split("#", 1)[0], bitstring=bits,
        valid_from=datetime.now(UTC) - timedelta(days=1), purpose=purpose)
    return proof.sign(unsigned, key, created=datetime.now(UTC) - timedelta(days=1))


def check_page(client, document) -> str:
    return client.post(reverse("credentials:verify"),
                       {"text": json.dumps(document)}).content.decode()


def check_api(client, document) -> dict:
    return client.post("/api/credentials/verify", json.dumps({"verifiableCredential": document}),
                       content_type="application/json").json()


def trust(key, name="Universidade Exemplo", country="PT") -> str:
    controller = key.verification_method.split("#", 1)[0]
    TrustedIssuer.objects.create(did=controller, name=name, country=country)
    return controller


# Finding 3: anyone could pass as the consortium.

def test_a_self_signed_credential_naming_the_consortium_is_from_an_issuer_we_do_not_know(client):
    key = did.generate_issuer_key()
    document = foreign_credential(key)
    page = check_page(client, document)
    assert "<h1>Issuer unknown" in page
    assert "Signed by an issuer we do not know." in page
    assert "Signer not known to us" in page
    assert key.verification_method.split("#")[0] in page
    assert "own claims. We have not confirmed them." in page
    assert "Valid" not in page.split("</h1>")[0]
    result = check_api(client, document)
    assert result["verdict"] == "issuer_unknown"
    assert result["verified"] is False
    assert result["signer"] == {"did": key.verification_method.split("#")[0], "name": None,
                                "kind": "unknown"}


def test_an_issuer_on_the_trust_list_is_named_from_the_list_not_from_the_credential(client):
    key = did.generate_issuer_key()
    controller = trust(key)
    document = foreign_credential(key, name="Totally The Consortium")
    page = check_page(client, document)
    assert "<h1>Valid" in page
    assert "Signed by Universidade Exemplo (Portugal), an issuer on our list of trusted" in page
    assert "Signer known to us" in page
    result = check_api(client, document)
    assert (result["verdict"], result["verified"]) == ("valid", True)
    assert result["signer"] == {"did": controller, "name": "Universidade Exemplo",
                                "kind": "trusted"}


def test_our_own_credential_names_the_consortium(client, passed):
    credential = issue_for_attempt(attempt_id=passed.pk)
    page = client.get(reverse("credentials:verify_issued", args=[credential.pk])).content.decode()
    assert "<h1>Valid" in page
    assert f"Signed by {settings.CONSORTIUM_NAME}, the consortium that runs this platform." \
        in page
    result = check_api(client, credential.document)
    assert result["signer"]["kind"] == "consortium"
    assert result["verdict"] == "valid"


# Finding 2: "genuine and valid" when it could not check.

@pytest.mark.parametrize("where", [
    "http://issuer.example/status/1",  # plain http
    "https://10.0.0.7/status/1",  # private address
    "https://127.0.0.1/status/1",
    "https://169.254.169.254/latest/meta-data/",
])
def test_a_status_list_we_may_not_fetch_means_could_not_check(client, where):
    key = did.generate_issuer_key()
    trust(key)  # even a trusted issuer: trust never stands in for a check
    document = foreign_credential(key, status_url=where)
    page = check_page(client, document)
    assert "<h1>Could not check" in page
    assert "We could not check whether it was revoked" in page
    result = check_api(client, document)
    assert (result["verdict"], result["verified"], result["revocation"]) == (
        "could_not_check", False, "unknown")


def test_an_unreachable_status_list_means_could_not_check(client, settings, listener):
    closed = listener.port
    listener.sock.close()  # nothing answers there now
    origin = f"http://127.0.0.1:{closed}"
    settings.VERIFIER_ALLOWED_PRIVATE_ORIGINS = [origin]
    key = did.generate_issuer_key()
    trust(key)
    result = check_api(client, foreign_credential(key, status_url=f"{origin}/status/1"))
    assert (result["verdict"], result["verified"]) == ("could_not_check", False)


def test_a_missing_status_list_means_could_not_check(client, settings, server):
    origin, handler = server
    settings.VERIFIER_ALLOWED_PRIVATE_ORIGINS = [origin]
    key = did.generate_issuer_key()
    trust(key)
    document = foreign_credential(key, status_url=f"{origin}/status/1")
    assert "<h1>Could not check" in check_page(client, document)
    assert check_api(client, document)["verdict"] == "could_not_check"
    assert [path for path, _host in handler.seen] == ["/status/1", "/status/1"]


def test_a_reachable_status_list_gives_valid_and_a_set_bit_gives_revoked(client, settings,
                                                                          server):
    origin, handler = server
    settings.VERIFIER_ALLOWED_PRIVATE_ORIGINS = [origin]
    key = did.generate_issuer_key()
    trust(key)
    url = f"{origin}/status/1"
    document = foreign_credential(key, status_url=url)
    handler.routes["/status/1"] = (200, {}, json.dumps(signed_status_list(key, url)).encode())
    assert check_api(client, document)["verdict"] == "valid"
    handler.routes["/status/1"] = (200, {}, json.dumps(
        signed_status_list(key, url, revoked=True)).encode())
    page = check_page(client, document)
    assert "<h1>Revoked" in page
    assert "The issuer has cancelled this credential" in page


def test_a_set_suspension_bit_gives_suspended(client, settings, server):
    origin, handler = server
    settings.VERIFIER_ALLOWED_PRIVATE_ORIGINS = [origin]
    key = did.generate_issuer_key()
    trust(key)
    url = f"{origin}/status/2"
    document = foreign_credential(key, status_url=url, purpose="suspension")
    handler.routes["/status/2"] = (200, {}, json.dumps(
        signed_status_list(key, url, revoked=True, purpose="suspension")).encode())
    page = check_page(client, document)
    assert "<h1>Suspended" in page
    assert "Put on hold by the issuer." in page
    assert check_api(client, document)["verdict"] == "suspended"


def test_our_own_status_list_unavailable_means_could_not_check(client, passed):
    credential = issue_for_attempt(attempt_id=passed.pk)
    StatusList.objects.update(signed_credential={})
    page = client.get(reverse("credentials:verify_issued", args=[credential.pk])).content.decode()
    assert "<h1>Could not check" in page
    assert "valid" not in page.split("</h1>")[0].lower()
    result = check_api(client, credential.document)
    assert (result["verdict"], result["verified"], result["revocation"]) == (
        "could_not_check", False, "unknown")


# The other verdicts, each with its plain-language sentence.

def test_expired_and_not_yet_valid_credentials_say_so(client):
    key = did.generate_issuer_key()
    trust(key)
    now = datetime.now(UTC)
    expired = foreign_credential(key, valid_from=now - timedelta(days=30),
                                 valid_until=now - timedelta(days=1))
    future = foreign_credential(key, valid_from=now + timedelta(days=30))
    assert "<h1>Expired" in check_page(client, expired)
    assert check_api(client, expired)["verdict"] == "expired"
    assert "<h1>Not valid yet" in check_page(client, future)
    assert check_api(client, future)["verdict"] == "not_yet_valid"


# Only signed data is displayed.

def test_a_changed_credential_shows_nothing_of_what_it_says(client):
    key = did.generate_issuer_key()
    trust(key)
    document = foreign_credential(key)
    document["credentialSubject"]["achievement"]["name"] = "Rocket science"
    page = check_page(client, document)
    assert "<h1>Changed or forged" in page
    assert "Rocket science" not in page
    assert "its signature does not match its contents" in page
    assert "<dt>" not in page
    assert check_api(client, document)["signer"] is None


def test_a_signature_we_cannot_check_shows_nothing_either(client):
    # A did:web whose document is at a private address: refused, so the key is never found.
    document = foreign_credential(did.generate_issuer_key("did:web:10.0.0.9"))
    page = check_page(client, document)
    assert "<h1>Could not check" in page
    assert "we could not check its signature" in page
    assert "<dt>" not in page
