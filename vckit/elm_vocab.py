"""The few controlled-vocabulary concepts the ELM export uses: URIs, schemes, English labels.

Every concept here is copied from an official file, never made up. Sources (all in
``shared/vendor-data/elm/``, copied from github european-commission-empl/European-Learning-Model
@9d7c5d22, EUPL-1.2; see its SOURCE.md):

- ``vocab/*.xsd`` (``xsd/loq/cv/`` in that repository): enumerations of concept URIs with their
  English labels; each file's ``targetNamespace`` is the concept scheme URI. The file is named
  next to each vocabulary below, and ``vckit/tests/test_elm.py`` checks every entry against it.
- ``samples/Sample-MC-Annex1-unsigned.jsonld`` (the official micro-credential sample): the
  concepts of vocabularies that have no xsd there (country and language authority tables,
  supervision and identity verification, encodings, file types, DigComp, ESCO).

The Publications Office authority tables (countries, languages) are not vendored: their concept
URIs are the table URI plus the ISO 3166-1 alpha-3 / ISO 639-2 code in capitals (verified on
``country/IRL``, ``country/BEL``, ``country/ITA``, ``language/ENG`` in the official sample), and the
tables below only list the codes of European countries and the 24 official EU languages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """One concept scheme: its URI, the namespace its concept URIs start with, its concepts.

    ``concepts`` maps concept URI -> English prefLabel; ``None`` means the concept is a known
    member of the scheme whose official label could not be confirmed offline (the caller's own
    label is used for it).
    """

    scheme: str
    namespace: str
    source: str
    concepts: Mapping[str, str | None] = field(repr=False)

    def label(self, uri: str) -> str | None:
        if uri not in self.concepts:
            raise KeyError(f"{uri} is not a concept of {self.scheme} ({self.source})")
        return self.concepts[uri]

    def owns(self, uri: str) -> bool:
        """Whether ``uri`` lies in this vocabulary's namespace (member or not)."""
        return uri.startswith(self.namespace)


def _vocabulary(
    scheme: str, namespace: str, source: str, concepts: dict[str, str | None]
) -> Vocabulary:
    return Vocabulary(scheme, namespace, source, MappingProxyType(concepts))


SNB = "http://data.europa.eu/snb/"

EQF = _vocabulary(
    SNB + "eqf/25831c2",
    SNB + "eqf/",
    "vocab/eqf.xsd",
    {f"{SNB}eqf/{level}": f"Level {level}" for level in range(1, 9)},
)

ASSESSMENT_TYPES = _vocabulary(
    SNB + "assessment/25831c2",
    SNB + "assessment/",
    "vocab/europass-learning-assessment-types.xsd",
    {
        SNB + "assessment/19a2e5e671": "peer assessment",
        SNB + "assessment/2939dae15f": "marked assignment",
        SNB + "assessment/3484bd7e51": "continuous evaluation",
        SNB + "assessment/4f03b91c0e": "portfolio",
        SNB + "assessment/56539a6507": "group performance",
        SNB + "assessment/6a4db9f11d": "practical assessment",
        SNB + "assessment/6e6cb2cc78": "written examination",
        SNB + "assessment/7331eb4762": "level of attendance",
        SNB + "assessment/795dac4096": "project work",
        SNB + "assessment/812e3b0ae1": "peer review",
        SNB + "assessment/b1b68f6735": "quiz",
        SNB + "assessment/c4256a2726": "problem based learning",
        SNB + "assessment/d30284d7df": "oral examination",
        SNB + "assessment/de4d165a6c": "artefact assessment",
    },
)

# "Mode of learning and assessment": the form of participation (Annex I element 10).
MODES = _vocabulary(
    SNB + "learning-assessment/25831c2",
    SNB + "learning-assessment/",
    "vocab/europass-modes.xsd",
    {
        SNB + "learning-assessment/729f3bed4b": "Workbased",
        SNB + "learning-assessment/7813801c77": "Project based",
        SNB + "learning-assessment/9191af2ed9": "Presential",
        SNB + "learning-assessment/920fbb3cbe": "Online",
        SNB + "learning-assessment/e92d221e4d": "Blended",
        SNB + "learning-assessment/ed4c557045": "Research-Lab based",
    },
)

LEARNING_SETTINGS = _vocabulary(
    SNB + "learning-setting/25831c2",
    SNB + "learning-setting/",
    "vocab/europass-learning-setting-types.xsd",
    {
        SNB + "learning-setting/6fd4685715": "formal learning",
        SNB + "learning-setting/e207a81fc7": "non-formal learning",
    },
)
FORMAL_LEARNING = SNB + "learning-setting/6fd4685715"
NON_FORMAL_LEARNING = SNB + "learning-setting/e207a81fc7"

