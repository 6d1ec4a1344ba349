"""The time zone a partner organisation works in, from its country.

Exports give times in the partner's own time zone (a coordinator in Athens reads 10:00 for
what happened at 10:00 in Athens). Each programme country has one zone where its people live,
except Spain and Portugal, whose islands are an hour behind: their capitals' zone is used.
"""

from zoneinfo import ZoneInfo

from django.conf import settings

from microcred.accounts.models import PartnerOrganisation

COUNTRY_TIME_ZONES = {
    "AT": "Europe/Vienna",
    "BE": "Europe/Brussels",
    "BG": "Europe/Sofia",
    "HR": "Europe/Zagreb",
    "CY": "Asia/Nicosia",
    "CZ": "Europe/Prague",
    "DK": "Europe/Copenhagen",
    "EE": "Europe/Tallinn",
    "FI": "Europe/Helsinki",
    "FR": "Europe/Paris",
    "DE": "Europe/Berlin",
    "GR": "Europe/Athens",
    "HU": "Europe/Budapest",
    "IS": "Atlantic/Reykjavik",
    "IE": "Europe/Dublin",
    "IT": "Europe/Rome",
    "LV": "Europe/Riga",
    "LI": "Europe/Vaduz",
    "LT": "Europe/Vilnius",
    "LU": "Europe/Luxembourg",
    "MT": "Europe/Malta",
    "NL": "Europe/Amsterdam",
    "MK": "Europe/Skopje",
    "NO": "Europe/Oslo",
    "PL": "Europe/Warsaw",
    "PT": "Europe/Lisbon",
    "RO": "Europe/Bucharest",
    "RS": "Europe/Belgrade",
    "SK": "Europe/Bratislava",
    "SI": "Europe/Ljubljana",
    "ES": "Europe/Madrid",
    "SE": "Europe/Stockholm",
    "TR": "Europe/Istanbul",
}


def partner_time_zone(partner: PartnerOrganisation | None) -> ZoneInfo:
    """The partner's zone; the platform's own (TIME_ZONE) for no partner or another country."""
    name = COUNTRY_TIME_ZONES.get(partner.country) if partner is not None else None
    return ZoneInfo(name or settings.TIME_ZONE)
