"""Errors of the credential services; their messages are shown to staff, so they translate."""


class CredentialError(Exception):
    """A credential cannot be issued or revoked; the message is shown to staff."""


class IssuerNotReady(CredentialError):
    """An issuer lacks what it needs before it may sign (e.g. a partner's legal identifier)."""
