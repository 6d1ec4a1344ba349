"""One setting, TRUSTED_PROXY_COUNT, decides who the client is for every rate limit and for
allauth. The same rules are exercised through a real nginx in test_behind_a_real_proxy.py."""

import os
import subprocess
import sys

import pytest
from allauth.account.adapter import get_adapter

from microcred.core.ratelimit import client_ip

FORGED_AND_REAL = {
    "REMOTE_ADDR": "10.0.0.2",
    "HTTP_X_FORWARDED_FOR": "1.1.1.1, 198.51.100.7, 10.0.0.1",
}


@pytest.mark.parametrize(
    ("proxies", "client"),
    [
        (0, "10.0.0.2"),  # no proxy: the header is the client's own text, ignored
        (1, "10.0.0.1"),  # the one proxy appended the address it saw: the last entry
        (2, "198.51.100.7"),  # two proxies: the outer one appended the client, the inner one it
        (5, "1.1.1.1"),  # fewer entries than proxies: the left-most one a proxy wrote
    ],
)
def test_the_client_is_the_entry_our_proxies_wrote(rf, settings, proxies, client):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(rf.get("/", **FORGED_AND_REAL)) == client


def test_without_a_forwarded_for_header_the_peer_is_the_client(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(rf.get("/", REMOTE_ADDR="192.0.2.9")) == "192.0.2.9"


def test_allauth_asks_the_same_question(rf, settings):
    for proxies in (0, 1, 2):
        settings.TRUSTED_PROXY_COUNT = proxies
        request = rf.get("/", **FORGED_AND_REAL)
        assert get_adapter(request).get_client_ip(request) == client_ip(request)


def _settings_with(**env: str) -> str:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"TRUSTED_PROXY_COUNT", "TRUST_X_FORWARDED_FOR"}
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import microcred.settings as s; "
            "print(s.TRUSTED_PROXY_COUNT, s.ALLAUTH_TRUSTED_PROXY_COUNT)",
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**clean, **env},
    )
    return result.stdout.strip() or result.stderr


def test_one_environment_variable_sets_the_count_for_allauth_too():
    assert _settings_with() == "0 0"
    assert _settings_with(TRUSTED_PROXY_COUNT="2") == "2 2"
    assert _settings_with(TRUST_X_FORWARDED_FOR="on") == "1 1"  # the older switch: one proxy
    assert "TRUSTED_PROXY_COUNT must be" in _settings_with(TRUSTED_PROXY_COUNT="-1")
