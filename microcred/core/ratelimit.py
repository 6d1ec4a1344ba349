"""A fixed-window rate limit kept in the shared cache, so it holds across app servers."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def hit_rate_limit(*, scope: str, key: str, limit: int, period_seconds: int) -> bool:
    """Count one hit; return True when the caller is over `limit` hits in the current window."""
    cache_key = f"ratelimit:{scope}:{key}"
    # add() only sets the key when absent, so the window starts at the first hit.
    if cache.add(cache_key, 1, timeout=period_seconds):
        return False
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=period_seconds)
        return False
    return count > limit
