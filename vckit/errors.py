"""Exceptions shared by several vckit modules (each module keeps its own narrower ones)."""


class VckitError(Exception):
    """Base class for errors raised by vckit."""


class CanonicalizationError(VckitError, ValueError):
    """A JSON-LD document cannot be turned into canonical RDF."""


class UnsafeDocumentError(CanonicalizationError):
    """JSON-LD processing would silently lose data (an undefined term, a relative IRI, ...).

    The Data Integrity reference implementations canonicalise in JSON-LD "safe mode" and refuse
    such documents, because whatever is dropped is not covered by the signature. We do the same.
    """
