from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from microcred.assessment import banks, services
from microcred.assessment.models import Accommodation, Attempt, AttemptEvent, ItemBank


@admin.register(ItemBank)
class ItemBankAdmin(admin.ModelAdmin):
    """Banks are snapshots that attempts point at: read them, never change them."""

    list_display = ["__str__", "created_at", "created_by"]
    list_filter = ["module"]
    readonly_fields = ["module", "number", "fingerprint", "source", "created_at", "created_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class AttemptEventInline(admin.TabularInline):
    model = AttemptEvent
    extra = 0
    readonly_fields = ["action", "actor", "details", "at"]
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    """Finished attempts are an audit record: re-marking is an explicit, logged action."""

    list_display = ["__str__", "started_at", "submitted_at", "percent", "passed", "supervision"]
    list_filter = ["module", "passed", "supervision"]
    search_fields = ["learner__email"]
    list_select_related = ["learner", "module"]
    readonly_fields = ["learner", "module", "module_version", "bank", "number", "language",
                       "started_at", "deadline", "submitted_at", "percent", "passed",
                       "supervision", "answers", "result"]
    exclude = ["seed", "form"]
    inlines = [AttemptEventInline]
    actions = ["regrade_with_newest_bank"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Re-mark with the newest item bank (after an item correction)"))
    def regrade_with_newest_bank(self, request, queryset) -> None:
        for attempt in queryset.select_related("module"):
            bank = banks.current_bank(attempt.module)
            try:
                services.regrade_attempt(attempt=attempt, bank=bank, actor=request.user,
                                         reason="item correction (admin)")
            except (services.AssessmentError, ValueError) as error:
                self.message_user(request, f"{attempt}: {error}", messages.ERROR)
            else:
                self.message_user(request, _("%(attempt)s re-marked.") % {"attempt": attempt})


@admin.register(Accommodation)
class AccommodationAdmin(admin.ModelAdmin):
    list_display = ["learner", "extra_time_percent", "note"]
    search_fields = ["learner__email"]
    raw_id_fields = ["learner"]
