"""Text from requests that bypasses Django forms (answers, reasons) is cleaned here."""


def plain_text(value: object, max_length: int) -> str:
    """A string without NUL characters (PostgreSQL refuses them), cut to `max_length`."""
    return str(value).replace("\x00", "")[:max_length]
