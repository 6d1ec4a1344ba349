"""Verification API in the style of the W3C VC API (POST /credentials/verify)."""

from typing import Any

from ninja import Router, Schema

from microcred.credentials import verification

router = Router(tags=["credentials"])


class VerifyRequest(Schema):
    verifiableCredential: dict[str, Any]
    options: dict[str, Any] = {}


class Problem(Schema):
    code: str
    message: str


class VerifyResponse(Schema):
    verified: bool
    checks: list[str]
    warnings: list[Problem]
    errors: list[Problem]
    revocation: str


@router.post("/verify", response=VerifyResponse, summary="Verify a credential",
             description=(
                 "Checks the Data Integrity proof (eddsa-rdfc-2022), that the issuer controls the "
                 "key, the Open Badges 3.0 schema, the validity dates and the revocation status. "
                 "`revocation` is `unknown` when the status list could not be fetched: that is "
                 "never reported as not revoked."))
def verify_credential(request, payload: VerifyRequest) -> dict[str, Any]:
    return verification.verify_credential(payload.verifiableCredential).result.as_dict()
