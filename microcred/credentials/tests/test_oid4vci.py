"""OpenID4VCI 1.0, pre-authorized code flow, driven as a wallet drives it (a Python wallet here;
the independent Node wallet is interop/oid4vci): the offer, the token, the nonce, the key proof,
the credential; and each way a wallet, a thief or another learner can get it wrong."""

import io
import json
import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from joserfc import jws
from joserfc.jwk import ECKey, OKPKey

from microcred.credentials import oid4vci, wallet_credential
from microcred.credentials.models import CredentialEvent
from microcred.credentials.services import issue_for_attempt, revoke_credential
from microcred.credentials.tests.conftest import pass_module
from microcred.credentials.wallet_models import WalletOffer
from vckit import sdjwt

pytestmark = [pytest.mark.django_db, pytest.mark.small_course]

TOKEN, NONCE, CREDENTIAL = "/oid4vci/token", "/oid4vci/nonce", "/oid4vci/credential"


@pytest.fixture
def credential(passed):
    return issue_for_attempt(attempt_id=passed.pk)


@pytest.fixture
def wallet() -> Client:
    # A wallet app has no session and no CSRF token.
    return Client(enforce_csrf_checks=True)


def _offer(uri: str) -> dict:
    assert uri.startswith("openid-credential-offer://?credential_offer=")
    return json.loads(parse_qs(urlsplit(uri).query)["credential_offer"][0])


def _code(uri: str) -> str:
    return _offer(uri)["grants"][oid4vci.PRE_AUTHORIZED_GRANT]["pre-authorized_code"]


def _token(wallet: Client, code: str, tx_code: str | None = None):
    data = {"grant_type": oid4vci.PRE_AUTHORIZED_GRANT, "pre-authorized_code": code}
    if tx_code is not None:
        data["tx_code"] = tx_code
    return wallet.post(TOKEN, data)


def _proof(key, *, nonce: str, aud: str | None = None, header_key=None, iat=None) -> str:
    alg = "ES256" if isinstance(key, ECKey) else "EdDSA"
    header = {
        "typ": "openid4vci-proof+jwt",
        "alg": alg,
        "jwk": (header_key or key).as_dict(private=False),
    }
    claims = {
        "aud": aud or wallet_credential.credential_issuer(),
        "nonce": nonce,
        "iat": iat or int(time.time()),
    }
    return jws.serialize_compact(
        header, json.dumps(claims).encode(), key, algorithms=["ES256", "EdDSA"]
    )


