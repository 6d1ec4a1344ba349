"""Authoring in the admin for people who do not use files: one text box per language.

Only drafts can be edited; review and published versions are read-only, and nothing is deleted.
"""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from microcred.curriculum import course_cache, lifecycle, services
from microcred.curriculum.admin_translations import translations_view
from microcred.curriculum.completeness import course_completeness, module_check_findings
from microcred.curriculum.content_export import version_to_data
from microcred.curriculum.models import (
    Curriculum,
    LearningOutcome,
    Lesson,
    Module,
    ModuleVersion,
    VersionTransition,
)

LANGUAGES = settings.LANGUAGES


def language_map_form(model: type, fields: dict[str, type[forms.Field]]) -> type[forms.ModelForm]:
    """A ModelForm that edits each language map field as one input per language."""
    attrs: dict[str, Any] = {}
    for name, field_class in fields.items():
        for code, language in LANGUAGES:
            widget = forms.Textarea(attrs={"rows": 8 if name == "body" else 2})
            attrs[f"{name}_{code}"] = field_class(
                label=f"{model._meta.get_field(name).verbose_name} ({language})",
                required=code == "en",
                widget=widget,
            )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        forms.ModelForm.__init__(self, *args, **kwargs)
        for name in fields:
            values = getattr(self.instance, name) or {}
            for code, _language in LANGUAGES:
                self.fields[f"{name}_{code}"].initial = values.get(code, "")

    def save(self, commit: bool = True) -> Any:
        for name in fields:
            setattr(
                self.instance,
                name,
                {
                    # Browsers send line breaks as CR LF; the content files use LF, and a
                    # translation nobody touched must stay byte for byte what it was.
                    code: self.cleaned_data[f"{name}_{code}"].replace("\r\n", "\n").strip()
                    for code, _language in LANGUAGES
                    if self.cleaned_data.get(f"{name}_{code}", "")
                },
            )
        return forms.ModelForm.save(self, commit)

    attrs.update({"__init__": __init__, "save": save})
    meta = type("Meta", (), {"model": model, "exclude": list(fields)})
    return type(f"{model.__name__}LanguageForm", (forms.ModelForm,), {**attrs, "Meta": meta})


