"""The credentials app's part of "Download my data" and "Delete my account".

Export: every credential with its complete signed document, as the wallet's JSON download.

Deletion keeps each credential verifiable: the signed document (with the name printed on it and
the salted hash of the e-mail address), its status-list bit and the record an issuer needs to
revoke it. Anyone holding a copy, an employer for instance, must still be able to check it at
/verify/<id>/ (the certificate's QR code). The link to the person goes (the foreign key is
SET_NULL) and public share links are switched off: nobody can manage them any more.
"""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse

from microcred.accounts.models import User
from microcred.accounts.privacy import register_not_exported, register_section
from microcred.credentials.certificate import verification_url
from microcred.credentials.models import CredentialEvent, IssuedCredential
from microcred.credentials.wallet_models import WalletOffer


def _credentials(user: User) -> list[dict[str, Any]]:
    credentials = (IssuedCredential.objects.filter(learner=user).select_related("spec")
                   .prefetch_related(Prefetch("events", CredentialEvent.objects.order_by("at")),
                                     Prefetch("wallet_offers",
                                              WalletOffer.objects.order_by("created_at")))
                   .order_by("issued_at"))
    return [
        {
            "id": str(credential.pk),
            "credential": credential.spec.code,
            "title": credential.document.get("name", credential.spec.code),
            "issued_at": credential.issued_at,
            "language": credential.language,
            "revoked_at": credential.revoked_at,
            "reason_for_revocation": credential.revocation_reason or None,
            "check_address": verification_url(credential),
            "public_link": settings.SITE_URL + reverse("credentials:shared",
                                                       args=[credential.share_token])
            if credential.share_token else None,
            "history": [{"action": event.action, "at": event.at}
                        for event in credential.events.all()],
            # Offers to an EU wallet: when, and whether a wallet took the credential. The codes
            # themselves are stored only as keyed hashes and mean nothing to the learner.
            "wallet_offers": [{"offered_at": offer.created_at, "expires_at": offer.expires_at,
                               "delivered_at": offer.delivered_at}
                              for offer in credential.wallet_offers.all()],
            "signed_credential": credential.document,
        }
        for credential in credentials
    ]


def _keep_verifiable(*, user: User, now: datetime) -> dict[str, int]:
    credentials = IssuedCredential.objects.filter(learner=user)
    switched_off = credentials.filter(share_token__isnull=False).update(share_token=None)
    return {"credentials_kept": credentials.count(), "share_links_switched_off": switched_off}


register_section("credentials", _credentials, covers=("credentials.IssuedCredential.learner",),
                 erase=_keep_verifiable)
register_not_exported("credentials.CredentialEvent.actor",
                      "the issuer who issued or revoked a credential; the learner's export lists "
                      "each credential's history without the staff member")
register_not_exported("credentials.WalletOffer.created_by",
                      "who asked for an offer to an EU wallet (the learner, or support staff for "
                      "them); the learner's export lists each credential's wallet offers")
register_not_exported("credentials.TrustedIssuer.added_by",
                      "the administrator who put an issuer on the trust list: a record of staff "
                      "work about an organisation, not data about the person")
