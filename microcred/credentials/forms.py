import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_CREDENTIAL_BYTES = 1_000_000


class VerifyForm(forms.Form):
    text = forms.CharField(
        label=_("Paste the credential"), required=False, max_length=MAX_CREDENTIAL_BYTES,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=_("The JSON text of an Open Badges 3.0 credential."))
    file = forms.FileField(label=_("Or choose the credential file"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        upload = cleaned.get("file")
        raw: str | bytes = cleaned.get("text") or ""
        if upload is not None:
            if upload.size > MAX_CREDENTIAL_BYTES:
                raise forms.ValidationError(_("The file is too large to be a credential."))
            raw = upload.read()
        if not raw:
            raise forms.ValidationError(_("Paste a credential or choose its file."))
        try:
            document = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise forms.ValidationError(
                _("This is not a credential file: it should be JSON text.")) from None
        if not isinstance(document, dict):
            raise forms.ValidationError(_("This is not a credential: it should be a JSON object."))
        cleaned["document"] = document
        return cleaned
