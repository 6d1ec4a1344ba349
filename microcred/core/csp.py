"""django-csp's middleware, with the policy built once while nothing in a response varies it.

django-csp builds both headers from the settings on every response (two `build_policy` calls and
two dataclass copies): about 0.18 ms, a third of what an anonymous page served from the page
cache costs in process (issue #19). Our policy is the same for every response unless a view asks
for another (django-csp's decorators) or a nonce was made; those responses go the library's way.
"""

from functools import cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as LibraryCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpRequest
from django.http.response import HttpResponseBase

# What django-csp's decorators set on a response to vary its policy.
_PER_RESPONSE = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt",
    "_csp_exempt_ro",
)


class CSPMiddleware(LibraryCSPMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        varied = getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in _PER_RESPONSE
        )
        if varied or settings.DEBUG:  # DEBUG: the library leaves its error pages alone
            return super().process_response(request, response)
        for header, (policy, excluded) in zip(
            (HEADER, HEADER_REPORT_ONLY), _policies(), strict=True
        ):
            if policy and header not in response and not request.path_info.startswith(excluded):
                response[header] = policy
        # As the library does: a nonce asked for once the header is out is an error, not a
        # nonce the browser would never be told about.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


@cache
def _policies() -> tuple[tuple[str, tuple[str, ...]], tuple[str, tuple[str, ...]]]:
    """The enforced and the report-only policy, each with the paths it leaves out."""

    def excluded(setting: str) -> tuple[str, ...]:
        return tuple((getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())

    return (
        (build_policy(), excluded("CONTENT_SECURITY_POLICY")),
        (build_policy(report_only=True), excluded("CONTENT_SECURITY_POLICY_REPORT_ONLY")),
    )


def _forget_policies(*, setting: str, **kwargs: object) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _policies.cache_clear()


setting_changed.connect(_forget_policies)
