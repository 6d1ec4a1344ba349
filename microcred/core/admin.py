from django.contrib import admin

from microcred.core.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "to", "subject"]
    search_fields = ["to", "subject"]
    readonly_fields = ["to", "subject", "body", "html_body", "sent_at"]
