"""The policy built once per process is the one django-csp would build for each response."""

import pytest
from csp.constants import NONCE, SELF
from csp.decorators import csp_update
from csp.exceptions import CSPNonceError
from csp.middleware import CSPMiddleware as LibraryCSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from microcred.core.csp import CSPMiddleware


def _both(view):
    """The headers our middleware and the library's set on the same request."""
    request_ours, request_library = RequestFactory().get("/"), RequestFactory().get("/")
    ours = CSPMiddleware(view)(request_ours)
    library = LibraryCSPMiddleware(view)(request_library)
    return ours, library


def test_a_plain_page_gets_exactly_the_librarys_policy():
    ours, library = _both(lambda request: HttpResponse("page"))
    assert ours["Content-Security-Policy"] == library["Content-Security-Policy"]
    assert "script-src 'self'" in ours["Content-Security-Policy"]
    assert "Content-Security-Policy-Report-Only" not in ours


def test_a_view_that_varies_the_policy_still_gets_its_own():
    @csp_update({"img-src": ["https://maps.example.eu"]})
    def view(request):
        return HttpResponse("map")

    ours, library = _both(view)
    assert "https://maps.example.eu" in ours["Content-Security-Policy"]
    assert ours["Content-Security-Policy"] == library["Content-Security-Policy"]


def test_a_page_that_used_a_nonce_names_it_in_its_policy():
    def view(request):
        return HttpResponse(f"<script nonce='{request.csp_nonce}'></script>")

    directives = {"default-src": [SELF], "script-src": [SELF, NONCE]}
    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": directives}):
        response = CSPMiddleware(view)(RequestFactory().get("/"))
    nonce = response.content.decode().split("'")[1]
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_a_changed_setting_changes_the_policy():
    directives = {"default-src": ["'self'"], "img-src": ["'self'", "https://cdn.example.eu"]}
    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": directives}):
        ours, _ = _both(lambda request: HttpResponse("page"))
        assert "https://cdn.example.eu" in ours["Content-Security-Policy"]
    ours, _ = _both(lambda request: HttpResponse("page"))
    assert "https://cdn.example.eu" not in ours["Content-Security-Policy"]


def test_a_nonce_asked_for_after_the_header_went_out_is_an_error():
    request = RequestFactory().get("/")
    CSPMiddleware(lambda request: HttpResponse("page"))(request)
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)
