from django.contrib import admin

from microcred.learning.models import LearnerProfile, LessonProgress, ModuleProgress


@admin.register(LearnerProfile)
class LearnerProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "employment_status", "skill_level", "onboarding_done_at",
                    "last_activity_at", "reminders"]
    list_filter = ["employment_status", "skill_level", "reminders"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user"]
    readonly_fields = ["user", "self_check_answers", "skill_level", "suggested_module",
                       "onboarding_done_at", "onboarding_skipped_at", "last_activity_at",
                       "last_reminded_at"]


@admin.register(ModuleProgress)
class ModuleProgressAdmin(admin.ModelAdmin):
    """Progress is the learners' own record: staff read it, never edit it."""

    list_display = ["learner", "module", "version", "started_at", "completed_at"]
    list_filter = ["module"]
    search_fields = ["learner__email"]
    list_select_related = ["learner", "module", "version__module"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(LessonProgress)
class LessonProgressAdmin(ModuleProgressAdmin):
    list_display = ["learner", "lesson", "completed_at", "check_correct"]
    list_filter = []
    list_select_related = ["learner", "lesson__version__module"]
