from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from microcred.accounts.permissions import role_required
from microcred.accounts.roles import Role
from microcred.curriculum import selectors
from microcred.curriculum.models import Module, ModuleVersion

MEDIA_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".vtt": "text/vtt",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".mp3": "audio/mpeg",
}


@role_required(Role.REVIEWER, Role.ADMIN, Role.ISSUER, Role.COORDINATOR)
def preview_module(request: HttpRequest, version_id: int) -> HttpResponse:
    """Any version exactly as a learner would see it, for authors and the Advisory Board."""
    version = selectors.get_version_with_contents(
        get_object_or_404(ModuleVersion, pk=version_id).pk
    )
    return render(request, "curriculum/preview_module.html", {"version": version})


@role_required(Role.REVIEWER, Role.ADMIN, Role.ISSUER, Role.COORDINATOR)
def preview_lesson(request: HttpRequest, version_id: int, slug: str) -> HttpResponse:
    version = get_object_or_404(ModuleVersion.objects.select_related("module"), pk=version_id)
    page = selectors.get_lesson_page(version=version, slug=slug)
    return render(request, "curriculum/preview_lesson.html", {"page": page, "version": version})


@require_GET
def media(request: HttpRequest, code: str, name: str) -> FileResponse:
    """Images and captions of a module, from its content folder (names are never paths)."""
    return _media_file(get_object_or_404(Module, code=code), name)


@role_required(Role.REVIEWER, Role.ADMIN, Role.ISSUER, Role.COORDINATOR)
def preview_media(request: HttpRequest, version_id: int, name: str) -> FileResponse:
    version = get_object_or_404(ModuleVersion.objects.select_related("module"), pk=version_id)
    return _media_file(version.module, name)


def _media_file(module: Module, name: str) -> FileResponse:
    suffix = Path(name).suffix.lower()
    if "/" in name or "\\" in name or name.startswith(".") or suffix not in MEDIA_TYPES:
        raise Http404
    path = Path(settings.CURRICULUM_CONTENT_DIR) / module.folder / "media" / name
    if not path.is_file():
        raise Http404
    response = FileResponse(path.open("rb"), content_type=MEDIA_TYPES[suffix])
    response["Cache-Control"] = "public, max-age=86400"
    return response
