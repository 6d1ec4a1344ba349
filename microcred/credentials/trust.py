"""The trust list: other issuers the platform administrator vouches for (issue #12, finding 3).

A credential's own text can claim any name; only a DID on this list (or one this deployment
publishes itself) is named as the signer on the verify page. Kept apart from models.py so that
the trust list can grow without touching issuance.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.accounts.countries import COUNTRY_CHOICES

# DID syntax (DID Core 1.0, 3.1) for the DID itself: no path, query or fragment, because the
# verifier reports the controller of the key that signed, never a key id.
did_validator = RegexValidator(
    r"\Adid:[a-z0-9]+:[A-Za-z0-9._%-]+(:[A-Za-z0-9._%-]+)*\Z",
    _("Enter a DID such as did:web:example.org or did:key:z6Mk…, without “#” and what follows."))


class TrustedIssuer(models.Model):
    """An issuer whose credentials the verify page names, because the administrator said so."""

    did = models.CharField(_("DID"), max_length=300, unique=True, validators=[did_validator])
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="+")
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        app_label = "credentials"
        ordering = ["name", "did"]
        verbose_name = _("trusted issuer")
        verbose_name_plural = _("trusted issuers")

    def __str__(self) -> str:
        return f"{self.name} ({self.did})"


def trusted_issuer(did: str) -> TrustedIssuer | None:
    return TrustedIssuer.objects.filter(did=did).first()
