"""Platform admins choose who awards and who signs each credential; nothing else is edited here.

Specifications are made from the curriculum (sync_specs), so they are never added or deleted by
hand. Keys and issued credentials have their own commands and pages (create_issuer_key, the
issuer's page), never the admin: private keys must not appear in any form.
"""

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext as _

from microcred.credentials.models import CredentialSpec


class CredentialSpecForm(ModelForm):
    class Meta:
        model = CredentialSpec
        fields = ["awarding_body", "signed_by_awarding_body", "further_information_url", "active"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("signed_by_awarding_body") and not data.get("awarding_body"):
            raise ValidationError(_("Choose the awarding partner that signs these credentials, "
                                    "or let the consortium sign them."))
        return data


@admin.register(CredentialSpec)
class CredentialSpecAdmin(admin.ModelAdmin):
    form = CredentialSpecForm
    list_display = ["code", "awarding_body", "signed_by_awarding_body", "part_of", "active"]
    list_filter = ["signed_by_awarding_body", "active"]
    readonly_fields = ["code", "module", "part_of"]
    fields = ["code", "module", "part_of", "awarding_body", "signed_by_awarding_body",
              "further_information_url", "active"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
