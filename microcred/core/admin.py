from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from microcred.core.models import OutboxMessage
from microcred.core.page_cache import PUBLIC_CONTENT


class PublicContentAdmin(admin.ModelAdmin):
    """For models the public pages show (news, partners): every save or deletion here renders
    those pages again (core/page_cache.py). Inline rows are saved in the same transaction, so
    the bump after the commit covers them too."""

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        PUBLIC_CONTENT.bump()

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        super().delete_model(request, obj)
        PUBLIC_CONTENT.bump()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        super().delete_queryset(request, queryset)
        PUBLIC_CONTENT.bump()


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "to", "subject"]
    search_fields = ["to", "subject"]
    readonly_fields = ["to", "subject", "body", "html_body", "sent_at"]
