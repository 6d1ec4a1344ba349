"""A fixed-window rate limit kept in the shared cache, so it holds across app servers."""

import ipaddress
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _

VERIFY_PERIOD_SECONDS = 60
TOO_MANY_CHECKS = _(
    "You have checked many credentials in a short time. Please wait a minute and try again."
)


def client_ip(request: HttpRequest) -> str:
    """The client's address: every rate limit and allauth (through the account adapter) ask here.

    Behind TRUSTED_PROXY_COUNT proxies of ours, each appended the address it saw to
    X-Forwarded-For, so the client is the entry that many places from the right. Entries further
    left came from the client, who could write any address there to escape a limit or to spend
    someone else's. With fewer entries than proxies (a proxy was bypassed), the left-most one is
    still one a proxy of ours wrote.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [hop for hop in hops if hop]
        if hops:
            return hops[-min(proxies, len(hops))]
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def client_key(request: HttpRequest) -> str:
    """`client_ip`, with an IPv6 address widened to its /64: one home or phone is handed a
    whole /64 and could otherwise take a fresh address for every request."""
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return address


def hit_rate_limit(*, scope: str, key: str, limit: int, period_seconds: int) -> bool:
    """Count one hit; return True when the caller is over `limit` hits in the current window."""
    cache_key = f"ratelimit:{scope}:{key}"
    # add() only sets the key when absent, so the window starts at the first hit.
    if cache.add(cache_key, 1, timeout=period_seconds):
        return False
    try:
        count = cache.incr(cache_key)
    except ValueError:
        # The window expired between add() and incr(): this hit ends it, and the next one starts
        # a new window through add(). No write here: a second write in this rare race only adds
        # a chance to collide with other writers of the cache (on SQLite, a locked table).
        return False
    return count > limit


def verify_limit_exceeded(request: HttpRequest) -> bool:
    """Count one anonymous verification for this client. The page and every verify API share
    one budget: each check of another issuer's credential makes this server fetch documents."""
    return hit_rate_limit(
        scope="verify",
        key=client_key(request),
        limit=settings.VERIFY_RATE_LIMIT_PER_MINUTE,
        period_seconds=VERIFY_PERIOD_SECONDS,
    )


def too_many_checks_response() -> JsonResponse:
    # `detail` for our own API's clients, `errors` in the VC API's shape for standard clients.
    response = JsonResponse(
        {
            "detail": str(TOO_MANY_CHECKS),
            "verified": False,
            "errors": [{"code": "TOO_MANY_REQUESTS", "message": str(TOO_MANY_CHECKS)}],
        },
        status=429,
    )
    response["Retry-After"] = str(VERIFY_PERIOD_SECONDS)
    return response


def verify_rate_limit(view: Callable[..., Any]) -> Callable[..., Any]:
    """For JSON verify endpoints, plain Django views and django-ninja operations alike: HTTP 429
    with a translated `detail` once the client is over the verify limit.

        @router.post("/verify", response=...)
        @verify_rate_limit
        def verify_credential(request, payload: VerifyRequest): ...
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse | Any:
        if verify_limit_exceeded(request):
            return too_many_checks_response()
        return view(request, *args, **kwargs)

    return wrapped
