"""Forms of the issuer pages: the credential list's filters and the revocation."""

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import PartnerOrganisation
from microcred.core.text import plain_text
from microcred.credentials.models import CredentialSpec
from microcred.credentials.revocation import RevocationReason

VALID, REVOKED = "valid", "revoked"


@dataclass(frozen=True)
class CredentialFilters:
    query: str = ""
    spec: CredentialSpec | None = None
    partner: PartnerOrganisation | None = None
    status: str = ""  # VALID, REVOKED or "" for both
    issued_from: date | None = None
    issued_to: date | None = None


class CredentialFilterForm(forms.Form):
    q = forms.CharField(label=_("Learner (name or e-mail)"), required=False, max_length=200)
    spec = forms.ModelChoiceField(
        label=_("Credential"),
        required=False,
        queryset=CredentialSpec.objects.order_by("code"),
        to_field_name="code",
        empty_label=_("All credentials"),
    )
    partner = forms.ModelChoiceField(
        label=_("Partner organisation"),
        required=False,
        queryset=PartnerOrganisation.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All partners"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Valid and revoked")), (VALID, _("Valid")), (REVOKED, _("Revoked"))],
    )
    issued_from = forms.DateField(
        label=_("Issued from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    issued_to = forms.DateField(
        label=_("Issued until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def filters(self) -> CredentialFilters:
        """What to show; a field with a bad value (a tampered address) is ignored, the
        others still apply."""
        self.is_valid()
        data = self.cleaned_data
        return CredentialFilters(
            query=plain_text(data.get("q") or "", 200).strip(),
            spec=data.get("spec"),
            partner=data.get("partner"),
            status=data.get("status") or "",
            issued_from=data.get("issued_from"),
            issued_to=data.get("issued_to"),
        )

    def query_string(self) -> str:
        """The valid filters as URL parameters, for the pages' links."""
        self.is_valid()
        return urlencode(
            {
                name: self.data[name]
                for name in self.fields
                if name in self.cleaned_data
                and self.cleaned_data[name] not in (None, "")
                and self.data.get(name)
            }
        )


class RevokeForm(forms.Form):
    reason_code = forms.ChoiceField(
        label=_("Why is it revoked?"),
        choices=RevocationReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a reason.")},
    )
    reason = forms.CharField(
        label=_("Explain in a sentence"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kept with the revocation for staff, and shown to the learner in their wallet."
        ),
        error_messages={"required": _("Please give the reason for revoking this credential.")},
    )

    def clean_reason(self) -> str:
        reason = plain_text(self.cleaned_data["reason"], 500).strip()
        if not reason:
            raise forms.ValidationError(_("Please give the reason for revoking this credential."))
        return reason
