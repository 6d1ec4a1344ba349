"""Fetching other issuers' documents cannot be turned against our own network (issue #12, 7).

Real sockets on 127.0.0.1: an HTTP server whose origin the test allows, and plain listeners that
record whether anything reached them when the fetcher must refuse.
"""

import json
import socket
import time

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from microcred.credentials import fetcher, verification

DOCUMENT = {"id": "did:web:issuer.example", "assertionMethod": []}


def test_an_allowed_local_origin_is_fetched_with_its_host_header(server, settings):
    origin, handler = server
    settings.VERIFIER_ALLOWED_PRIVATE_ORIGINS = [origin]
    handler.routes["/did.json"] = (200, {"Content-Type": "application/json"},
                                   json.dumps(DOCUMENT).encode())
    assert fetcher.fetch_json(f"{origin}/did.json") == DOCUMENT
    assert handler.seen == [("/did.json", origin.removeprefix("http://"))]


def test_a_private_address_is_refused_unless_its_origin_is_allowed(server, settings):
    origin, handler = server
    settings.VERIFIER_ALLOWED_PRIVATE_ORIGINS = []
    with pytest.raises(fetcher.FetchRefused):
        fetcher.fetch_json(f"{origin}/did.json")
    with pytest.raises(fetcher.FetchRefused):
        fetcher.fetch_json(origin.replace("http:", "https:") + "/did.json")
    assert handler.seen == []


def test_plain_http_to_a_public_host_is_refused_before_any_lookup():
    asked = []
    with pytest.raises(fetcher.FetchRefused, match="only https"):
        fetcher.fetch_json("http://issuer.example/status/1",
                           resolve=lambda host, port: asked.append(host) or ["93.184.215.14"])
    assert asked == []


@pytest.mark.parametrize("where", ["http://169.254.169.254/latest/meta-data/",
                                   "https://169.254.169.254/latest/meta-data/",
                                   "https://127.0.0.1:{port}/", "http://127.0.0.1:{port}/",
                                   "https://[::ffff:127.0.0.1]:{port}/"])
def test_a_redirect_to_an_internal_address_is_refused(server, settings, listener, where):
    origin, handler = server
    settings.VERIFIER_ALLOWED_PRIVATE_ORIGINS = [origin]
    handler.routes["/status/1"] = (302, {"Location": where.format(port=listener.port)}, b"")
    with pytest.raises(fetcher.FetchRefused):
        fetcher.fetch_json(f"{origin}/status/1")
    assert not listener.was_contacted()


def test_a_redirect_within_the_rules_is_followed_and_loops_end(server, settings):
    origin, handler = server
    settings.VERIFIER_ALLOWED_PRIVATE_ORIGINS = [origin]
    handler.routes["/old"] = (301, {"Location": "/new"}, b"")
    handler.routes["/new"] = (200, {}, json.dumps(DOCUMENT).encode())
    handler.routes["/loop"] = (302, {"Location": "/loop"}, b"")
    assert fetcher.fetch_json(f"{origin}/old") == DOCUMENT
    with pytest.raises(fetcher.FetchRefused, match="redirects"):
        fetcher.fetch_json(f"{origin}/loop")


def test_a_dns_answer_that_changes_after_the_check_is_never_used(monkeypatch, listener):
    """DNS rebinding: the first answer is public, every later one points inside."""
    answers = []

    def rebinding(host, port, *args, **kwargs):
        address = "192.0.0.9" if not answers else "127.0.0.1"
        answers.append(address)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with pytest.raises((fetcher.FetchRefused, OSError)):
        fetcher.fetch_json(f"https://rebind.example:{listener.port}/status/1", timeout=0.5)
    assert answers == ["192.0.0.9"]  # resolved once, and the connection went there
    assert not listener.was_contacted()


def test_a_document_too_large_is_refused(server, settings):
    origin, handler = server
    settings.VERIFIER_ALLOWED_PRIVATE_ORIGINS = [origin]
    handler.routes["/big"] = (200, {}, b"[" + b"0," * 600_000 + b"0]")
    with pytest.raises(fetcher.FetchRefused, match="too large"):
        fetcher.fetch_json(f"{origin}/big")


def test_a_server_dripping_bytes_is_cut_off_at_the_deadline(server, settings):
    origin, _ = server
    settings.VERIFIER_ALLOWED_PRIVATE_ORIGINS = [origin]
    started = time.monotonic()
    with pytest.raises(fetcher.FetchRefused, match="too long"):
        fetcher.fetch_json(f"{origin}/slow", timeout=0.5)
    assert time.monotonic() - started < 2


def test_the_verifier_uses_the_guarded_fetcher_for_other_issuers(settings, listener):
    settings.VERIFIER_ALLOWED_PRIVATE_ORIGINS = []
    with pytest.raises(fetcher.FetchRefused):
        verification.fetch_json(f"https://127.0.0.1:{listener.port}/credentials/status/1")
    assert not listener.was_contacted()


def test_the_deployment_check_warns_about_allowed_private_origins(settings):
    settings.VERIFIER_ALLOWED_PRIVATE_ORIGINS = ["http://127.0.0.1:8123"]
    with pytest.raises(SystemCheckError, match=r"credentials\.W001"):
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "security")
