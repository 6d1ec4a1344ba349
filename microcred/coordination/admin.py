from django.contrib import admin

from microcred.coordination.models import ReminderBatch


@admin.register(ReminderBatch)
class ReminderBatchAdmin(admin.ModelAdmin):
    """The audit of coordinators' reminders: read only."""

    list_display = ["created_at", "sent_by_email", "partner", "message", "recipients", "skipped"]
    list_filter = ["partner", "message"]
    search_fields = ["sent_by_email"]
    list_select_related = ["partner"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
