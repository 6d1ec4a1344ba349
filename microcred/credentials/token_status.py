"""The IETF Token Status List of each status list, for the SD-JWT VC copies of credentials.

A credential has one status bit (``IssuedCredential.status_list`` / ``status_index``); the W3C
Bitstring Status List and the Token Status List are two signed views of those same bytes, both
re-signed by ``status.set_revoked``, the one place a bit is ever set: one revoke, every format.
The token is also re-signed when it is older than the list's bits or close to expiry.
"""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from microcred.credentials import wallet_keys
from microcred.credentials.models import IssuedCredential, StatusList
from microcred.credentials.wallet_models import CertifiedIssuerKey
from vckit import token_status_list
from vckit.sdjwt_vc import TokenStatus

TTL = timedelta(minutes=1)  # how long a verifier may cache it, like the W3C list (max-age=60)
LIFETIME = timedelta(days=1)  # exp: a token stays usable offline this long
REFRESH = timedelta(hours=12)  # re-signed on request once this old


def list_uri(status: StatusList) -> str:
    return settings.SITE_URL + reverse("credentials:token_status_list", args=[status.pk])


def entry(credential: IssuedCredential) -> TokenStatus:
    return TokenStatus(uri=list_uri(credential.status_list), index=credential.status_index)


def sign(status: StatusList) -> StatusList:
    """(Re)sign the Status List Token from the list's current bits."""
    active = wallet_keys.active_key()
    now = timezone.now()
    claims = token_status_list.payload(
        uri=list_uri(status),
        issuer=settings.SITE_URL,
        bitstring=bytes(status.bits),
        issued_at=int(now.timestamp()),
        expires_at=int((now + LIFETIME).timestamp()),
        ttl=int(TTL.total_seconds()),
    )
    status.token_list_jwt = token_status_list.sign(claims, key=active.key, x5c=active.x5c)
    status.token_list_signed_at = now
    status.save(update_fields=["token_list_jwt", "token_list_signed_at"])
    return status


def sign_after_revocation(status: StatusList) -> None:
    """Called by ``status.set_revoked``. A production deployment that has never installed a
    certified key has issued no SD-JWT VC, so there is no token to keep in step."""
    if settings.PRODUCTION and not CertifiedIssuerKey.objects.filter(in_use=True).exists():
        return
    sign(status)


def current_token(status: StatusList) -> str:
    """The served token: the stored one while it is newer than the bits and not near expiry."""
    signed_at = status.token_list_signed_at
    if (
        not status.token_list_jwt
        or signed_at is None
        or signed_at < status.updated_at
        or timezone.now() - signed_at > REFRESH
    ):
        status = sign(status)
    return status.token_list_jwt
