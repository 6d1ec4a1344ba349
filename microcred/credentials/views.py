"""Public, machine-readable endpoints verifiers need: DID document, status lists, context."""

from pathlib import Path

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

import vckit
from microcred.accounts.models import PartnerOrganisation
from microcred.credentials import issuer
from microcred.credentials.models import IssuerKey, StatusList

ANNEX1_FILE = Path(vckit.__file__).parent / "contexts" / "annex1-v1.jsonld"

JSON_LD = "application/ld+json"


def _json(data: dict, content_type: str = "application/json") -> JsonResponse:
    response = JsonResponse(data, content_type=content_type, json_dumps_params={
        "ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # verifiers run on other sites
    return response


@require_GET
@cache_control(public=True, max_age=300)
def did_document(request: HttpRequest) -> JsonResponse:
    """did:web resolution (did:web 3.2): every key, current and retired."""
    return _json(issuer.did_document(), "application/did+ld+json")


@require_GET
@cache_control(public=True, max_age=300)
def partner_did_document(request: HttpRequest, slug: str) -> JsonResponse:
    """did:web:<site>:partners:<slug>, for a partner that signs its own credentials."""
    partner = get_object_or_404(PartnerOrganisation, slug=slug)
    controller = issuer.partner_did(partner)
    if not IssuerKey.objects.filter(did=controller).exists():
        raise Http404  # the partner has never signed anything: it has no DID
    return _json(issuer.did_document(controller), "application/did+ld+json")


@require_GET
@cache_control(public=True, max_age=60)
def status_list(request: HttpRequest, list_id: int) -> JsonResponse:
    status = get_object_or_404(StatusList, pk=list_id)
    if not status.signed_credential:
        raise Http404
    return _json(status.signed_credential, "application/vc+ld+json")


@require_GET
@cache_control(public=True, max_age=86400, immutable=True)
def annex1_context(request: HttpRequest) -> HttpResponse:
    """The Annex I extension context, byte for byte the file bundled with vckit."""
    response = HttpResponse(ANNEX1_FILE.read_bytes(), content_type=JSON_LD)
    response["Access-Control-Allow-Origin"] = "*"
    return response
