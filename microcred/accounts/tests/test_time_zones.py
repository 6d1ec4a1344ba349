from zoneinfo import ZoneInfo

from microcred.accounts.countries import COUNTRIES
from microcred.accounts.models import PartnerOrganisation
from microcred.accounts.time_zones import COUNTRY_TIME_ZONES, partner_time_zone


def test_every_country_a_partner_can_choose_has_a_time_zone():
    assert {alpha2 for alpha2, _alpha3, _name in COUNTRIES} == set(COUNTRY_TIME_ZONES)
    for name in COUNTRY_TIME_ZONES.values():
        ZoneInfo(name)  # known to the time zone database


def test_a_partner_works_in_its_countrys_zone_and_nobody_in_the_platforms(settings):
    settings.TIME_ZONE = "Europe/Brussels"
    assert partner_time_zone(PartnerOrganisation(country="GR")) == ZoneInfo("Europe/Athens")
    assert partner_time_zone(None) == ZoneInfo("Europe/Brussels")
