"""Countries of Erasmus+ programme countries: ISO 3166-1 alpha-2 code, alpha-3 code, name.

Alpha-3 is what the EU Publications Office country authority uses in ELM exports.
"""

from django.utils.translation import gettext_lazy as _

COUNTRIES = [
    ("AT", "AUT", _("Austria")),
    ("BE", "BEL", _("Belgium")),
    ("BG", "BGR", _("Bulgaria")),
    ("HR", "HRV", _("Croatia")),
    ("CY", "CYP", _("Cyprus")),
    ("CZ", "CZE", _("Czechia")),
    ("DK", "DNK", _("Denmark")),
    ("EE", "EST", _("Estonia")),
    ("FI", "FIN", _("Finland")),
    ("FR", "FRA", _("France")),
    ("DE", "DEU", _("Germany")),
    ("GR", "GRC", _("Greece")),
    ("HU", "HUN", _("Hungary")),
    ("IS", "ISL", _("Iceland")),
    ("IE", "IRL", _("Ireland")),
    ("IT", "ITA", _("Italy")),
    ("LV", "LVA", _("Latvia")),
    ("LI", "LIE", _("Liechtenstein")),
    ("LT", "LTU", _("Lithuania")),
    ("LU", "LUX", _("Luxembourg")),
    ("MT", "MLT", _("Malta")),
    ("NL", "NLD", _("Netherlands")),
    ("MK", "MKD", _("North Macedonia")),
    ("NO", "NOR", _("Norway")),
    ("PL", "POL", _("Poland")),
    ("PT", "PRT", _("Portugal")),
    ("RO", "ROU", _("Romania")),
    ("RS", "SRB", _("Serbia")),
    ("SK", "SVK", _("Slovakia")),
    ("SI", "SVN", _("Slovenia")),
    ("ES", "ESP", _("Spain")),
    ("SE", "SWE", _("Sweden")),
    ("TR", "TUR", _("Türkiye")),
]

COUNTRY_CHOICES = [(alpha2, name) for alpha2, _alpha3, name in COUNTRIES]
ALPHA3 = {alpha2: alpha3 for alpha2, alpha3, _name in COUNTRIES}
