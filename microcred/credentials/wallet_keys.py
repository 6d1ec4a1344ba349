"""The deployment's X.509-certified ES256 key for wallet credentials (SD-JWT VC, Token Status
List): a self-signed demo chain, or a certificate from a trust service provider.

EUDI wallets and verifiers find the issuer's key in the ``x5c`` header (HAIP 1.0; the SD-JWT VC
draft, section "X.509 Certificates"), anchored in a trust list; JWT VC Issuer Metadata
(``/.well-known/jwt-vc-issuer``) publishes the same keys for verifiers without PKI. The private
key is stored encrypted with CREDENTIAL_KEK, like the Ed25519 keys (keystore.py).
"""

import base64
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from ipaddress import ip_address
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from joserfc.jwk import ECKey

from microcred.credentials import keystore
from microcred.credentials.errors import CredentialError
from microcred.credentials.models import CredentialEvent
from microcred.credentials.wallet_models import CertifiedIssuerKey

DEMO_VALIDITY = timedelta(days=397)  # the longest a publicly trusted leaf may live


@dataclass(frozen=True)
class ActiveKey:
    key: ECKey
    x5c: list[str]  # base64 DER, leaf first (RFC 7515 section 4.1.6)
    kid: str


def _site_names() -> list[x509.GeneralName]:
    """The leaf names the credential issuer (SITE_URL): HAIP and the SD-JWT VC draft have a
    verifier match the ``iss`` URL against the certificate's subject alternative names."""
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    names: list[x509.GeneralName] = [x509.UniformResourceIdentifier(settings.SITE_URL)]
    try:
        names.append(x509.IPAddress(ip_address(host)))
    except ValueError:
        names.append(x509.DNSName(host))
    return names


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, settings.CONSORTIUM_NAME[:64]),
            x509.NameAttribute(NameOID.COUNTRY_NAME, settings.CONSORTIUM_COUNTRY),
        ]
    )


def _encrypt(private_key: ec.EllipticCurvePrivateKey) -> bytes:
    return keystore.encrypt_private_key(
        private_key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def _public_jwk(private_key: ec.EllipticCurvePrivateKey) -> dict:
    public = ECKey.import_key(private_key.public_key())
    return public.as_dict(private=False, kid=public.thumbprint(), use="sig", alg="ES256")


def _demo_chain(private_key: ec.EllipticCurvePrivateKey) -> list[x509.Certificate]:
    """A throwaway root (its key is discarded once it has signed) and the issuer's leaf."""
    now = timezone.now()
    root_key = ec.generate_private_key(ec.SECP256R1())
    root_name = _name(f"{settings.CONSORTIUM_NAME[:40]} demo root (not trusted)")
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + DEMO_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False
        )
        .sign(root_key, hashes.SHA256())
    )
    leaf = (
        x509.CertificateBuilder()
        .subject_name(_name(settings.CONSORTIUM_NAME[:64]))
        .issuer_name(root_name)
        .public_key(private_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + DEMO_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectAlternativeName(_site_names()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
            critical=False,
        )
        .sign(root_key, hashes.SHA256())
    )
    return [leaf, root]


def _pem(chain: list[x509.Certificate]) -> str:
    return "".join(c.public_bytes(serialization.Encoding.PEM).decode("ascii") for c in chain)


def _activate(record: CertifiedIssuerKey, actor) -> CertifiedIssuerKey:
    now = timezone.now()
    CertifiedIssuerKey.objects.select_for_update().filter(in_use=True).update(
        in_use=None, retired_at=now
    )
    record.in_use, record.activated_at = True, now
    record.save(update_fields=["in_use", "activated_at", "certificate_chain"])
    CredentialEvent.objects.create(
        actor=actor,
        action="wallet_key_activated",
        details={"kid": record.public_jwk["kid"], "self_signed": record.self_signed},
    )
    return record


@transaction.atomic
def create_self_signed(*, actor=None) -> CertifiedIssuerKey:
    """A new key with a self-signed demo chain, in use at once (the previous key retires).

    Wallets do not trust the demo root: for production install a chain from a trust service
    provider (``create_signing_request``, then ``install_certificate``)."""
    private_key = ec.generate_private_key(ec.SECP256R1())
    record = CertifiedIssuerKey.objects.create(
        encrypted_private_key=_encrypt(private_key),
        public_jwk=_public_jwk(private_key),
        certificate_chain=_pem(_demo_chain(private_key)),
        self_signed=True,
    )
    return _activate(record, actor)


@transaction.atomic
def create_signing_request(*, actor=None) -> bytes:
    """A new key kept back until its certificate arrives, and its certificate signing request
    (PEM) for the trust service provider."""
    private_key = ec.generate_private_key(ec.SECP256R1())
    CertifiedIssuerKey.objects.create(
        encrypted_private_key=_encrypt(private_key), public_jwk=_public_jwk(private_key)
    )
    request = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(_name(settings.CONSORTIUM_NAME[:64]))
        .add_extension(x509.SubjectAlternativeName(_site_names()), critical=False)
        .sign(private_key, hashes.SHA256())
    )
    CredentialEvent.objects.create(actor=actor, action="wallet_key_requested", details={})
    return request.public_bytes(serialization.Encoding.PEM)


@transaction.atomic
def install_certificate(*, chain_pem: bytes, actor=None) -> CertifiedIssuerKey:
    """Put the chain a trust service provider returned in use, on the waiting key whose public
    key its first (leaf) certificate certifies."""
    try:
        chain = x509.load_pem_x509_certificates(chain_pem)
    except ValueError:
        raise CredentialError(_("The file holds no PEM certificates.")) from None
    leaf_jwk = ECKey.import_key(chain[0].public_key()).as_dict(private=False)
    for record in CertifiedIssuerKey.objects.select_for_update().filter(
        certificate_chain="", retired_at__isnull=True
    ):
        if all(record.public_jwk.get(part) == leaf_jwk.get(part) for part in ("crv", "x", "y")):
            record.certificate_chain = _pem(chain)
            return _activate(record, actor)
    raise CredentialError(
        _(
            "No waiting key matches this certificate: create a signing request "
            "first and install the certificate issued for it."
        )
    )


def active_key() -> ActiveKey:
    """The key in use. Outside production a self-signed demo chain is made on first use, as the
    Ed25519 keys are; in production an operator installs one (docs/wallet-issuance.md)."""
    record = CertifiedIssuerKey.objects.filter(in_use=True).first()
    if record is None:
        if settings.PRODUCTION:
            raise CredentialError(
                _("No certified issuer key is installed: run manage.py wallet_certificate first.")
            )
        record = create_self_signed()
    return _decrypted(record.pk, bytes(record.encrypted_private_key), record.certificate_chain)


@lru_cache(maxsize=4)
def _decrypted(pk: int, token: bytes, chain_pem: str) -> ActiveKey:
    private_key = serialization.load_der_private_key(keystore.decrypt_private_key(token), None)
    key = ECKey.import_key(private_key)
    x5c = [
        base64.b64encode(c.public_bytes(serialization.Encoding.DER)).decode("ascii")
        for c in x509.load_pem_x509_certificates(chain_pem.encode("ascii"))
    ]
    return ActiveKey(key=key, x5c=x5c, kid=key.thumbprint())


def published_jwks() -> list[dict]:
    """The public keys of every key that has signed (in use and retired), for JWT VC Issuer
    Metadata."""
    return [
        record.public_jwk
        for record in CertifiedIssuerKey.objects.exclude(activated_at=None).order_by("activated_at")
    ]
