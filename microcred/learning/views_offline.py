"""Lessons on a patchy connection: the service worker, what it saves, and "Done" taps sent late.

The pages themselves stay plain server-rendered HTML; static/learning/offline.js and
offline-worker.js add saving and the queue of "Done" taps where the browser supports them
(decision 0017).
"""

from functools import cache
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET, require_POST

from microcred.learning import selectors, services
from microcred.learning.forms import OfflineDoneForm

# The worker controls every page under this path: the catalogue, module pages, lessons and
# their images. Served from inside it, so no wider Service-Worker-Allowed is needed.
WORKER_SCOPE = "/course/"
WORKER_FILE = Path(__file__).parent / "static" / "learning" / "offline-worker.js"
# Files the lesson and module pages load (base.html, lesson.html, module.html): a saved
# module must hold them too. A test checks this list against the pages.
PAGE_ASSETS = ("core/site.css", "core/favicon.svg", "learning/offline.js",
               "learning/read-aloud.js")


@cache
def _worker_source() -> bytes:
    return WORKER_FILE.read_bytes()


@require_GET
def offline_worker(request: HttpRequest) -> HttpResponse:
    """The service worker script. Browsers check it for updates on every visit (no-cache)."""
    response = HttpResponse(_worker_source(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = WORKER_SCOPE
    return response


def cache_name(code: str) -> str:
    return f"microcred-module-{code}"


@login_required
@require_GET
@gzip_page
def offline_manifest(request: HttpRequest, code: str) -> JsonResponse:
    """Every address a saved module needs: its page, its lessons in the learner's version,
    their images, and the files those pages load."""
    card = next(iter(selectors.module_cards(request.user, code)), None)
    if card is None:
        raise Http404
    lessons = card.version.lessons.order_by("order").only("slug", "media")
    urls = [reverse("learning:module", args=[code])]
    urls += [reverse("learning:lesson", args=[code, lesson.slug]) for lesson in lessons]
    urls += sorted({reverse("curriculum:media", args=[code, item["src"]])
                    for lesson in lessons for item in lesson.media
                    if item.get("type") == "image" and item.get("src")})
    urls += [static(name) for name in PAGE_ASSETS]
    return JsonResponse({"module": code, "cache": cache_name(code), "urls": urls,
                         "saved_at": timezone.now().isoformat()})


@login_required
@require_POST
def complete_lesson_offline(request: HttpRequest, code: str, slug: str) -> JsonResponse:
    """A "Done" tap made without a connection, sent by the service worker when it returns.

    Idempotent: the lesson is done once per learner, so a tap sent twice (or from two devices)
    counts once. CSRF-protected like every POST (the token comes from the saved page).
    """
    lesson = selectors.get_lesson_for_learner(request.user, code, slug)
    form = OfflineDoneForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"error": form.first_error()}, status=400)
    tap = form.cleaned_data["id"]
    try:
        done = services.complete_lesson(learner=request.user, lesson=lesson,
                                        done_at=form.done_at_server_time())
    except services.EarlierLessonsFirst as error:
        # Kept on the device: it goes through once the earlier lesson's tap has arrived.
        return JsonResponse({"id": str(tap), "error": str(error)}, status=409)
    except services.LearningError as error:
        return JsonResponse({"id": str(tap), "error": str(error)}, status=400)
    next_url = (reverse("learning:lesson", args=[code, done.next_lesson.slug])
                if done.next_lesson else reverse("learning:module_complete", args=[code]))
    return JsonResponse({"id": str(tap), "recorded": done.newly_done, "next_url": next_url})
