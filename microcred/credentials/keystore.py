"""Private signing keys are stored encrypted with a key-encryption key (KEK) from the environment.

CREDENTIAL_KEK (or CREDENTIAL_KEK_FILE) holds one or more Fernet keys separated by commas: the
first encrypts, all decrypt, so the KEK can be rotated by putting the new key first and keeping
the old one after it for as long as keys encrypted with it remain.
"""

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@cache
def _fernet() -> MultiFernet:
    keys = [key.strip() for key in settings.CREDENTIAL_KEK.split(",") if key.strip()]
    if not keys:
        raise ImproperlyConfigured(
            "CREDENTIAL_KEK (or CREDENTIAL_KEK_FILE) must hold a Fernet key to protect signing "
            "keys. Generate one with: python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(f"CREDENTIAL_KEK is not a valid Fernet key: {error}") from None


def encrypt_private_key(seed: bytes) -> bytes:
    return _fernet().encrypt(seed)


def decrypt_private_key(token: bytes) -> bytes:
    try:
        return _fernet().decrypt(bytes(token))
    except InvalidToken:
        raise ImproperlyConfigured(
            "A signing key cannot be decrypted: CREDENTIAL_KEK does not contain the key it was "
            "encrypted with.") from None
