"""Fetch another issuer's DID document or status list without letting the request reach inside.

Anyone can paste a credential naming any URL, so every fetch is a request an anonymous stranger
makes through our server (issue #12, finding 7). Each hop of a fetch:

1. is https, unless its origin is one the operator allowed (VERIFIER_ALLOWED_PRIVATE_ORIGINS,
   for tests and local interoperability runs only);
2. resolves the host ONCE and is refused when any answer is not a public address;
3. connects to that vetted address itself, with no second lookup, while the Host header, the TLS
   server name and the certificate check keep the original host name;
4. follows a redirect only to a URL that passes 1-3 again, at most MAX_REDIRECTS times
   (issuers do move documents behind permanent addresses, so refusing every redirect would turn
   honest credentials into "could not check");

and the whole fetch, redirects included, has one deadline and a size cap.

Why the standard library's http.client and not requests/urllib3/httpx: none of them is in our lock
file, and each resolves the host again when it connects, so pinning the vetted address needs a
custom connection or transport class in any of them. http.client accepts the socket we opened to
the vetted address; `ssl` checks the certificate against the original host name.
"""

import contextlib
import http.client
import ipaddress
import json
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.conf import settings

MAX_DOCUMENT_BYTES = 1_000_000
FETCH_TIMEOUT_SECONDS = 5.0  # for the whole fetch, every redirect hop included
MAX_REDIRECTS = 3
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
DEFAULT_PORTS = {"https": 443, "http": 80}
USER_AGENT = "Microcred-verifier/1 (+https://www.w3.org/TR/vc-data-model-2.0/)"

Resolve = Callable[[str, int], list[str]]


class FetchRefused(Exception):
    """The URL, an address it resolves to, or the answer breaks the fetching rules."""