def _request_credential(wallet: Client, access_token: str, proof: str, kind: str = "module"):
    return wallet.post(
        CREDENTIAL,
        json.dumps(
            {
                "credential_configuration_id": f"microcred_{kind}_sd_jwt_vc",
                "proofs": {"jwt": [proof]},
            }
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {access_token}",
    )


def _nonce(wallet: Client) -> str:
    return wallet.post(NONCE).json()["c_nonce"]


@pytest.mark.parametrize("key_type", ["ES256", "EdDSA"])
def test_a_wallet_takes_an_offer_and_gets_the_credential_bound_to_its_key(
    wallet, credential, learner, key_type
):
    new = oid4vci.create_offer(credential=credential, actor=learner)
    offer = _offer(new.uri)
    assert offer["credential_issuer"] == wallet_credential.credential_issuer()
    assert offer["credential_configuration_ids"] == ["microcred_module_sd_jwt_vc"]
    token = _token(wallet, _code(new.uri))
    assert token.status_code == 200, token.content
    assert "no-store" in token["Cache-Control"]
    key = ECKey.generate_key("P-256") if key_type == "ES256" else OKPKey.generate_key("Ed25519")
    response = _request_credential(
        wallet, token.json()["access_token"], _proof(key, nonce=_nonce(wallet))
    )
    assert response.status_code == 200, response.content
    issued = response.json()["credentials"][0]["credential"]
    claims = sdjwt.parse(issued)
    assert claims.disclosures
    delivered = CredentialEvent.objects.get(action="wallet_delivered", credential=credential)
    assert delivered.details["holder_key"] == key.thumbprint()
    assert CredentialEvent.objects.filter(action="wallet_offered", actor=learner).exists()
    # The token fetched its one credential.
    again = _request_credential(
        wallet, token.json()["access_token"], _proof(key, nonce=_nonce(wallet))
    )
    assert again.status_code == 401


def test_a_replayed_pre_authorized_code_is_refused_and_ends_the_first_token(
    wallet, credential, learner
):
    code = _code(oid4vci.create_offer(credential=credential, actor=learner).uri)
    first = _token(wallet, code).json()["access_token"]
    replay = _token(wallet, code)
    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_grant"
    key = ECKey.generate_key("P-256")
    assert _request_credential(wallet, first, _proof(key, nonce=_nonce(wallet))).status_code == 401


def test_an_expired_offer_is_refused(wallet, credential, learner):
    new = oid4vci.create_offer(credential=credential, actor=learner)
    WalletOffer.objects.filter(pk=new.offer.pk).update(expires_at=timezone.now())
    response = _token(wallet, _code(new.uri))
    assert response.json() == {
        "error": "invalid_grant",
        "error_description": "the offer has expired",
    }


def test_a_transaction_code_is_e_mailed_required_and_its_tries_are_limited(
    wallet, credential, learner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        new = oid4vci.create_offer(credential=credential, actor=learner, with_tx_code=True)
    grant = _offer(new.uri)["grants"][oid4vci.PRE_AUTHORIZED_GRANT]
    assert grant["tx_code"]["length"] == 6
    assert mail.outbox[-1].to == [learner.email]
    assert new.tx_code in mail.outbox[-1].body
    code = _code(new.uri)
    assert _token(wallet, code).json()["error"] == "invalid_grant"  # without the code
    for _try in range(oid4vci.TX_CODE_TRIES - 1):
        assert (
            _token(wallet, code, "000000" if new.tx_code != "000000" else "111111").status_code
            == 400
        )
    assert WalletOffer.objects.get(pk=new.offer.pk).tx_code_tries == oid4vci.TX_CODE_TRIES
    refused = _token(wallet, code, new.tx_code)  # the right code, too late
    assert refused.json()["error_description"] == "too many wrong transaction codes"


def test_the_right_transaction_code_redeems_the_offer(wallet, credential, learner):
    new = oid4vci.create_offer(credential=credential, actor=learner, with_tx_code=True)
    assert _token(wallet, _code(new.uri), new.tx_code).status_code == 200


@pytest.mark.parametrize(
    "problem",
    ["wrong nonce", "reused nonce", "wrong audience", "signed by another key", "stale", "no typ"],
)
def test_a_key_proof_that_does_not_hold_is_refused(wallet, credential, learner, problem):
    first = oid4vci.create_offer(credential=credential, actor=learner)
    access = _token(wallet, _code(first.uri)).json()["access_token"]
    key, nonce = ECKey.generate_key("P-256"), _nonce(wallet)
    if problem == "reused nonce":
        other = _token(
            wallet, _code(oid4vci.create_offer(credential=credential, actor=learner).uri)
        ).json()["access_token"]
        assert _request_credential(wallet, other, _proof(key, nonce=nonce)).status_code == 200
    proof = {
        "wrong nonce": lambda: _proof(key, nonce="not-ours"),
        "reused nonce": lambda: _proof(key, nonce=nonce),
        "wrong audience": lambda: _proof(key, nonce=nonce, aud="https://elsewhere.example"),
        "signed by another key": lambda: _proof(
            key, nonce=nonce, header_key=ECKey.generate_key("P-256")
        ),
        "stale": lambda: _proof(key, nonce=nonce, iat=int(time.time()) - 3600),
        "no typ": lambda: jws.serialize_compact(
            {"alg": "ES256", "jwk": key.as_dict(private=False)},
            json.dumps(
                {
                    "aud": wallet_credential.credential_issuer(),
                    "nonce": nonce,
                    "iat": int(time.time()),
                }
            ).encode(),
            key,
        ),
    }[problem]()
    response = _request_credential(wallet, access, proof)
    assert response.status_code == 400
    expected = "invalid_nonce" if "nonce" in problem else "invalid_proof"
    assert response.json()["error"] == expected
    assert WalletOffer.objects.get(pk=first.offer.pk).delivered_at is None


def test_a_request_for_another_configuration_is_refused(wallet, credential, learner):
    access = _token(
        wallet, _code(oid4vci.create_offer(credential=credential, actor=learner).uri)
    ).json()["access_token"]
    response = _request_credential(
        wallet, access, _proof(ECKey.generate_key("P-256"), nonce=_nonce(wallet)), kind="course"
    )
    assert response.json()["error"] == "unknown_credential_configuration"


def test_a_learner_cannot_ask_for_an_offer_of_someone_elses_credential(
    client, credential, other_partner_learner
):
    client.force_login(other_partner_learner)
    response = client.post(reverse("credentials:eu_wallet", args=[credential.pk]))
    assert response.status_code == 404
    assert not WalletOffer.objects.exists()


def test_a_revoked_credential_is_never_offered_and_an_open_offer_stops(
    client, wallet, credential, learner, platform_admin
):
    open_offer = oid4vci.create_offer(credential=credential, actor=learner)
    revoke_credential(credential=credential, reason="Issued in error", actor=platform_admin)
    assert _token(wallet, _code(open_offer.uri)).json()["error_description"] == (
        "the credential was revoked"
    )
    client.force_login(learner)
    response = client.post(reverse("credentials:eu_wallet", args=[credential.pk]), follow=True)
    assert "A revoked credential cannot be added to a wallet." in response.content.decode()
    with pytest.raises(Exception, match="revoked"):
        call_command("credential_offer", "--credential", str(credential.pk), stdout=io.StringIO())


def test_the_wallet_page_offers_the_eu_wallet_with_a_qr_code_and_a_link(
    client, credential, learner
):
    client.force_login(learner)
    page = client.get(reverse("credentials:wallet")).content.decode()
    assert "Add to my EU Digital Identity Wallet" in page
    assert "Open Badges" in page
    assert "Europass" in page
    response = client.post(reverse("credentials:eu_wallet", args=[credential.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert "<svg viewBox=" in body
    link = re.search(r'href="(openid-credential-offer://[^"]+)"', body).group(1)
    assert _offer(link.replace("&amp;", "&"))["credential_configuration_ids"] == [
        "microcred_module_sd_jwt_vc"
    ]


def test_support_staff_print_a_fresh_offer_with_the_management_command(credential, wallet):
    out = io.StringIO()
    call_command("credential_offer", "--credential", str(credential.pk), stdout=out)
    uri = out.getvalue().strip()
    assert _token(wallet, _code(uri)).status_code == 200


def test_issuer_and_authorization_server_metadata_name_the_endpoints_in_seven_languages(wallet):
    issuer = wallet.get("/.well-known/openid-credential-issuer").json()
    assert issuer["credential_endpoint"].endswith(CREDENTIAL)
    assert issuer["nonce_endpoint"].endswith(NONCE)
    assert len(issuer["display"]) == 7
    module = issuer["credential_configurations_supported"]["microcred_module_sd_jwt_vc"]
    assert module["format"] == "dc+sd-jwt"
    assert len(module["credential_metadata"]["display"]) == 7
    assert "ES256" in module["proof_types_supported"]["jwt"]["proof_signing_alg_values_supported"]
    server = wallet.get("/.well-known/oauth-authorization-server").json()
    assert server["token_endpoint"].endswith(TOKEN)
    assert server["pre-authorized_grant_anonymous_access_supported"] is True


def test_the_wallet_endpoints_are_rate_limited_per_client(wallet, settings):
    settings.OID4VCI_RATE_LIMIT_PER_MINUTE = 2
    assert [wallet.post(NONCE).status_code for _ in range(3)] == [200, 200, 429]
    assert wallet.post(TOKEN, {"grant_type": "x"}).status_code == 429


def test_each_delivery_is_a_new_holder_binding_of_the_same_credential(wallet, credential, learner):
    claims = []
    for _delivery in range(2):
        access = _token(
            wallet, _code(oid4vci.create_offer(credential=credential, actor=learner).uri)
        ).json()["access_token"]
        key = ECKey.generate_key("P-256")
        issued = _request_credential(wallet, access, _proof(key, nonce=_nonce(wallet))).json()
        payload = json.loads(
            sdjwt.b64url_decode(issued["credentials"][0]["credential"].split("~")[0].split(".")[1])
        )
        claims.append((payload["cnf"]["jwk"]["x"], payload["achievement_title"]))
    assert claims[0][0] != claims[1][0]
    assert claims[0][1] == claims[1][1]
    assert CredentialEvent.objects.filter(action="wallet_delivered").count() == 2


def test_a_course_credential_is_offered_under_its_own_configuration(course, learner):
    credential = issue_for_attempt(attempt_id=pass_module(learner, "M02").pk)
    credential.spec.module = None  # the course specification has no module
    assert _offer(oid4vci.create_offer(credential=credential, actor=None).uri)[
        "credential_configuration_ids"
    ] == ["microcred_course_sd_jwt_vc"]
