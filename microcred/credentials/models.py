"""Credential specifications, issuer keys, issued credentials and revocation status lists."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import PartnerOrganisation
from microcred.curriculum.models import Module, ModuleVersion

COURSE_SPEC_CODE = "COURSE"  # the specification of the stacked full-course credential
STATUS_LIST_SIZE = 131_072  # bits: the minimum W3C Bitstring Status List size, for herd privacy


class IssuerKey(models.Model):
    """An Ed25519 key of one issuer DID. Retired keys stay listed so old credentials verify."""

    did = models.CharField(_("DID"), max_length=300)
    key_id = models.CharField(_("key name"), max_length=60, help_text=_("e.g. key-2026-11"))
    public_key_multibase = models.CharField(_("public key"), max_length=100, unique=True)
    encrypted_private_key = models.BinaryField(editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        ordering = ["did", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["did", "key_id"], name="unique_key_id_per_did"),
            models.UniqueConstraint(fields=["did"], condition=models.Q(retired_at__isnull=True),
                                    name="one_active_key_per_did"),
        ]
        verbose_name = _("issuer key")
        verbose_name_plural = _("issuer keys")

    def __str__(self) -> str:
        return self.verification_method

    @property
    def verification_method(self) -> str:
        return f"{self.did}#{self.key_id}"


class CredentialSpec(models.Model):
    """What a credential certifies: one per module and one for the whole course."""

    code = models.CharField(_("code"), max_length=20, unique=True, help_text=_("M01 or COURSE"))
    module = models.OneToOneField(Module, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="credential_spec")
    awarding_body = models.ForeignKey(
        PartnerOrganisation, on_delete=models.PROTECT, null=True, blank=True,
        verbose_name=_("awarding body"), help_text=_("Empty: the consortium awards it."))
    title = models.JSONField(_("title"), default=dict)
    assessment_type = models.CharField(_("type of assessment"), max_length=40, default="quiz")
    quality_assurance = models.JSONField(_("type of quality assurance"), default=dict)
    further_information_url = models.URLField(_("further information"), blank=True)
    signed_by_awarding_body = models.BooleanField(
        _("signed by the awarding partner"), default=False,
        help_text=_("The awarding partner issues these credentials under its own DID "
                    "(did:web of this site + :partners:<short name>) with its own keys. Off: "
                    "the consortium signs them."))
    part_of = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="parts", verbose_name=_("stackable towards"))
    active = models.BooleanField(_("issued"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("credential specification")
        verbose_name_plural = _("credential specifications")

    def __str__(self) -> str:
        return self.code

    @property
    def is_course(self) -> bool:
        return self.module_id is None

    @property
    def issuing_partner(self) -> PartnerOrganisation | None:
        """The partner whose DID signs these credentials; None: the consortium's."""
        return self.awarding_body if self.signed_by_awarding_body else None


class StatusList(models.Model):
    """One W3C Bitstring Status List (revocation) with its signed credential cached."""

    purpose = models.CharField(max_length=20, default="revocation")
    # A status list is signed by the issuer of the credentials it covers (verifiers check that
    # the two match), so each issuing partner has lists of its own. None: the consortium.
    issuer_partner = models.ForeignKey(PartnerOrganisation, on_delete=models.PROTECT, null=True,
                                       blank=True, related_name="+")
    bits = models.BinaryField(default=bytes(STATUS_LIST_SIZE // 8), editable=False)
    next_index = models.PositiveIntegerField(default=0)
    signed_credential = models.JSONField(default=dict, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    # The same bits as an IETF Token Status List for SD-JWT VCs (token_status.py).
    token_list_jwt = models.TextField(blank=True, editable=False)
    token_list_signed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("status list")
        verbose_name_plural = _("status lists")

    def __str__(self) -> str:
        return f"{self.purpose} list {self.pk}"

    @property
    def is_full(self) -> bool:
        return self.next_index >= STATUS_LIST_SIZE


class IssuedCredential(models.Model):
    """A signed credential: at most one in force per learner and specification, whatever
    happens. A revoked module credential is never issued again by itself; a full-course
    credential revoked because a module credential it counted was revoked is issued anew
    when the learner still meets the course rule."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                related_name="credentials")
    spec = models.ForeignKey(CredentialSpec, on_delete=models.PROTECT, related_name="issued")
    module_version = models.ForeignKey(ModuleVersion, on_delete=models.PROTECT, null=True,
                                       blank=True, related_name="+")
    language = models.CharField(_("language"), max_length=8)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    document = models.JSONField(_("signed credential"), editable=False)
    status_list = models.ForeignKey(StatusList, on_delete=models.PROTECT, related_name="+")
    status_index = models.PositiveIntegerField()
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    # Set on a course credential revoked because this module credential it counted was.
    revoked_because_of = models.ForeignKey("self", on_delete=models.PROTECT, null=True,
                                           blank=True, related_name="+", editable=False)
    share_token = models.CharField(max_length=40, unique=True, null=True, blank=True)
    recipient_name = models.CharField(max_length=200, editable=False)
    recipient_salt = models.CharField(max_length=64, editable=False)
    # What the award says, kept so the same credential can be exported again (ELM, PDF).
    grade_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    pass_mark = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    supervision = models.CharField(max_length=20, default="unsupervised")

    class Meta:
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "spec"],
                                    condition=models.Q(revoked_at__isnull=True),
                                    name="one_valid_credential_per_spec"),
            models.UniqueConstraint(fields=["status_list", "status_index"],
                                    name="one_credential_per_status_bit"),
        ]
        verbose_name = _("issued credential")
        verbose_name_plural = _("issued credentials")

    def __str__(self) -> str:
        return f"{self.spec} {self.pk}"

    @property
    def credential_id(self) -> str:
        return f"urn:uuid:{self.pk}"


class CredentialEvent(models.Model):
    """Audit trail: issuance (automatic, manual, bulk), revocation, key creation and rotation."""

    credential = models.ForeignKey(IssuedCredential, on_delete=models.PROTECT, null=True,
                                   related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              related_name="+")
    action = models.CharField(max_length=30)
    details = models.JSONField(default=dict)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("credential event")
        verbose_name_plural = _("credential events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


# In its own module so the trust list does not touch issuance (decision: issue #12, finding 3).
from microcred.credentials.trust import TrustedIssuer  # noqa: E402, F401 - registers the model
from microcred.credentials.wallet_models import CertifiedIssuerKey, WalletOffer  # noqa: E402, F401
