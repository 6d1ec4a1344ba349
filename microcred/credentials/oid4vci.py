"""OpenID for Verifiable Credential Issuance 1.0: the pre-authorized code flow.

The learner (or support staff) makes an offer for one issued credential; the wallet exchanges
the offer's pre-authorized code, with the transaction code when the offer has one, for an access
token at the token endpoint (section 6), fetches a fresh nonce (section 7), and sends a key
proof signed with its key to the credential endpoint (section 8), which returns the SD-JWT VC
bound to that key. Every offer and every delivery is audited (``CredentialEvent``).

Codes are short-lived and single-use, wrong transaction codes are counted and a few end the
offer, nonces are single-use: all from the spec's security considerations (section 13).
"""

import json
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, OKPKey, import_key

from microcred.accounts.models import User
from microcred.core.mail import send_in_language
from microcred.credentials import wallet_credential, wallet_metadata
from microcred.credentials.errors import CredentialError
from microcred.credentials.models import CredentialEvent, IssuedCredential
from microcred.credentials.wallet_models import WalletOffer
from vckit import sdjwt

PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code"
PROOF_TYPE = "openid4vci-proof+jwt"
PROOF_ALGORITHMS = ("ES256", "EdDSA", "Ed25519")
OFFER_LIFETIME = timedelta(minutes=15)
TOKEN_LIFETIME = timedelta(minutes=5)
NONCE_SECONDS = 300
PROOF_AGE_SECONDS = 300  # a proof's iat may be this old (and 60 s in the future: clock skew)
TX_CODE_DIGITS = 6
TX_CODE_TRIES = 5


