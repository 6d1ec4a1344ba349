"""The platform served over HTTPS on localhost, as real verifiers need it.

did:web resolves only over https, so a verifier can reach a test deployment only when it serves
TLS with a certificate the verifier trusts. This makes a throwaway certificate authority (its
certificate is what a client is told to trust, e.g. with NODE_EXTRA_CA_CERTS), and runs Django's
live-server thread with its listening socket wrapped in TLS.
"""

import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from ipaddress import IPv4Address
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler
from django.test.utils import modify_settings

HOST = "localhost"


@dataclass(frozen=True)
class HttpsServer:
    origin: str  # https://localhost:<port>
    ca_certificate: Path  # PEM of the throwaway authority that signed the server certificate
    requested: list[str]  # "GET /path" of every request served, in order


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(subject: str, issuer: str, public_key, signing_key, *, ca: bool,
                 extensions=()) -> x509.Certificate:
    now = datetime.now(UTC)
    builder = (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(_name(issuer))
               .public_key(public_key).serial_number(x509.random_serial_number())
               .not_valid_before(now - timedelta(minutes=5))
               .not_valid_after(now + timedelta(days=1))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    for extension, critical in extensions:
        builder = builder.add_extension(extension, critical=critical)
    return builder.sign(signing_key, hashes.SHA256())


def _write_certificates(directory: Path) -> tuple[Path, Path, Path]:
    """A one-day CA and a server certificate for localhost / 127.0.0.1 signed by it."""
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _certificate("Microcred test CA", "Microcred test CA", ca_key.public_key(), ca_key,
                      ca=True, extensions=[(x509.KeyUsage(
                          digital_signature=True, key_cert_sign=True, crl_sign=True,
                          content_commitment=False, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, encipher_only=False,
                          decipher_only=False), True)])
    server_key = ec.generate_private_key(ec.SECP256R1())
    server = _certificate(HOST, "Microcred test CA", server_key.public_key(), ca_key, ca=False,
                          extensions=[
                              (x509.SubjectAlternativeName([
                                  x509.DNSName(HOST), x509.IPAddress(IPv4Address("127.0.0.1"))]),
                               False),
                              (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)])
    paths = directory / "ca.pem", directory / "server.pem", directory / "server-key.pem"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(server.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(server_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    return paths


class _HttpsHandler(QuietWSGIRequestHandler):
    def get_environ(self):
        environ = super().get_environ()
        environ["HTTPS"] = "on"  # the request is secure: wsgi.url_scheme becomes https
        self.server.requested.append(f"{self.command} {self.path}")
        return environ


class _HttpsLiveServerThread(LiveServerThread):
    def __init__(self, *args, tls: ssl.SSLContext, **kwargs) -> None:
        self.tls = tls
        self.requested: list[str] = []
        super().__init__(*args, **kwargs)

    def _create_server(self, connections_override=None):
        server = self.server_class((self.host, self.port), _HttpsHandler,
                                   allow_reuse_address=False,
                                   connections_override=connections_override)
        # The TLS handshake runs in accept(); a client that breaks it off raises an OSError
        # there, which socketserver ignores.
        server.socket = self.tls.wrap_socket(server.socket, server_side=True)
        server.requested = self.requested
        return server


@contextmanager
def https_live_server(directory: Path) -> Iterator[HttpsServer]:
    """Serve the app at https://localhost:<free port> until the block ends (needs a
    transactional database: the server thread reads what the test committed)."""
    ca_path, certificate, key = _write_certificates(directory)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(certificate, key)
    # An in-memory SQLite test database exists only in this thread's connection: share it.
    shared = {c.alias: c for c in connections.all()
              if c.vendor == "sqlite" and c.is_in_memory_db()}
    thread = _HttpsLiveServerThread("127.0.0.1", StaticFilesHandler, connections_override=shared,
                                    tls=tls)
    thread.daemon = True
    for connection in shared.values():
        connection.inc_thread_sharing()
    try:
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        with modify_settings(ALLOWED_HOSTS={"append": HOST}):
            yield HttpsServer(origin=f"https://{HOST}:{thread.port}", ca_certificate=ca_path,
                              requested=thread.requested)
    finally:
        thread.terminate()
        for connection in shared.values():
            connection.dec_thread_sharing()
