"""W3C VC API verifier endpoints at the site root: POST /credentials/verify and
POST /presentations/verify (VC API, "Verifying" section).

These are the paths other tools expect, including the W3C test suites, so anyone can point a
standard client at a Microcred deployment. They answer JSON to anonymous callers: no session,
no CSRF token. HTTP status says the outcome the way the test suites read it: 200 when every
check passed, 422 when the document was read but did not verify, 400 when the request itself
is not usable. The body always carries the reasons.
"""

import json
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from microcred.core.ratelimit import verify_rate_limit
from microcred.credentials import verification

VERIFIED = 200
NOT_VERIFIED = 422
BAD_REQUEST = 400


class BadRequest(Exception):
    """The request cannot be read as a VC API verify request; the message says why."""


def _request_error(message: str) -> JsonResponse:
    body = {"verified": False, "checks": [], "warnings": [],
            "errors": [{"code": "MALFORMED_REQUEST", "message": message}]}
    return JsonResponse(body, status=BAD_REQUEST)


def _read_request(request: HttpRequest, document_key: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The document to verify and the options, from a VC API JSON body."""
    try:
        body = json.loads(request.body)
    except (ValueError, RecursionError) as error:
        raise BadRequest(_("The request body is not valid JSON.")) from error
    if not isinstance(body, dict):
        raise BadRequest(_("The request body must be a JSON object."))
    document = body.get(document_key)
    if not isinstance(document, dict):
        raise BadRequest(_("The request must carry “%(key)s” as a JSON object.")
                         % {"key": document_key})
    options = body.get("options")
    if options is None:
        options = {}
    if not isinstance(options, dict):
        raise BadRequest(_("“options” must be a JSON object."))
    for name in ("challenge", "domain"):
        if options.get(name) is not None and not isinstance(options[name], str):
            raise BadRequest(_("“options.%(name)s” must be a string.") % {"name": name})
    return document, options


def _answer(result: dict[str, Any]) -> JsonResponse:
    return JsonResponse(result, status=VERIFIED if result.get("verified") is True else NOT_VERIFIED)


@csrf_exempt
@require_POST
@verify_rate_limit
def verify_credential(request: HttpRequest) -> JsonResponse:
    try:
        credential, _options = _read_request(request, "verifiableCredential")
    except BadRequest as error:
        return _request_error(str(error))
    return _answer(verification.verify_credential(credential).result.as_dict())


@csrf_exempt
@require_POST
@verify_rate_limit
def verify_presentation(request: HttpRequest) -> JsonResponse:
    try:
        presentation, options = _read_request(request, "verifiablePresentation")
    except BadRequest as error:
        return _request_error(str(error))
    result = verification.verify_presentation(
        presentation, challenge=options.get("challenge"), domain=options.get("domain"))
    return _answer(result.as_dict())
