"""Deployment checks for the client address (`manage.py check --deploy`)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def proxy_count_set_behind_a_proxy(
    app_configs: object, **kwargs: object
) -> list[checks.CheckMessage]:
    """Behind a proxy with TRUSTED_PROXY_COUNT=0 every client has the proxy's address: one
    stranger's failed log-ins or contact messages would block everybody."""
    if not getattr(settings, "SECURE_PROXY_SSL_HEADER", None) or settings.TRUSTED_PROXY_COUNT:
        return []
    return [
        checks.Warning(
            "BEHIND_TLS_PROXY is on but TRUSTED_PROXY_COUNT is 0: every client would have the "
            "proxy's address, so all learners would share one log-in and contact-form limit.",
            hint="Set TRUSTED_PROXY_COUNT to the number of your proxies that append to "
            "X-Forwarded-For (1 for the README's set-up), or BEHIND_TLS_PROXY=off if clients "
            "connect directly.",
            id="core.W001",
        )
    ]
