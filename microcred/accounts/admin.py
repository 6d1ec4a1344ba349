from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from microcred.accounts.audit import accesses_about, log_access
from microcred.accounts.models import (
    AccountDeletion,
    DeletionReason,
    PartnerOrganisation,
    PersonalDataAccess,
    User,
)
from microcred.accounts.roles import Role
from microcred.accounts.services_deletion import delete_account
from microcred.core.admin import PublicContentAdmin


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(PublicContentAdmin):
    list_display = ["name", "country", "city", "default_language", "contact_email"]
    list_filter = ["country"]
    search_fields = ["name", "legal_name", "city"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "partner", "is_active", "date_joined"]
    list_filter = ["partner", "groups", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    list_select_related = ["partner"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("full_name", "partner", "preferred_language")}),
        (_("Roles"), {"fields": ("groups", "is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    filter_horizontal = ["groups"]

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        # The change form shows a person's name, e-mail and roles: an access to personal data.
        user_id = unquote(object_id)
        if user_id.isdigit():
            log_access(request, learners=[int(user_id)], purpose="admin_user")
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_model(self, request: HttpRequest, obj: User) -> None:
        # The same erasure as "Delete my account": credentials stay verifiable, tests anonymous.
        delete_account(user=obj, reason=DeletionReason.ADMIN)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            delete_account(user=user, reason=DeletionReason.ADMIN)


class PlatformAdminReadOnly(admin.ModelAdmin):
    """Audit records: platform administrators read them; nobody adds, edits or deletes them."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.has_role(Role.ADMIN)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(PlatformAdminReadOnly):
    list_display = ["at", "actor_email", "purpose", "learner_count", "path"]
    list_filter = [("actor", admin.RelatedOnlyFieldListFilter), ("at", admin.DateFieldListFilter),
                   "purpose"]
    date_hierarchy = "at"
    search_fields = ["actor_email"]
    search_help_text = _("A staff member's e-mail, or a learner's e-mail to see who looked at "
                         "their data.")

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        results, duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        learner = User.objects.filter(email__iexact=term).first() if "@" in term else None
        if learner is not None:
            results = results | queryset.filter(pk__in=accesses_about(learner.pk).values("pk"))
        return results, duplicates


@admin.register(AccountDeletion)
class AccountDeletionAdmin(PlatformAdminReadOnly):
    list_display = ["at", "reason", "credentials_kept"]
    list_filter = ["reason", ("at", admin.DateFieldListFilter)]
    date_hierarchy = "at"
