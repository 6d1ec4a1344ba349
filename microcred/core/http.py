"""Small view decorators shared by every app."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect

View = Callable[..., HttpResponse]


def post_only_else_show(page: Callable[..., str]) -> Callable[[View], View]:
    """A view that acts only on POST, whose address a GET may still reach: a reloaded result,
    a bookmark, the browser's history, a link copied from the address bar. Such a GET goes to
    the page the form is on (`page` gets the view's URL arguments and returns its address)
    instead of a bare "405 Method Not Allowed"; nothing is changed by it."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST":
                return view(request, *args, **kwargs)
            if request.method in {"GET", "HEAD"}:
                return HttpResponseRedirect(page(*args, **kwargs))
            return HttpResponseNotAllowed(["GET", "POST"])

        return wrapped

    return decorator
