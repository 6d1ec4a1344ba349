"""Verification API in the style of the W3C VC API (POST /credentials/verify)."""

from typing import Any, Literal

from ninja import Router, Schema

from microcred.core.ratelimit import verify_rate_limit
from microcred.credentials import verification

router = Router(tags=["credentials"])


class VerifyRequest(Schema):
    verifiableCredential: dict[str, Any]
    options: dict[str, Any] = {}


class Problem(Schema):
    code: str
    message: str


class Signer(Schema):
    did: str
    name: str | None
    kind: Literal["consortium", "partner", "trusted", "unknown"]


class VerifyResponse(Schema):
    verified: bool
    verdict: Literal["valid", "revoked", "suspended", "expired", "not_yet_valid", "forged",
                     "issuer_unknown", "could_not_check"]
    status: str
    signer: Signer | None
    checks: list[str]
    warnings: list[Problem]
    errors: list[Problem]
    revocation: str


class TooManyRequests(Schema):
    detail: str


@router.post("/verify", response={200: VerifyResponse, 429: TooManyRequests},
             summary="Verify a credential",
             description=(
                 "Checks the Data Integrity proof (eddsa-rdfc-2022), that the issuer controls the "
                 "key, the Open Badges 3.0 schema, the validity dates and the revocation status, "
                 "then who signed it.\n\n"
                 "`verdict` is the platform's answer, the same as the verify page's: `valid` only "
                 "when every check passed and the signer is this platform, one of its partners or "
                 "an issuer on its trust list; `issuer_unknown` when every check passed but the "
                 "signer is none of those; `could_not_check` when a DID document or status list "
                 "could not be fetched or the kind of credential is not supported. `verified` is "
                 "true only when `verdict` is `valid`. `status` is the verifier's result before "
                 "the trust check. `signer` names the DID whose key made the verified signature "
                 "and what the platform knows of it (`name` is null for an unknown issuer: the "
                 "names inside the credential are its own claims); it is null when no signature "
                 "verified. `revocation` is `unknown` when the status list could not be fetched: "
                 "that is never reported as not revoked.\n\n"
                 "Anonymous callers share a per-client limit with the verify page: HTTP 429 with "
                 "a `Retry-After` header when it is reached."))
@verify_rate_limit
def verify_credential(request, payload: VerifyRequest) -> dict[str, Any]:
    return verification.verify_credential(payload.verifiableCredential).judgement.as_dict()
