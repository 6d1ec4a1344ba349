"""Whole pages, rendered once and served to everyone who would see the same page (issue #19,
decision 0029).

Two uses. `anonymous_page` caches a public page that is the same for every anonymous visitor who
asks for it in the same language and text size: an anonymous GET or HEAD without a query string
and without messages waiting for the visitor, answered with 200; logged-in users get it rendered
for them and never store one. `shared_page` serves any page under a key its view builds: the
lesson page (learners in the same situation) and the verify page of our credentials (one render
per verification outcome) use it.

Keys carry everything that changes the output; an anonymous page's:
    page:<generations>:<language>:<text size>:<path>
where <generations> are the counters of the content the page shows (`core/generation.py`: news
and partners for the public pages; the course generation for the catalogue). A writer bumps its
generation, so no entry is changed in place, only left behind: entries may live in each worker's
own memory (the "pages" cache, LocMem) while the generations live in the shared cache, as in
curriculum/course_cache.py. The generations are read *before* the view reads the database, and
bumped both at once and again after the commit (the order course_cache's docstring explains).

The CSRF token: the page is rendered with a fixed placeholder in place of the token, and every
response gets the visitor's own token (`get_token`, which also sets the CSRF cookie and
`Vary: Cookie` as rendering the token would), so no visitor ever sees another's. A page that
names the learner (`learner_id`: the lesson's offline taps) gets the same treatment.
"""

from collections.abc import Callable
from datetime import datetime
from functools import wraps

from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language

from microcred.core.context_processors import text_size
from microcred.core.generation import Generation

# The aliases of the caches that hold the pages (per worker; see the module's docstring): the
# public pages, and apart from them the pages learners share (lesson, my learning), whose
# entries grow with the learners' situations and must never push the public pages out.
STORE = "pages"
LEARNER_STORE = "learner_pages"
# Entries do not go stale (their keys change instead). The timeout frees memory, and bounds how
# long a change made where no generation is bumped (a shell, a data migration) stays unseen;
# rendering a page again every quarter of an hour per worker costs nothing noticeable.
ENTRY_SECONDS = 15 * 60
# Rendered where {% csrf_token %} puts the token; letters and underscores only, so HTML
# escaping leaves it as it is, and no real token (64 letters and digits) can contain it.
CSRF_PLACEHOLDER = "__microcred_page_cache_csrf_token__"
_PLACEHOLDER_BYTES = CSRF_PLACEHOLDER.encode()
# Rendered where a page shared by learners names the learner (`learner_id`), the same way.
LEARNER_PLACEHOLDER = "__microcred_page_cache_learner__"
_LEARNER_BYTES = LEARNER_PLACEHOLDER.encode()


# What the public pages show besides the course: news (and their translations) and the
# partner organisations (the About page, "From <partner>" under a news item).
PUBLIC_CONTENT = Generation("pages:public")


def anonymous_page(
    *,
    depends_on: tuple[Callable[[], int], ...],
    fresh_until: Callable[[], datetime | None] | None = None,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Serve the view's page from the page cache to anonymous visitors.

    `depends_on` reads the generations of what the page shows. `fresh_until`, when given, says
    when the page changes without any write (news published for a later time); the entry is
    dropped then. The view must return a TemplateResponse, so the token can be left out.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            generations = ".".join(str(read()) for read in depends_on)
            return shared_page(
                request,
                page_key(request, "page", generations),
                lambda: view(request, *args, **kwargs),
                keep_for=lambda: _seconds_until(fresh_until() if fresh_until else None),
            )

        return wrapper

    return decorator


def page_key(request: HttpRequest, *parts: object) -> str:
    """A key of `parts` (what the view knows changes its page) and what changes every page: the
    interface language, the text size and the path."""
    every_page = (get_language(), text_size(request), request.path)
    return ":".join(str(part) for part in (*parts, *every_page))


def shared_page(
    request: HttpRequest,
    key: str,
    respond: Callable[[], HttpResponse],
    keep_for: Callable[[], int] = lambda: ENTRY_SECONDS,
    store: str = STORE,
) -> HttpResponse:
    """The page stored under `key`, else `respond()`'s, stored when it may be shared.

    `key` must carry everything that changes the page but the CSRF token and the learner's id
    (`learner_id` in the context), which are put in for each response. `keep_for` says for how
    many seconds a new entry may be kept; it is asked on a miss only, before rendering, so that
    content appearing while the page renders ends the entry rather than outlives it. `store`:
    the cache alias (LEARNER_STORE for the pages learners share)."""
    entries = caches[store]
    entry = entries.get(key)
    if entry is None:
        timeout = keep_for()
        response = respond()
        if not _may_share(response):
            return response
        entry = _render_with_placeholders(response)
        if len(get_messages(request)):  # the view left a message: the page shows it
            return _serve(request, *entry)
        if timeout > 0:
            entries.set(key, entry, timeout)
    return _serve(request, *entry)


def _cacheable(request: HttpRequest) -> bool:
    return not request.user.is_authenticated and may_serve_shared(request)


def may_serve_shared(request: HttpRequest) -> bool:
    """A plain read: a GET or HEAD without a query string (one would let a visitor fill the
    cache with `?1`, `?2`...) and without messages waiting to be shown."""
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        # Read without marking them shown: the page rendered normally still shows them.
        and not len(get_messages(request))
    )


def _may_share(response: HttpResponse) -> bool:
    """A plain page: a template not rendered yet, 200, and nothing but its content type (a
    cookie or another header would be lost when the page is served from the cache)."""
    return (
        isinstance(response, TemplateResponse)
        and not response.is_rendered
        and response.status_code == 200
        and not response.cookies
        and set(response.headers) == {"Content-Type"}
    )


def _render_with_placeholders(response: TemplateResponse) -> tuple[bytes, str]:
    """The page with placeholders where the token and the learner's id would be."""
    response.context_data = {
        **(response.context_data or {}),
        "csrf_token": CSRF_PLACEHOLDER,
        "learner_id": LEARNER_PLACEHOLDER,
    }
    response.render()
    return response.content, response["Content-Type"]


def _serve(request: HttpRequest, content: bytes, content_type: str) -> HttpResponse:
    if _PLACEHOLDER_BYTES in content:
        content = content.replace(_PLACEHOLDER_BYTES, get_token(request).encode())
    if _LEARNER_BYTES in content:
        learner = str(request.user.pk) if request.user.is_authenticated else ""
        content = content.replace(_LEARNER_BYTES, learner.encode())
    return HttpResponse(content, content_type=content_type)


def _seconds_until(moment: datetime | None) -> int:
    if moment is None:
        return ENTRY_SECONDS
    # Whole seconds, rounded down: the entry goes a little early rather than a little late.
    return min(ENTRY_SECONDS, int((moment - timezone.now()).total_seconds()))
