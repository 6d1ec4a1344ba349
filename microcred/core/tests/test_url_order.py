"""Our addresses are listed busiest first (issue #19: Django tries patterns in order, and the
verify page used to wait behind a hundred others). Order must never change what an address
opens: every one of our named addresses still reaches its own view, none is shadowed."""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

# A value for each parameter name our patterns use, valid for its converter or regex.
SAMPLES = {
    "code": "M01", "slug": "01-devices-and-apps", "step": "language", "kind": "module",
    "version": "v1", "name": "photo.png", "token": "abc123", "fmt": "csv", "language": "de",
    "credential_id": uuid.UUID("12345678-1234-5678-1234-567812345678"),
}


def _our_patterns():
    """(namespace, name, parameter names) of every named pattern our apps mount at the root."""
    for resolver in get_resolver().url_patterns:
        if not (isinstance(resolver, URLResolver) and str(resolver.pattern) == ""):
            continue
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLPattern) and pattern.name:
                yield resolver.namespace, pattern.name, list(pattern.pattern.regex.groupindex)


@pytest.mark.parametrize(("namespace", "name", "parameters"), list(_our_patterns()))
def test_every_address_opens_its_own_page(namespace, name, parameters):
    view_name = f"{namespace}:{name}" if namespace else name
    address = reverse(view_name, kwargs={p: SAMPLES.get(p, 7) for p in parameters})
    assert resolve(address).view_name == view_name, f"{address} is shadowed by another pattern"


def test_the_busiest_pages_are_found_first():
    """The home page, the lesson, my learning and the verify page lead the first apps tried."""
    leading = {f"{resolver.namespace}:{pattern.name}"
               for resolver in get_resolver().url_patterns[:3]
               for pattern in resolver.url_patterns[:2]}
    assert {"public:home", "learning:lesson", "learning:home",
            "credentials:verify_issued"} <= leading
