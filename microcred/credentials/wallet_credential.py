"""The SD-JWT VC copy of an issued credential, for an EU Digital Identity Wallet.

Made from the stored signed OB 3.0 credential (``vckit.signed.read``), never from today's rows,
like the PDF and the Europass copy: the three forms of one credential always agree. Each
delivery is a new SD-JWT VC (new salts, bound to the wallet key it is sent to) of the same
credential data.
"""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils import timezone

from microcred.credentials import token_status, wallet_keys, wallet_metadata
from microcred.credentials.models import IssuedCredential
from vckit import sdjwt_vc, signed


def kind_of(credential: IssuedCredential) -> str:
    return "course" if credential.spec.is_course else "module"


def credential_issuer() -> str:
    """The Credential Issuer Identifier (OpenID4VCI 1.0 section 12.2.1) and the SD-JWT VC
    ``iss``: the deployment's origin."""
    return settings.SITE_URL


def sd_jwt_vc(
    *, credential: IssuedCredential, holder_jwk: Mapping[str, Any], email: str | None
) -> str:
    """A fresh SD-JWT VC of `credential`, bound to `holder_jwk`. Raises
    ``signed.UnreadableCredential`` for a record that holds no readable signed credential."""
    award = signed.read(credential.document)
    active = wallet_keys.active_key()
    return sdjwt_vc.issue(
        award,
        key=active.key,
        x5c=active.x5c,
        vct=wallet_metadata.vct(kind_of(credential)),
        issuer=credential_issuer(),
        holder_jwk=holder_jwk,
        issued_at=timezone.now(),
        status=token_status.entry(credential),
        email=email,
    )
