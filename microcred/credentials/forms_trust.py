import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from microcred.credentials.trust import TrustedIssuer
from microcred.credentials.trust_services import check_not_our_own

MAX_IMPORT_BYTES = 1_000_000


class TrustedIssuerForm(forms.ModelForm):
    class Meta:
        model = TrustedIssuer
        fields = ["did", "name", "country"]
        help_texts = {
            "did": _("The issuer's DID exactly as credentials name the signer, for example "
                     "did:web:university.example."),
            "name": _("The name employers will see as the signer."),
        }

    def clean_did(self) -> str:
        did = self.cleaned_data["did"].strip()
        check_not_our_own(did)
        return did


class TrustImportForm(forms.Form):
    file = forms.FileField(
        label=_("Trust list file (JSON)"),
        help_text=_('A list such as [{"did": "did:web:university.example", "name": "University '
                    'of Example", "country": "PT"}]. Issuers already on the list are updated.'))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is too large: at most 1 MB."))
        try:
            return json.loads(upload.read())
        except (ValueError, UnicodeDecodeError):
            raise forms.ValidationError(_("This file is not JSON text.")) from None