LEARNING_OPPORTUNITY_TYPES = _vocabulary(
    SNB + "learning-opportunity/25831c2",
    SNB + "learning-opportunity/",
    "vocab/europass-learning-opportunity-types.xsd",
    {
        SNB + "learning-opportunity/05053c1cbe": "Course",
        SNB + "learning-opportunity/0f7dac46ca": "Programme module",
        SNB + "learning-opportunity/11252a5207": "Mentoring",
        SNB + "learning-opportunity/17744a2647": "MOOC",
        SNB + "learning-opportunity/63f9f6180c": "Apprenticeship",
        SNB + "learning-opportunity/65a4cf5de2": "Study visit",
        SNB + "learning-opportunity/74a4a268e8": "Short learning programme",
        SNB + "learning-opportunity/77b99de990": "Internship",
        SNB + "learning-opportunity/79343569f3": "Educational programme",
        SNB + "learning-opportunity/7e1ac538db": "Class",
        SNB + "learning-opportunity/8b965da2d4": "Service learning",
        SNB + "learning-opportunity/b2434ca358": "Thesis",
    },
)
SHORT_LEARNING_PROGRAMME = SNB + "learning-opportunity/74a4a268e8"

CREDENTIAL_TYPES = _vocabulary(
    SNB + "credential/25831c2",
    SNB + "credential/",
    "vocab/europass-credential-types.xsd",
    {
        SNB + "credential/48b514e72a": "Learning Activity",
        SNB + "credential/6cf8e68c43": "Qualification Award",
        SNB + "credential/6dff8a0f87": "Diploma Supplement",
        SNB + "credential/bdc47cb449": "Learning Entitlement",
        SNB + "credential/e34929035b": "Generic",
    },
)
GENERIC_CREDENTIAL = SNB + "credential/e34929035b"

CREDIT_SYSTEMS = _vocabulary(
    SNB + "education-credit/25831c2",
    SNB + "education-credit/",
    "vocab/credit-points.xsd",
    {
        SNB + "education-credit/60b314e826": (
            "European credit system for vocational education and training"
        ),
        SNB + "education-credit/6fcec5c5af": "European Credit Transfer System",
    },
)
ECTS = SNB + "education-credit/6fcec5c5af"

# No xsd in the ELM repository. c598449d64 is in the official MC-Annex1 sample (label as there);
# 70be69aaf9 and 44314532f9 are the other two members listed by the EDC issuer's source
# (ControlledList, european-digital-credentials 2.0.6, see shared/notes/annex1-elm-ob3.md):
# the label of 44314532f9 ("supervised without identity verification", presumably) is not
# confirmed, so the caller's label is used for it.
SUPERVISION_VERIFICATION = _vocabulary(
    SNB + "supervision-verification/25831c2",
    SNB + "supervision-verification/",
    "samples/Sample-MC-Annex1-unsigned.jsonld; EDC issuer ControlledList",
    {
        SNB + "supervision-verification/c598449d64": "Unsupervised without ID Verification",
        SNB + "supervision-verification/70be69aaf9": "Supervised with ID Verification",
        SNB + "supervision-verification/44314532f9": None,
    },
)

# DigComp as published in the Europass "Digital Competence Framework" list. Its concept URIs
# are opaque; only the one in the official sample is known offline (DigComp 2.2 code -> URI).
DIGCOMP_SCHEME = SNB + "dcf/25831c2"
DIGCOMP_NAMESPACE = SNB + "dcf/"
DIGCOMP_COMPETENCE_URIS: Mapping[str, str] = MappingProxyType(
    {"3.1": SNB + "dcf/u69o196gu6"}  # "Developing digital content" (official sample)
)

ESCO_SKILLS_SCHEME = "http://data.europa.eu/esco/concept-scheme/skills"
ESCO_SKILL_NAMESPACE = "http://data.europa.eu/esco/skill/"
# ESCO preferred labels known offline (official sample); others are written without a label.
ESCO_SKILL_LABELS: Mapping[str, str] = MappingProxyType(
    {ESCO_SKILL_NAMESPACE + "5fd5c985-eaaa-47aa-8314-62359c54505a": "develop digital content"}
)

# Media objects (the display image), as in the official sample.
ENCODING_SCHEME = SNB + "encoding/25831c2"
BASE64 = SNB + "encoding/6146cde7dd"
BASE64_LABEL = "base64"
FILE_TYPE_SCHEME = "http://publications.europa.eu/resource/authority/file-type"
FILE_TYPES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {  # media type -> (concept URI, label)
        "image/png": (FILE_TYPE_SCHEME + "/PNG", "PNG"),
        "image/jpeg": (FILE_TYPE_SCHEME + "/JPEG", "JPEG"),
    }
)

