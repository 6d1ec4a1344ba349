"""Public documents wallets and verifiers fetch about our SD-JWT VCs: Type Metadata at each vct,
JWT VC Issuer Metadata, and the Token Status Lists. All cacheable, all open to other sites."""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from microcred.credentials import token_status, wallet_keys, wallet_metadata
from microcred.credentials.models import StatusList
from microcred.credentials.wallet_credential import credential_issuer
from vckit import token_status_list


def _json(data: dict) -> JsonResponse:
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # wallets and verifiers run elsewhere
    return response


@require_GET
@cache_control(public=True, max_age=3600)
def sd_jwt_vc_type(request: HttpRequest, kind: str, version: str) -> JsonResponse:
    """SD-JWT VC Type Metadata, served at the vct URL itself (SD-JWT VC draft, section 6.3.1)."""
    if kind not in wallet_metadata.KINDS or version != wallet_metadata.TYPE_VERSION:
        raise Http404
    return _json(wallet_metadata.type_metadata(kind))


@require_GET
@cache_control(public=True, max_age=300)
def jwt_vc_issuer(request: HttpRequest) -> JsonResponse:
    """JWT VC Issuer Metadata (SD-JWT VC draft, section 5): the issuer's public keys, current
    and retired, for verifiers that do not use the x5c chain."""
    return _json({"issuer": credential_issuer(), "jwks": {"keys": wallet_keys.published_jwks()}})


@require_GET
@cache_control(public=True, max_age=int(token_status.TTL.total_seconds()))
def token_status_list_view(request: HttpRequest, list_id: int) -> HttpResponse:
    """The Status List Token (status list draft, section 8), at a stable URL per list."""
    status = get_object_or_404(StatusList, pk=list_id)
    response = HttpResponse(
        token_status.current_token(status), content_type=token_status_list.MEDIA_TYPE
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
