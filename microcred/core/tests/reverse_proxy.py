"""A real nginx (Debian's package) in front of the live server, and HTTP clients that each
connect from their own loopback address, as different people behind one proxy would.

The proxy configuration is the one docs/operations.md gives operators: each proxy appends the
address it saw to X-Forwarded-For ($proxy_add_x_forwarded_for) and passes the Host header on.
"""

import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

NGINX = os.environ.get("NGINX_PATH") or shutil.which("nginx") or "/usr/sbin/nginx"

PROXY_LOCATION = """
    location / {{
        proxy_pass http://{upstream};
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
    }}"""


def nginx_or_skip() -> str:
    if not Path(NGINX).exists():
        message = (
            "nginx is needed for the reverse-proxy tests: install it with "
            "`sudo apt-get install nginx-light` (or set NGINX_PATH)."
        )
        # On a developer's machine say how to get it; in CI a missing proxy is a failure.
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return NGINX


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"nginx stopped:\n{log.read_text()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"nginx did not listen on {port}:\n{log.read_text()}")


@contextmanager
def nginx_chain(upstream: str, directory: Path, *, proxies: int = 1) -> Iterator[int]:
    """`proxies` nginx servers in a row in front of `upstream` (host:port); yields the port of
    the outermost one, where clients connect."""
    ports = [_free_port() for _ in range(proxies)]
    targets = [f"127.0.0.1:{port}" for port in ports[1:]] + [upstream]
    servers = "\n".join(
        f"  server {{\n    listen 127.0.0.1:{port};{PROXY_LOCATION.format(upstream=target)}\n  }}"
        for port, target in zip(ports, targets, strict=True)
    )
    temp = {name: directory / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    # One process, no daemon: the test owns it and stops it; temp files stay in `directory`.
    config = f"""daemon off;
master_process off;
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {temp["body"]};
  proxy_temp_path {temp["proxy"]};
  fastcgi_temp_path {temp["fastcgi"]};
  uwsgi_temp_path {temp["uwsgi"]};
  scgi_temp_path {temp["scgi"]};
{servers}
}}
"""
    (directory / "nginx.conf").write_text(config)
    log = directory / "error.log"
    process = subprocess.Popen(
        [
            nginx_or_skip(),
            "-p",
            f"{directory}/",
            "-c",
            str(directory / "nginx.conf"),
            "-e",
            str(log),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        for port in ports:
            _wait_for(port, process, log)
        yield ports[0]
    finally:
        process.terminate()
        process.wait(timeout=10)


class Visitor:
    """One person's browser: its own source address (any 127.x.y.z is this machine), its own
    cookies, and whatever X-Forwarded-For it chooses to forge."""

    def __init__(self, address: str, port: int) -> None:
        self.address = address
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(
        self,
        method: str,
        path: str,
        *,
        form: dict[str, str] | None = None,
        json_body: str | None = None,
        forged_forwarded_for: str | None = None,
    ) -> tuple[int, str]:
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if forged_forwarded_for:
            headers["X-Forwarded-For"] = forged_forwarded_for
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif json_body is not None:
            body = json_body
            headers["Content-Type"] = "application/json"
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(self.address, 0)
        )
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.read().decode()
        finally:
            connection.close()

    def post_form(
        self, path: str, fields: dict[str, str], *, forged_forwarded_for: str | None = None
    ) -> tuple[int, str]:
        """GET the page for its CSRF token, then POST the form as a browser would."""
        _status, page = self.request("GET", path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert match, f"no CSRF token on {path}"
        return self.request(
            "POST",
            path,
            form={**fields, "csrfmiddlewaretoken": match[1]},
            forged_forwarded_for=forged_forwarded_for,
        )