def system_resolve(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for `host`, asked once."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FetchRefused(f"{host} could not be found: {exc}") from exc
    return [str(info[4][0]) for info in infos]


def _origin(scheme: str, host: str, port: int | None) -> str:
    return f"{scheme}://{host.lower()}:{port or DEFAULT_PORTS.get(scheme, 0)}"


def allowed_private_origins() -> frozenset[str]:
    """The operator's exceptions, normalised (`http://127.0.0.1:8123/` -> scheme://host:port)."""
    origins = set()
    for entry in settings.VERIFIER_ALLOWED_PRIVATE_ORIGINS:
        parts = urlsplit(entry.strip())
        if parts.scheme and parts.hostname:
            origins.add(_origin(parts.scheme, parts.hostname, parts.port))
    return frozenset(origins)


def is_public_address(text: str) -> bool:
    """A globally routable unicast address; IPv6 forms that embed an IPv4 address are judged by
    that address too (::ffff:127.0.0.1, 6to4 and Teredo would otherwise reach private hosts)."""
    address = ipaddress.ip_address(text.split("%", 1)[0])
    if not address.is_global or address.is_multicast:
        return False
    if isinstance(address, ipaddress.IPv6Address):
        teredo = address.teredo[1] if address.teredo else None
        embedded = [address.ipv4_mapped, address.sixtofour, teredo]
        return all(inner is None or is_public_address(str(inner)) for inner in embedded)
    return True


@dataclass(frozen=True)
class Hop:
    """One request, vetted: where to connect, and what to call the host while doing so."""

    url: str
    scheme: str
    host: str
    port: int
    target: str  # path and query
    address: str  # the vetted IP address we connect to


def vet(url: str, *, resolve: Resolve) -> Hop:
    """Apply rules 1 and 2 of the module docstring to one URL; resolve its host exactly once."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchRefused(f"{url} is not a valid address") from exc
    scheme, host = parts.scheme.lower(), parts.hostname
    if not host or parts.username is not None or scheme not in DEFAULT_PORTS:
        raise FetchRefused(f"{url} is not an https address")
    port = port or DEFAULT_PORTS[scheme]
    allowed = _origin(scheme, host, port) in allowed_private_origins()
    if scheme != "https" and not allowed:
        raise FetchRefused(f"only https addresses are fetched, not {url}")
    addresses = resolve(host, port)
    if not addresses:
        raise FetchRefused(f"{host} has no address")
    try:
        private = [a for a in addresses if not is_public_address(a)]
    except ValueError as exc:
        raise FetchRefused(f"{host} resolved to something that is not an address") from exc
    if private and not allowed:
        raise FetchRefused(f"{host} is not a public address")
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Hop(url=url, scheme=scheme, host=host, port=port, target=target, address=addresses[0])


def _connection(hop: Hop, deadline: float) -> tuple[http.client.HTTPConnection, socket.socket]:
    """Rule 3: a connection to the vetted address that still speaks to (and checks) the host."""
    family = socket.AF_INET6 if ":" in hop.address else socket.AF_INET
    raw = socket.socket(family, socket.SOCK_STREAM)
    try:
        raw.settimeout(max(deadline - time.monotonic(), 0.001))
        raw.connect((hop.address.split("%", 1)[0], hop.port))
        sock: socket.socket = raw
        connection: http.client.HTTPConnection
        if hop.scheme == "https":
            sock = ssl.create_default_context().wrap_socket(raw, server_hostname=hop.host)
            connection = http.client.HTTPSConnection(hop.host, hop.port)
        else:
            connection = http.client.HTTPConnection(hop.host, hop.port)
    except (OSError, ssl.SSLError):
        raw.close()
        raise
    connection.sock = sock  # already connected: http.client will not look the host up again
    return connection, sock


def _read_body(response: http.client.HTTPResponse, url: str, max_bytes: int) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchRefused(f"{url} is too large")
    body = response.read(max_bytes + 1)
    if len(body) > max_bytes:
        raise FetchRefused(f"{url} is too large")
    return body


def _request(hop: Hop, deadline: float, max_bytes: int) -> tuple[int, str | None, bytes]:
    """One GET; returns the status, the Location header and the body (empty for redirects)."""
    connection, sock = _connection(hop, deadline)
    # A server dripping one byte at a time would reset a per-read timeout forever: the watchdog
    # cuts the connection at the deadline whatever it is doing.
    watchdog = threading.Timer(max(deadline - time.monotonic(), 0.001), _cut, args=(sock,))
    watchdog.start()
    try:
        connection.putrequest("GET", hop.target, skip_accept_encoding=True)
        connection.putheader("Accept", "application/ld+json, application/json")
        connection.putheader("User-Agent", USER_AGENT)
        connection.endheaders()
        response = connection.getresponse()
        if response.status in REDIRECT_STATUSES:
            return response.status, response.getheader("Location"), b""
        if response.status != 200:
            raise LookupError(f"{hop.url}: HTTP {response.status}")
        body = _read_body(response, hop.url, max_bytes)
        if time.monotonic() >= deadline:  # cut by the watchdog: what arrived is not the whole
            raise FetchRefused(f"{hop.url} took too long to answer")
        return 200, None, body
    except (OSError, http.client.HTTPException) as exc:
        if time.monotonic() >= deadline:
            raise FetchRefused(f"{hop.url} took too long to answer") from exc
        raise
    finally:
        watchdog.cancel()
        connection.close()


def _cut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed: nothing left to cut
        # The plain socket's shutdown, also under TLS: it wakes a blocked read from this thread.
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


def fetch_json(url: str, *, resolve: Resolve = system_resolve,
               timeout: float = FETCH_TIMEOUT_SECONDS,
               max_bytes: int = MAX_DOCUMENT_BYTES) -> Any:
    """GET a JSON document from another issuer under the rules of the module docstring."""
    deadline = time.monotonic() + timeout
    for _hop_number in range(MAX_REDIRECTS + 1):
        hop = vet(url, resolve=resolve)
        status, location, body = _request(hop, deadline, max_bytes)
        if status == 200:
            try:
                return json.loads(body)
            except ValueError as exc:
                raise LookupError(f"{url} is not JSON") from exc
        if not location:
            raise LookupError(f"{url}: HTTP {status} without a Location")
        url = urljoin(url, location)
    raise FetchRefused(f"more than {MAX_REDIRECTS} redirects")
