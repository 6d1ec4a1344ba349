"""The platform's verdict on a checked credential, and who signed it (issue #12, findings 2, 3).

vckit says whether every check passed (`result.status`) and which DID's key made the verified
signature (`result.signer`). Only here does the platform add what it knows and vckit cannot:
whether that DID is ours (the consortium or a partner), on the administrator's trust list, or
unknown. A credential's own text (issuer name, awarding body) never decides who is named.

The page and the API both read a `Judgement`, so they cannot disagree.
"""

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from microcred.accounts.countries import COUNTRY_CHOICES
from microcred.accounts.models import PartnerOrganisation
from microcred.credentials import issuer
from microcred.credentials.trust import trusted_issuer
from vckit.verify import Status, VerificationResult


class Verdict(enum.Enum):
    """The values are the machine-readable strings of the API's `verdict` field."""

    VALID = "valid"
    REVOKED = "revoked"
    SUSPENDED = "suspended"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    FORGED = "forged"
    ISSUER_UNKNOWN = "issuer_unknown"
    COULD_NOT_CHECK = "could_not_check"


# Headline and one sentence for an employer, in plain words (many readers have low digital skills).
HEADLINES: dict[Verdict, Promise] = {
    Verdict.VALID: _("Valid"),
    Verdict.REVOKED: _("Revoked"),
    Verdict.SUSPENDED: _("Suspended"),
    Verdict.EXPIRED: _("Expired"),
    Verdict.NOT_YET_VALID: _("Not valid yet"),
    Verdict.FORGED: _("Changed or forged"),
    Verdict.ISSUER_UNKNOWN: _("Issuer unknown"),
    Verdict.COULD_NOT_CHECK: _("Could not check"),
}
MEANINGS: dict[Verdict, Promise] = {
    Verdict.VALID: _("Every check passed: you can rely on what this credential says."),
    Verdict.REVOKED: _("The issuer has cancelled this credential: do not accept it."),
    Verdict.SUSPENDED: _("The issuer has put this credential on hold: do not accept it until "
                         "the issuer lifts the hold."),
    Verdict.EXPIRED: _("This credential was valid only until a date that has passed: ask the "
                       "holder for a current one."),
    Verdict.NOT_YET_VALID: _("This credential only starts to be valid on a later date: do not "
                             "accept it before then."),
    Verdict.FORGED: _("Someone changed this credential after it was issued, or made it up: do "
                      "not accept it."),
    Verdict.ISSUER_UNKNOWN: _("The credential is intact, but we do not know who signed it: ask "
                              "the issuer directly before you rely on it."),
    Verdict.COULD_NOT_CHECK: _("We could not finish the check, for example because the issuer's "
                               "website did not answer: do not rely on it yet, and try again "
                               "later."),
}
TONES = {Verdict.VALID: "ok", Verdict.REVOKED: "bad", Verdict.EXPIRED: "bad",
         Verdict.FORGED: "bad"}  # every other verdict: "warn"


class SignerKind(enum.Enum):
    CONSORTIUM = "consortium"
    PARTNER = "partner"
    TRUSTED = "trusted"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Signer:
    """Who signed, as the platform knows it: `name` is None for an issuer we do not know."""

    did: str
    kind: SignerKind
    name: str | None = None
    country: str = ""

    @property
    def sentence(self) -> str:
        values = {"name": self.name, "country": dict(COUNTRY_CHOICES).get(self.country, "")}
        if self.kind is SignerKind.CONSORTIUM:
            return str(_("Signed by %(name)s, the consortium that runs this platform.") % values)
        if self.kind is SignerKind.PARTNER:
            return str(_("Signed by %(name)s, a partner in our consortium.") % values)
        if self.kind is SignerKind.TRUSTED:
            return str(_("Signed by %(name)s (%(country)s), an issuer on our list of trusted "
                         "issuers.") % values)
        return str(_("Signed by an issuer we do not know."))

    def as_dict(self) -> dict[str, Any]:
        return {"did": self.did, "name": self.name, "kind": self.kind.value}


def identify_signer(did: str, is_own: Callable[[str], bool] = issuer.is_published_did) -> Signer:
    """Name the signer from what this deployment publishes and the trust list, nothing else.
    `is_own`: is a DID one of ours (a verification that already read its keys knows)."""
    if did == issuer.consortium_did():
        return Signer(did, SignerKind.CONSORTIUM, settings.CONSORTIUM_NAME,
                      settings.CONSORTIUM_COUNTRY)
    if is_own(did):
        slug = did.removeprefix(f"{issuer.consortium_did()}:{issuer.PARTNER_PATH}:")
        partner = PartnerOrganisation.objects.filter(slug=slug).first()
        if partner is not None:
            return Signer(did, SignerKind.PARTNER, partner.legal_name or partner.name,
                          partner.country)
    trusted = trusted_issuer(did)
    if trusted is not None:
        return Signer(did, SignerKind.TRUSTED, trusted.name, trusted.country)
    return Signer(did, SignerKind.UNKNOWN)


@dataclass(frozen=True)
class Judgement:
    """The verdict, the signer and the vckit result they were drawn from."""

    verdict: Verdict
    signer: Signer | None
    result: VerificationResult

    @property
    def headline(self) -> str:
        return str(HEADLINES[self.verdict])

    @property
    def meaning(self) -> str:
        return str(MEANINGS[self.verdict])

    @property
    def tone(self) -> str:
        return TONES.get(self.verdict, "warn")

    @property
    def signed_by(self) -> str:
        if self.signer is None:
            return str(_("We could not confirm who signed it."))
        return self.signer.sentence

    @property
    def show_contents(self) -> bool:
        """Only data the signature covers is shown (the contract's `signature_verified`)."""
        return self.result.signature_verified

    @property
    def contents_hidden_because(self) -> str:
        if self.result.status is Status.FORGED:
            return str(_("We do not show what this credential says: its signature does not "
                         "match its contents, so any of it may have been changed."))
        return str(_("We do not show what this credential says: we could not check its "
                     "signature, so we cannot tell whether its contents are genuine."))

    def as_dict(self) -> dict[str, Any]:
        """vckit's VC API style result, plus the verdict and the signer as the platform knows
        it; `verified` is true only for the verdict "valid"."""
        return {**self.result.as_dict(), "verified": self.verdict is Verdict.VALID,
                "verdict": self.verdict.value,
                "signer": self.signer.as_dict() if self.signer else None}


def judge(result: VerificationResult,
          is_own: Callable[[str], bool] = issuer.is_published_did) -> Judgement:
    """The platform's verdict: vckit's status, except that a credential that passed every check
    but was signed by nobody we know is "issuer unknown", never "valid"."""
    signer = identify_signer(result.signer, is_own) if result.signer else None
    verdict = Verdict(result.status.value)
    if verdict is Verdict.VALID and (signer is None or signer.kind is SignerKind.UNKNOWN):
        verdict = Verdict.ISSUER_UNKNOWN
    return Judgement(verdict=verdict, signer=signer, result=result)