class FrozenUnlessDraft:
    """Inline and admin permissions that follow the version's state."""

    def _version(self, obj: Any) -> ModuleVersion | None:
        return obj if isinstance(obj, ModuleVersion) else getattr(obj, "version", None)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        version = self._version(obj)
        return super().has_change_permission(request, obj) and (  # type: ignore[misc]
            version is None or version.is_editable
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # versions are an audit record; lessons of a draft are re-imported instead


class FrozenInline(FrozenUnlessDraft, admin.StackedInline):
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        version = self._version(obj)
        return (version is None or version.is_editable) and super().has_add_permission(request, obj)


class LessonInline(FrozenInline):
    model = Lesson
    form = language_map_form(Lesson, {"title": forms.CharField, "body": forms.CharField})
    fields = [
        "slug",
        "order",
        "minutes",
        *[f"{n}_{c}" for n in ("title", "body") for c, _l in LANGUAGES],
    ]


class OutcomeInline(FrozenInline):
    model = LearningOutcome
    form = language_map_form(LearningOutcome, {"statement": forms.CharField})
    fields = [
        "code",
        "order",
        "digcomp",
        "level",
        "esco",
        *[f"statement_{c}" for c, _l in LANGUAGES],
    ]


@admin.register(ModuleVersion)
class ModuleVersionAdmin(FrozenUnlessDraft, admin.ModelAdmin):
    form = language_map_form(ModuleVersion, {"title": forms.CharField, "summary": forms.CharField})
    list_display = ["__str__", "state", "created_at", "published_at", "preview_link"]
    list_filter = ["state", "module"]
    list_select_related = ["module"]
    readonly_fields = [
        "module",
        "number",
        "state",
        "hours",
        "ects",
        "content_hash",
        "created_at",
        "created_by",
        "published_at",
        "source",
        "preview_link",
    ]
    fields = [
        "module",
        "number",
        "state",
        "preview_link",
        *[f"{n}_{c}" for n in ("title", "summary") for c, _l in LANGUAGES],
        "eqf_level",
        "hours",
        "ects",
        "prerequisites",
        "digcomp",
        "esco",
        "glossary",
        "content_hash",
        "source",
        "created_by",
        "created_at",
        "published_at",
    ]
    inlines = [OutcomeInline, LessonInline]
    actions = ["new_draft", "publish"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # versions come from an import or from "new draft from this version"

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is not None and not obj.is_editable:
            # A frozen version shows its stored language maps instead of the edit boxes.
            return [field for field in self.fields if not field.startswith(("title_", "summary_"))
                    ] + ["title", "summary"]
        return list(self.fields)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is not None and not obj.is_editable:
            return self.get_fields(request, obj)
        return list(self.readonly_fields)

    @admin.display(description=_("Preview"))
    def preview_link(self, obj: ModuleVersion) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("curriculum:preview_module", args=[obj.pk]), _("Preview")
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        version = form.instance
        # Keep the rendered lessons and the content fingerprint in step with what was typed.
        for lesson in version.lessons.all():
            lesson.body_html = services.render_lesson_bodies(version.module.code, lesson.body)
            lesson.save(update_fields=["body_html"])
        version.content_hash = version_to_data(version).fingerprint()
        version.save(update_fields=["content_hash"])
        services.recount_workload(version)

    @admin.action(description=_("Create a new draft from the selected version"))
    def new_draft(self, request: HttpRequest, queryset: Any) -> None:
        for version in queryset:
            try:
                draft = lifecycle.new_draft(version=version, actor=request.user)
            except lifecycle.LifecycleError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(request, _("Created %(draft)s.") % {"draft": draft})

    @admin.action(description=_("Publish the selected version"))
    def publish(self, request: HttpRequest, queryset: Any) -> None:
        # The lifecycle refuses anything the Advisory Board has not approved, and anyone
        # without the right to publish.
        for version in queryset:
            try:
                lifecycle.publish(version=version, actor=request.user)
            except lifecycle.LifecycleError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(request, _("Published %(version)s.") % {"version": version})

    def get_urls(self) -> list[Any]:
        return [
            path(
                "completeness/",
                self.admin_site.admin_view(self.completeness_view),
                name="curriculum_completeness",
            ),
            path(
                "translations/",
                self.admin_site.admin_view(lambda request: translations_view(self, request)),
                name="curriculum_translations",
            ),
            *super().get_urls(),
        ]

    def completeness_view(self, request: HttpRequest) -> HttpResponse:
        modules = course_completeness()
        context = {
            **self.admin_site.each_context(request),
            "modules": modules,
            "stale_count": sum(len(module.stale_lessons) for module in modules),
            "checks": module_check_findings([module.version for module in modules]),
            "max_age_days": settings.CONTENT_REVIEW_MAX_AGE_DAYS,
            "languages": LANGUAGES,
            "title": _("Translation completeness"),
        }
        return TemplateResponse(request, "admin/curriculum/completeness.html", context)


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["code", "folder", "order", "published_version"]
    readonly_fields = ["code", "curriculum", "folder", "published_version"]

    def save_model(self, request: HttpRequest, obj: Module, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        course_cache.bump_generation()  # the order learners see the modules in

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Curriculum)
class CurriculumAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__"]

    def save_model(self, request: HttpRequest, obj: Curriculum, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        course_cache.bump_generation()  # the title and summary on the course page

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(VersionTransition)
class VersionTransitionAdmin(admin.ModelAdmin):
    """Who moved which version from which state to which, when and why: read-only."""

    list_display = ["created_at", "version", "was", "now", "actor", "reason"]
    list_filter = ["now", "version__module"]
    list_select_related = ["version__module", "actor"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