class OAuthError(Exception):
    """An error response of the token (RFC 6749 section 5.2) or credential endpoint
    (OpenID4VCI 1.0 section 8.3.1.2): `code` is the spec's error code."""

    def __init__(self, code: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.code, self.description, self.status = code, description, status

    def as_dict(self) -> dict[str, str]:
        return {"error": self.code, "error_description": self.description}


@dataclass(frozen=True)
class NewOffer:
    offer: WalletOffer
    uri: str  # openid-credential-offer://?credential_offer=...
    tx_code: str | None  # also e-mailed to the learner


def _digest(purpose: str, value: str) -> str:
    return salted_hmac(f"microcred.oid4vci.{purpose}", value).hexdigest()


def offer_document(offer: WalletOffer, code: str, with_tx_code: bool) -> dict[str, Any]:
    """The Credential Offer (section 4.1.1) for one credential."""
    grant: dict[str, Any] = {"pre-authorized_code": code}
    if with_tx_code:
        grant["tx_code"] = {
            "input_mode": "numeric",
            "length": TX_CODE_DIGITS,
            "description": _("The code we sent to your e-mail address"),
        }
    kind = wallet_credential.kind_of(offer.credential)
    return {
        "credential_issuer": wallet_credential.credential_issuer(),
        "credential_configuration_ids": [wallet_metadata.configuration_id(kind)],
        "grants": {PRE_AUTHORIZED_GRANT: grant},
    }


@transaction.atomic
def create_offer(
    *, credential: IssuedCredential, actor: User | None, with_tx_code: bool = False
) -> NewOffer:
    """A new offer of `credential` (a re-offer is just another one: the same credential data,
    bound to whichever wallet key redeems it). Refused for a revoked credential; the
    transaction code, if asked for, goes to the learner's e-mail address."""
    if credential.revoked_at is not None:
        raise CredentialError(_("A revoked credential cannot be added to a wallet."))
    if credential.learner is None:
        raise CredentialError(_("The learner's account was deleted: no new copies are made."))
    code = secrets.token_urlsafe(32)
    tx_code = (
        "".join(secrets.choice("0123456789") for _ in range(TX_CODE_DIGITS))
        if with_tx_code
        else None
    )
    offer = WalletOffer.objects.create(
        credential=credential,
        created_by=actor,
        expires_at=timezone.now() + OFFER_LIFETIME,
        code_digest=_digest("code", code),
        tx_code_digest=_digest("tx_code", tx_code) if tx_code else "",
    )
    CredentialEvent.objects.create(
        credential=credential,
        actor=actor,
        action="wallet_offered",
        details={"offer": str(offer.pk), "tx_code": tx_code is not None},
    )
    if tx_code is not None:
        learner = credential.learner
        transaction.on_commit(
            lambda: send_in_language(
                to=learner.email,
                language=learner.preferred_language,
                template="credentials/email/wallet_code",
                context={
                    "user": learner,
                    "code": tx_code,
                    "minutes": int(OFFER_LIFETIME.total_seconds()) // 60,
                },
            )
        )
    document = offer_document(offer, code, tx_code is not None)
    uri = "openid-credential-offer://?credential_offer=" + quote(
        json.dumps(document, separators=(",", ":"), ensure_ascii=False), safe=""
    )
    return NewOffer(offer=offer, uri=uri, tx_code=tx_code)


def redeem_pre_authorized_code(*, code: str, tx_code: str | None) -> dict[str, Any]:
    """The token response (section 6.2) for a valid offer, or OAuthError ``invalid_grant``.

    A wrong transaction code is counted (committed before the error is raised); after
    TX_CODE_TRIES the offer is dead. A replayed code also ends the token it was exchanged for
    (RFC 6749 section 4.1.2: a code used twice may have been stolen)."""
    with transaction.atomic():
        outcome = _redeem(code, tx_code)
    if isinstance(outcome, OAuthError):
        raise outcome
    return outcome


def _redeem(code: str, tx_code: str | None) -> dict[str, Any] | OAuthError:
    offer = (
        WalletOffer.objects.select_for_update(of=("self",))
        .select_related("credential")
        .filter(code_digest=_digest("code", code))
        .first()
    )
    now = timezone.now()
    if offer is None:
        return OAuthError("invalid_grant", "unknown pre-authorized code")
    if offer.redeemed_at is not None:
        offer.token_expires_at = now
        offer.save(update_fields=["token_expires_at"])
        return OAuthError("invalid_grant", "the pre-authorized code was already used")
    if now >= offer.expires_at:
        return OAuthError("invalid_grant", "the offer has expired")
    if offer.credential.revoked_at is not None:
        return OAuthError("invalid_grant", "the credential was revoked")
    if offer.tx_code_digest:
        if offer.tx_code_tries >= TX_CODE_TRIES:
            return OAuthError("invalid_grant", "too many wrong transaction codes")
        if not tx_code or not constant_time_compare(
            _digest("tx_code", tx_code), offer.tx_code_digest
        ):
            offer.tx_code_tries += 1
            offer.save(update_fields=["tx_code_tries"])
            return OAuthError("invalid_grant", "missing or wrong transaction code")
    token = secrets.token_urlsafe(32)
    offer.redeemed_at, offer.token_digest = now, _digest("token", token)
    offer.token_expires_at = now + TOKEN_LIFETIME
    offer.save(update_fields=["redeemed_at", "token_digest", "token_expires_at"])
    return {
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": int(TOKEN_LIFETIME.total_seconds()),
    }


def new_nonce() -> str:
    """A fresh c_nonce (section 7.2), kept in the shared cache until used or expired."""
    nonce = secrets.token_urlsafe(24)
    cache.set(f"oid4vci:nonce:{_digest('nonce', nonce)}", 1, timeout=NONCE_SECONDS)
    return nonce


def _use_nonce(nonce: object) -> bool:
    return isinstance(nonce, str) and bool(cache.delete(f"oid4vci:nonce:{_digest('nonce', nonce)}"))


def _proof_jwt(body: dict[str, Any]) -> str:
    """The one JWT proof of a credential request: ``proofs.jwt[0]`` (1.0) or ``proof.jwt``."""
    proofs = body.get("proofs")
    if isinstance(proofs, dict):
        jwts = proofs.get("jwt")
        if set(proofs) != {"jwt"} or not isinstance(jwts, list) or len(jwts) != 1:
            raise OAuthError("invalid_proof", "send exactly one proof of type jwt")
        candidate = jwts[0]
    else:
        proof = body.get("proof")
        if not isinstance(proof, dict) or proof.get("proof_type") != "jwt":
            raise OAuthError("invalid_proof", "a jwt key proof is required")
        candidate = proof.get("jwt")
    if not isinstance(candidate, str):
        raise OAuthError("invalid_proof", "the proof is not a JWT")
    return candidate


def holder_key(proof: str) -> dict[str, Any]:
    """The wallet's public JWK after checking its key proof (section 8.2.1.1 and appendix F.1):
    typ, an accepted algorithm, a public ``jwk`` header that verifies the signature, ``aud`` =
    the Credential Issuer Identifier, a fresh ``iat`` and a nonce we issued, used once."""
    try:
        header = sdjwt.unverified_header(proof)
    except sdjwt.SdJwtError:
        raise OAuthError("invalid_proof", "the proof is not a JWT") from None
    jwk = header.get("jwk")
    if header.get("typ") != PROOF_TYPE:
        raise OAuthError("invalid_proof", f"the proof's typ must be {PROOF_TYPE}")
    if header.get("alg") not in PROOF_ALGORITHMS:
        raise OAuthError("invalid_proof", "unsupported proof algorithm")
    if not isinstance(jwk, dict) or "d" in jwk or jwk.get("kty") not in ("EC", "OKP"):
        raise OAuthError("invalid_proof", "the proof must carry the public key (jwk header)")
    try:
        key = import_key(jwk)
    except (JoseError, ValueError, TypeError):
        raise OAuthError("invalid_proof", "the jwk header is not a valid key") from None
    if not isinstance(key, ECKey | OKPKey):
        raise OAuthError("invalid_proof", "unsupported key type")
    try:
        _header, claims = sdjwt.decode_jws(proof, key, PROOF_ALGORITHMS)
    except sdjwt.SdJwtError:
        raise OAuthError("invalid_proof", "the proof's signature does not verify") from None
    if claims.get("aud") != wallet_credential.credential_issuer():
        raise OAuthError("invalid_proof", "the proof is for another audience")
    issued = claims.get("iat")
    if not isinstance(issued, int | float) or not (
        time.time() - PROOF_AGE_SECONDS <= issued <= time.time() + 60
    ):
        raise OAuthError("invalid_proof", "the proof was not made just now (iat)")
    if not _use_nonce(claims.get("nonce")):
        raise OAuthError("invalid_nonce", "the proof's nonce is unknown, used or expired")
    return key.as_dict(private=False)


def _offer_for_token(authorization: str) -> WalletOffer:
    scheme, _space, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise OAuthError("invalid_token", "a Bearer access token is required", status=401)
    offer = (
        WalletOffer.objects.select_for_update(of=("self",))
        .select_related("credential__spec", "credential__learner", "credential__status_list")
        .filter(token_digest=_digest("token", token.strip()))
        .first()
    )
    if offer is None or offer.token_expires_at is None or timezone.now() >= offer.token_expires_at:
        raise OAuthError("invalid_token", "the access token is unknown or expired", status=401)
    if offer.delivered_at is not None:
        raise OAuthError("invalid_token", "the access token was already used", status=401)
    return offer


@transaction.atomic
def deliver_credential(*, authorization: str, body: object) -> dict[str, Any]:
    """The credential response (section 8.3): a fresh SD-JWT VC bound to the proven key."""
    offer = _offer_for_token(authorization)
    credential = offer.credential
    if not isinstance(body, dict):
        raise OAuthError("invalid_credential_request", "the request must be a JSON object")
    wanted = wallet_metadata.configuration_id(wallet_credential.kind_of(credential))
    if body.get("credential_configuration_id") != wanted:
        raise OAuthError("unknown_credential_configuration", f"this offer is for {wanted}")
    if credential.revoked_at is not None:
        raise OAuthError("credential_request_denied", "the credential was revoked")
    jwk = holder_key(_proof_jwt(body))
    learner = credential.learner
    token = wallet_credential.sd_jwt_vc(
        credential=credential, holder_jwk=jwk, email=learner.email if learner else None
    )
    offer.delivered_at = timezone.now()
    offer.save(update_fields=["delivered_at"])
    CredentialEvent.objects.create(
        credential=credential,
        actor=None,
        action="wallet_delivered",
        details={
            "offer": str(offer.pk),
            "configuration": wanted,
            "holder_key": import_key(jwk).thumbprint(),
        },
    )
    return {"credentials": [{"credential": token}]}
