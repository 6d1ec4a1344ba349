"""XML Schema dateTime values as VC 2.0 uses them (section 4.9, validity period)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

# XML Schema 1.1 dateTime with a mandatory time zone (VC 2.0 "dateTimeStamp").
_DATETIME_STAMP = re.compile(r"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def format_datetime(value: datetime) -> str:
    """UTC, whole seconds, "Z" suffix: the form every verifier we tested accepts."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("datetimes in credentials need a time zone")
    return value.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_datetime(value: object) -> datetime:
    """Parse an xsd:dateTimeStamp; raises ValueError for anything else (no time zone, junk)."""
    if not isinstance(value, str) or not _DATETIME_STAMP.match(value):
        raise ValueError(f"{value!r} is not a date-time with a time zone")
    return datetime.fromisoformat(value.replace("Z", "+00:00"))
