"""OpenID4VCI 1.0 endpoints for wallets: metadata, token, nonce, credential.

Answers are never cached (never_cache: "no-store"), as OAuth requires for tokens. The POST
endpoints are OAuth/OID4VCI JSON APIs called by wallet apps, never by a browser form
with our session cookie, so they are the only views exempt from CSRF protection; they share a
per-client rate limit like the verify API. Errors use the specs' JSON error responses.
"""

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from microcred.core import ratelimit
from microcred.credentials import oid4vci, wallet_metadata
from microcred.credentials.oid4vci import OAuthError

PERIOD_SECONDS = 60


def _json(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # web wallets run on other sites
    return response


def _error(error: OAuthError) -> JsonResponse:
    response = _json(error.as_dict(), status=error.status)
    if error.status == 401:
        response["WWW-Authenticate"] = f'Bearer error="{error.code}"'
    return response


def wallet_rate_limit(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """HTTP 429 once a client is over OID4VCI_RATE_LIMIT_PER_MINUTE requests a minute."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if ratelimit.hit_rate_limit(
            scope="oid4vci",
            key=ratelimit.client_key(request),
            limit=settings.OID4VCI_RATE_LIMIT_PER_MINUTE,
            period_seconds=PERIOD_SECONDS,
        ):
            response = _error(OAuthError("slow_down", "too many requests", status=429))
            response["Retry-After"] = str(PERIOD_SECONDS)
            return response
        return view(request, *args, **kwargs)

    return wrapped


@require_GET
@cache_control(public=True, max_age=300)
def credential_issuer_metadata(request: HttpRequest) -> JsonResponse:
    return _json(wallet_metadata.credential_issuer_metadata())


@require_GET
@cache_control(public=True, max_age=300)
def authorization_server_metadata(request: HttpRequest) -> JsonResponse:
    return _json(wallet_metadata.authorization_server_metadata())


@csrf_exempt
@require_POST
@never_cache
@wallet_rate_limit
def token(request: HttpRequest) -> JsonResponse:
    """Token endpoint (section 6), form-encoded as OAuth requires."""
    if request.POST.get("grant_type") != oid4vci.PRE_AUTHORIZED_GRANT:
        return _error(OAuthError("unsupported_grant_type", "only the pre-authorized code"))
    try:
        answer = oid4vci.redeem_pre_authorized_code(
            code=request.POST.get("pre-authorized_code", ""), tx_code=request.POST.get("tx_code")
        )
    except OAuthError as error:
        return _error(error)
    return _json(answer)


@csrf_exempt
@require_POST
@never_cache
@wallet_rate_limit
def nonce(request: HttpRequest) -> JsonResponse:
    """Nonce endpoint (section 7): a fresh c_nonce, never cached."""
    return _json({"c_nonce": oid4vci.new_nonce()})


@csrf_exempt
@require_POST
@never_cache
@wallet_rate_limit
def credential(request: HttpRequest) -> JsonResponse:
    """Credential endpoint (section 8): one SD-JWT VC for the offer the token was issued for."""
    try:
        body = json.loads(request.body or b"null")
    except ValueError:
        return _error(OAuthError("invalid_credential_request", "the body is not JSON"))
    try:
        answer = oid4vci.deliver_credential(
            authorization=request.headers.get("Authorization", ""), body=body
        )
    except OAuthError as error:
        return _error(error)
    return _json(answer)
