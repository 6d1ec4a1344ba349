"""The platform admin manages the Board, the checklist, cohorts and feedback questions here.

Review records are an audit trail: decisions, comments and events are read-only, and nothing
in this app can be deleted from the admin.
"""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from microcred.curriculum.admin import language_map_form
from microcred.review import services, services_board
from microcred.review.models import (
    BoardMembership,
    Cohort,
    CohortMembership,
    ReviewChecklistItem,
    ReviewComment,
    ReviewDecision,
    ReviewEvent,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class NeverDelete:
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnly(NeverDelete):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class BoardMembershipForm(forms.ModelForm):
    class Meta:
        model = BoardMembership
        fields = ["partner", "user", "started_on", "ended_on"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.instance.pk is None and data.get("user") and data.get("partner"):
            try:
                services_board.check_new_seat(partner=data["partner"], user=data["user"])
            except services.ReviewError as error:
                raise ValidationError(str(error)) from error
        return data


@admin.register(BoardMembership)
class BoardMembershipAdmin(NeverDelete, admin.ModelAdmin):
    """Seats on the Board; to replace a representative, end their membership, then add one."""

    form = BoardMembershipForm
    list_display = ["partner", "user", "started_on", "ended_on"]
    list_filter = [("ended_on", admin.EmptyFieldListFilter), "partner"]
    list_select_related = ["partner", "user"]
    autocomplete_fields = ["user"]
    search_fields = ["user__email", "user__full_name", "partner__name"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["partner", "user", "started_on"] if obj is None else [
            "partner", "user", "started_on", "ended_on"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is None:
            return []
        frozen = ["partner", "user", "started_on"]
        return [*frozen, "ended_on"] if obj.ended_on else frozen

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            seat = services_board.add_board_member(
                partner=obj.partner, user=obj.user, actor=request.user, started_on=obj.started_on
            )
            obj.pk = seat.pk
        elif obj.ended_on and "ended_on" in form.changed_data:
            services_board.end_board_membership(
                membership=obj, actor=request.user, ended_on=obj.ended_on
            )


@admin.register(ReviewChecklistItem)
class ReviewChecklistItemAdmin(NeverDelete, admin.ModelAdmin):
    form = language_map_form(ReviewChecklistItem, {"text": forms.CharField})
    list_display = ["__str__", "code", "order", "is_active"]
    list_editable = ["order", "is_active"]
    fields = ["code", "order", "is_active", *[f"text_{code}" for code in LANGUAGE_CODES]]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        services_board.save_checklist_item(item=obj, actor=request.user)


@admin.register(ReviewDecision)
class ReviewDecisionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["version", "reviewer", "decision", "created_at"]
    list_filter = ["decision", "version__module"]
    list_select_related = ["version__module", "reviewer"]


@admin.register(ReviewComment)
class ReviewCommentAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["version", "lesson", "paragraph", "language", "author", "created_at"]
    list_filter = ["version__module", "language"]
    list_select_related = ["version__module", "lesson__version__module", "author"]


@admin.register(ReviewEvent)
class ReviewEventAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["created_at", "action", "version", "actor"]
    list_filter = ["action"]
    list_select_related = ["version__module", "actor"]
    search_fields = ["actor__email"]
    date_hierarchy = "created_at"


class CohortMembershipInline(admin.TabularInline):
    model = CohortMembership
    extra = 0
    autocomplete_fields = ["learner"]


@admin.register(Cohort)
class CohortAdmin(NeverDelete, admin.ModelAdmin):
    list_display = ["name", "is_pilot", "partner", "starts_on", "ends_on"]
    list_filter = ["is_pilot", "partner"]
    search_fields = ["name"]
    inlines = [CohortMembershipInline]


@admin.register(SurveyQuestion)
class SurveyQuestionAdmin(NeverDelete, admin.ModelAdmin):
    form = language_map_form(SurveyQuestion, {"text": forms.CharField})
    list_display = ["__str__", "code", "kind", "order", "is_active"]
    list_editable = ["order", "is_active"]
    fields = ["code", "kind", "order", "is_active", *[f"text_{code}" for code in LANGUAGE_CODES]]


class SurveyAnswerInline(ReadOnly, admin.TabularInline):
    model = SurveyAnswer
    fields = ["question", "score", "text"]
    readonly_fields = fields


@admin.register(SurveyResponse)
class SurveyResponseAdmin(ReadOnly, admin.ModelAdmin):
    """Learners' own answers: staff read them here, the pilot report sums them up."""

    list_display = ["submitted_at", "module", "language", "learner"]
    list_filter = ["module", "language"]
    list_select_related = ["module", "learner"]
    inlines = [SurveyAnswerInline]
