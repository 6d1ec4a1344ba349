from django.contrib import admin

from microcred.core.admin import PublicContentAdmin
from microcred.public.models import ContactMessage, NewsItem, NewsTranslation


class NewsTranslationInline(admin.StackedInline):
    model = NewsTranslation
    extra = 1


@admin.register(NewsItem)
class NewsItemAdmin(PublicContentAdmin):
    list_display = ["slug", "partner", "published_at", "is_published"]
    list_filter = ["is_published", "partner"]
    search_fields = ["slug", "translations__title"]
    inlines = [NewsTranslationInline]


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    list_display = ["received_at", "name", "email", "subject", "language", "partner", "status"]
    list_filter = ["status", "partner"]
    search_fields = ["name", "email", "subject"]
    readonly_fields = [
        "name",
        "email",
        "subject",
        "message",
        "language",
        "received_at",
        "country",
        "partner",
        "answered_by",
        "answered_at",
    ]

    def has_add_permission(self, request) -> bool:  # messages come from the public form only
        return False
