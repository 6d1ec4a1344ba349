"""Who signs: the consortium's did:web (from SITE_URL), or a partner's did:web under it, and
their Ed25519 keys.

A partner that signs its own credentials is `did:web:<site>:partners:<slug>`, which did:web
resolves to https://<site>/partners/<slug>/did.json: one deployment hosts every partner's DID
document, and each partner has keys of its own, rotated on their own.
"""

import secrets
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.accounts.models import PartnerOrganisation
from microcred.core.sql import rows_where
from microcred.credentials import keystore
from microcred.credentials.errors import IssuerNotReady
from microcred.credentials.models import CredentialEvent, IssuerKey
from vckit import did
from vckit.model import IssuerKey as SigningKey
from vckit.model import IssuerProfile

PARTNER_PATH = "partners"  # did:web path segment, and the URL folder of partner DID documents


def consortium_did() -> str:
    """did:web of this deployment (a port is percent-encoded, as did:web requires)."""
    return did.did_web(urlsplit(settings.SITE_URL).netloc)


def partner_did(partner: PartnerOrganisation) -> str:
    return f"{consortium_did()}:{PARTNER_PATH}:{partner.slug}"


def issuer_did(partner: PartnerOrganisation | None) -> str:
    return consortium_did() if partner is None else partner_did(partner)


def issuer_profile(partner: PartnerOrganisation | None = None) -> IssuerProfile:
    """The signer's Profile; raises IssuerNotReady for a partner without a legal identifier
    (its key was made when it had one, but it must also be in every credential it signs)."""
    if partner is not None:
        check_ready_to_sign(partner)
        return IssuerProfile(
            did=partner_did(partner), name=partner.legal_name or partner.name,
            url=partner.website or f"{settings.SITE_URL}/about/#{partner.slug}",
            email=partner.contact_email or settings.CONSORTIUM_EMAIL,
            country_code=partner.country, legal_identifier=partner.legal_identifier or None)
    return IssuerProfile(
        did=consortium_did(), name=settings.CONSORTIUM_NAME, url=settings.SITE_URL + "/",
        email=settings.CONSORTIUM_EMAIL, country_code=settings.CONSORTIUM_COUNTRY,
        legal_identifier=settings.CONSORTIUM_LEGAL_ID or None)


def is_published_did(controller: str, keys: list[IssuerKey] | None = None) -> bool:
    """Is `controller` one of the DIDs this deployment answers for? `keys`: its keys on record
    when already read (selectors.stored_credential), so they are not looked for again."""
    own = consortium_did()
    if controller == own:
        return True
    if not controller.startswith(f"{own}:{PARTNER_PATH}:"):
        return False
    return bool(keys) if keys is not None else IssuerKey.objects.filter(did=controller).exists()


def published_dids() -> list[str]:
    """Every DID this deployment answers for: the consortium's and each partner's with keys."""
    own = consortium_did()
    return [own, *sorted(set(IssuerKey.objects.filter(did__startswith=f"{own}:{PARTNER_PATH}:")
                             .values_list("did", flat=True)))]


def partner_of(controller: str) -> PartnerOrganisation | None:
    """The partner whose DID `controller` is; None for the consortium's (or an unknown) DID."""
    prefix = f"{consortium_did()}:{PARTNER_PATH}:"
    if not controller.startswith(prefix):
        return None
    return PartnerOrganisation.objects.filter(slug=controller.removeprefix(prefix)).first()


def check_ready_to_sign(partner: PartnerOrganisation) -> None:
    """A partner signs only with its legal identifier on record: the Europass (ELM) version of
    every credential it signs needs it (EDC requires the issuer's eIDAS identifier), and it
    is read from the signed credential, so it must be there from the first signature on."""
    if not partner.legal_identifier.strip():
        raise IssuerNotReady(
            _("%(partner)s cannot sign credentials yet: enter its legal identifier (VAT, "
              "company register or eIDAS identifier) in its partner details first.")
            % {"partner": partner.name})


@transaction.atomic
def create_key(*, controller: str | None = None, actor=None) -> IssuerKey:
    """A new signing key; the previous one is retired but stays in the DID document.

    Raises IssuerNotReady for a partner without its legal identifier."""
    controller = controller or consortium_did()
    partner = partner_of(controller)
    if partner is not None:
        check_ready_to_sign(partner)
    elif controller != consortium_did():
        raise IssuerNotReady(_("%(did)s is not a DID this site signs for.") % {"did": controller})
    now = timezone.now()
    IssuerKey.objects.select_for_update().filter(did=controller, retired_at__isnull=True).update(
        retired_at=now)
    key_id = f"key-{now:%Y-%m-%d}-{secrets.token_hex(3)}"  # readable, and unique per rotation
    generated = did.generate_issuer_key(controller, key_id)
    seed = generated.private_key
    assert isinstance(seed, bytes)
    record = IssuerKey.objects.create(
        did=controller, key_id=key_id, public_key_multibase=generated.public_key_multibase,
        encrypted_private_key=keystore.encrypt_private_key(seed))
    CredentialEvent.objects.create(actor=actor, action="key_created",
                                   details={"verification_method": record.verification_method})
    return record


def signing_key(controller: str | None = None) -> SigningKey:
    """The active key of the issuer (looked up every time, so a rotation takes effect at once)."""
    controller = controller or consortium_did()
    record = IssuerKey.objects.filter(did=controller, retired_at__isnull=True).first()
    if record is None:
        record = create_key(controller=controller)
    return _decrypted(record.pk, bytes(record.encrypted_private_key), controller, record.key_id)


@lru_cache(maxsize=8)
def _decrypted(key_pk: int, token: bytes, controller: str, key_id: str) -> SigningKey:
    # A key record never changes, so a cohort of issuances decrypts it once per process.
    return did.issuer_key(keystore.decrypt_private_key(token), controller, key_id)


def did_document(controller: str | None = None, keys: list[IssuerKey] | None = None) -> dict:
    """The DID document of `controller` with every key it ever had, built from the database
    (or from `keys`, its keys on record when already read).

    Built on every verify page view (a kept signature check is used only while the signer's
    document is unchanged, verify_cache.py), so its query is written once (core/sql.py)."""
    controller = controller or consortium_did()
    if keys is None:
        keys = rows_where(IssuerKey, "did", controller)
    records = sorted(keys, key=lambda k: (k.created_at, k.pk))
    published = [did.PublishedKey(key.verification_method, key.public_key_multibase)
                 for key in records]
    return did.did_document(controller, published)
