"""What issuing to EU Digital Identity Wallets stores (issue #17): the deployment's X.509
certified signing key, and the credential offers made to wallets.

Kept apart from models.py, like the trust list, so wallet issuance can grow without touching
Open Badges issuance.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CertifiedIssuerKey(models.Model):
    """An ES256 (P-256) key of the deployment with its X.509 certificate chain: it signs the
    SD-JWT VCs and Token Status Lists. A key waits without a chain while its certificate
    signing request is with a trust service provider; retired keys stay listed in the JWT VC
    Issuer Metadata so what they signed keeps verifying."""

    encrypted_private_key = models.BinaryField(editable=False)
    public_jwk = models.JSONField(_("public key (JWK)"), editable=False)
    certificate_chain = models.TextField(
        _("certificate chain (PEM)"),
        blank=True,
        help_text=_("The issuer's certificate first, then each CA certificate up to the root."),
    )
    self_signed = models.BooleanField(_("self-signed demo chain"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    activated_at = models.DateTimeField(_("in use since"), null=True, blank=True)
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)
    # True for the one key in use, NULL for every other: the unique index keeps it to one.
    in_use = models.BooleanField(null=True, unique=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("certified issuer key")
        verbose_name_plural = _("certified issuer keys")

    def __str__(self) -> str:
        return str(self.public_jwk.get("kid", self.pk))


class WalletOffer(models.Model):
    """One OpenID4VCI credential offer (pre-authorized code flow) of an issued credential.

    Only keyed hashes of the pre-authorized code, the transaction code and the access token are
    stored, so a copy of the database redeems nothing. Single use: the code is exchanged once
    for an access token, and the token fetches one credential."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    credential = models.ForeignKey(
        "credentials.IssuedCredential", on_delete=models.CASCADE, related_name="wallet_offers"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    code_digest = models.CharField(max_length=64, unique=True)
    tx_code_digest = models.CharField(max_length=64, blank=True)
    tx_code_tries = models.PositiveSmallIntegerField(default=0)
    redeemed_at = models.DateTimeField(null=True, blank=True)
    token_digest = models.CharField(max_length=64, null=True, blank=True, unique=True)
    token_expires_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("wallet offer")
        verbose_name_plural = _("wallet offers")

    def __str__(self) -> str:
        return f"offer {self.pk} of {self.credential_id}"
