from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import PartnerOrganisation, User


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
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
