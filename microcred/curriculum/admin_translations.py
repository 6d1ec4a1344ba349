"""The staff page for translators' files: download a module or the course as XLIFF 2.0, upload a
translated file back into the content files (microcred/curriculum/translation_xliff.py)."""

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from microcred.curriculum.content_files import ContentInvalid
from microcred.curriculum.models import Module
from microcred.curriculum.text import REFERENCE_LANGUAGE
from microcred.curriculum.translation_xliff import (
    TranslationImportError,
    export_xliff,
    import_xliff,
)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # the whole course in one language is about 2 MB


def _target_languages() -> list[tuple[str, str]]:
    return [(code, name) for code, name in settings.LANGUAGES if code != REFERENCE_LANGUAGE]


class ExportForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Translate into"), choices=_target_languages)
    module = forms.ChoiceField(label=gettext_lazy("Module"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        modules = Module.objects.order_by("order").values_list("code", flat=True)
        self.fields["module"].choices = [("", _("The whole course"))] + [
            (code, code) for code in modules
        ]


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Translated XLIFF file (.xlf)"))
    accept_outdated = forms.BooleanField(
        label=gettext_lazy(
            "Also import texts whose English changed after the export (they stay outdated)"
        ),
        required=False,
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return bytes(upload.read())


def translations_view(model_admin: admin.ModelAdmin, request: HttpRequest) -> HttpResponse:
    """GET: the page, or the XLIFF file when the export form is sent. POST: import a file."""
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    root = Path(settings.CURRICULUM_CONTENT_DIR)
    export_form = ExportForm(request.GET if "language" in request.GET else None)
    import_form = ImportForm(request.POST or None, request.FILES or None)
    try:
        if export_form.is_valid():
            language = export_form.cleaned_data["language"]
            module = export_form.cleaned_data["module"]
            data = export_xliff(root=root, language=language, modules=[module] if module else None)
            response = HttpResponse(data, content_type="application/xliff+xml")
            name = f"{module or 'course'}-{language}.xlf"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        if request.method == "POST" and import_form.is_valid():
            report = import_xliff(
                root=root,
                data=import_form.cleaned_data["file"],
                accept_outdated=import_form.cleaned_data["accept_outdated"],
            )
            model_admin.message_user(request, report.summary(), messages.SUCCESS)
            if report.changed:
                model_admin.message_user(
                    request,
                    _("Changed, to be checked by a second reader: %(units)s")
                    % {"units": ", ".join(report.changed)},
                    messages.INFO,
                )
            return redirect(request.path)
    except (TranslationImportError, ContentInvalid) as problem:
        model_admin.message_user(request, str(problem), messages.ERROR)
    context = {
        **model_admin.admin_site.each_context(request),
        "export_form": export_form if export_form.is_bound else ExportForm(),
        "import_form": import_form,
        "title": _("Translation files (XLIFF)"),
    }
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "admin/curriculum/translations.html", context, status=status)