# Publications Office country authority table: ISO 3166-1 alpha-2 -> (alpha-3, English name).
COUNTRY_SCHEME = "http://publications.europa.eu/resource/authority/country"
COUNTRIES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        # EU member states ("EL" is the EU's own code for Greece, ISO has "GR").
        "AT": ("AUT", "Austria"),
        "BE": ("BEL", "Belgium"),
        "BG": ("BGR", "Bulgaria"),
        "CY": ("CYP", "Cyprus"),
        "CZ": ("CZE", "Czechia"),
        "DE": ("DEU", "Germany"),
        "DK": ("DNK", "Denmark"),
        "EE": ("EST", "Estonia"),
        "EL": ("GRC", "Greece"),
        "GR": ("GRC", "Greece"),
        "ES": ("ESP", "Spain"),
        "FI": ("FIN", "Finland"),
        "FR": ("FRA", "France"),
        "HR": ("HRV", "Croatia"),
        "HU": ("HUN", "Hungary"),
        "IE": ("IRL", "Ireland"),
        "IT": ("ITA", "Italy"),
        "LT": ("LTU", "Lithuania"),
        "LU": ("LUX", "Luxembourg"),
        "LV": ("LVA", "Latvia"),
        "MT": ("MLT", "Malta"),
        "NL": ("NLD", "Netherlands"),
        "PL": ("POL", "Poland"),
        "PT": ("PRT", "Portugal"),
        "RO": ("ROU", "Romania"),
        "SE": ("SWE", "Sweden"),
        "SI": ("SVN", "Slovenia"),
        "SK": ("SVK", "Slovakia"),
        # EEA / EFTA, United Kingdom, candidate and neighbouring countries.
        "IS": ("ISL", "Iceland"),
        "LI": ("LIE", "Liechtenstein"),
        "NO": ("NOR", "Norway"),
        "CH": ("CHE", "Switzerland"),
        "GB": ("GBR", "United Kingdom"),
        "AL": ("ALB", "Albania"),
        "BA": ("BIH", "Bosnia and Herzegovina"),
        "ME": ("MNE", "Montenegro"),
        "MK": ("MKD", "North Macedonia"),
        "RS": ("SRB", "Serbia"),
        "TR": ("TUR", "Türkiye"),
        "UA": ("UKR", "Ukraine"),
        "MD": ("MDA", "Moldova"),
        "GE": ("GEO", "Georgia"),
    }
)

# Publications Office language authority table: BCP 47 primary subtag -> (code, English name).
LANGUAGE_SCHEME = "http://publications.europa.eu/resource/authority/language"
LANGUAGES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "bg": ("BUL", "Bulgarian"),
        "cs": ("CES", "Czech"),
        "da": ("DAN", "Danish"),
        "de": ("DEU", "German"),
        "el": ("ELL", "Greek"),
        "en": ("ENG", "English"),
        "es": ("SPA", "Spanish"),
        "et": ("EST", "Estonian"),
        "fi": ("FIN", "Finnish"),
        "fr": ("FRA", "French"),
        "ga": ("GLE", "Irish"),
        "hr": ("HRV", "Croatian"),
        "hu": ("HUN", "Hungarian"),
        "it": ("ITA", "Italian"),
        "lt": ("LIT", "Lithuanian"),
        "lv": ("LAV", "Latvian"),
        "mt": ("MLT", "Maltese"),
        "nl": ("NLD", "Dutch"),
        "pl": ("POL", "Polish"),
        "pt": ("POR", "Portuguese"),
        "ro": ("RON", "Romanian"),
        "sk": ("SLK", "Slovak"),
        "sl": ("SLV", "Slovenian"),
        "sv": ("SWE", "Swedish"),
    }
)


def country(code: str) -> tuple[str, str]:
    """(concept URI, English label) of an ISO 3166-1 alpha-2 country code."""
    try:
        alpha3, name = COUNTRIES[code]
    except KeyError:
        raise ValueError(
            f"country {code!r} is not in vckit.elm_vocab.COUNTRIES (European countries only); "
            "add it from the Publications Office country authority table"
        ) from None
    return f"{COUNTRY_SCHEME}/{alpha3}", name


def language(tag: str) -> tuple[str, str]:
    """(concept URI, English label) of a BCP 47 language tag ("en", "pt-PT")."""
    primary = tag.split("-", 1)[0].lower()
    try:
        code, name = LANGUAGES[primary]
    except KeyError:
        raise ValueError(
            f"language {tag!r} is not one of the 24 official EU languages in "
            "vckit.elm_vocab.LANGUAGES"
        ) from None
    return f"{LANGUAGE_SCHEME}/{code}", name
