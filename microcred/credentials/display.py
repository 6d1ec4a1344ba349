"""Read the Annex I elements back out of any Open Badges 3.0 credential, for people to see."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from microcred.accounts.countries import COUNTRY_CHOICES


@dataclass(frozen=True)
class Element:
    label: str
    values: list[str]
    mandatory: bool


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _label_of(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("prefLabel") or value.get("name") or value.get("id") or "")
    return str(value or "")


def _hours(duration: Any) -> str:
    text = str(duration or "")
    if text.startswith("PT") and text.endswith("H"):
        return str(_("%(hours)s hours") % {"hours": text[2:-1]})
    return text


def annex_elements(credential: dict[str, Any]) -> list[Element]:
    """Every Annex I element the credential states, mandatory ones first; missing ones shown."""
    countries = dict(COUNTRY_CHOICES)
    subject = credential.get("credentialSubject") or {}
    if isinstance(subject, list):
        subject = subject[0] if subject else {}
    achievement = subject.get("achievement") or {}
    issuer = credential.get("issuer") or {}
    issuer = issuer if isinstance(issuer, dict) else {"id": issuer}
    names = [i.get("identityHash") for i in _as_list(subject.get("identifier"))
             if isinstance(i, dict) and i.get("identityType") == "name"]
    bodies = _as_list(achievement.get("awardingBody")) or [issuer]
    body_countries = sorted({b.get("address", {}).get("addressCountryCode", "") for b in bodies
                             if isinstance(b, dict)} - {""})
    outcomes = [o.get("description", "") for o in _as_list(achievement.get("learningOutcome"))
                if isinstance(o, dict)]
    eqf = [a.get("targetName", "") for a in _as_list(achievement.get("alignment"))
           if isinstance(a, dict) and "EQF" in str(a.get("targetFramework", ""))]
    workload = [_hours(achievement.get("notionalWorkload"))] if achievement.get(
        "notionalWorkload") else []
    if achievement.get("creditsAvailable") is not None:
        workload.append(str(_("%(ects)s ECTS credits") % {"ects": achievement["creditsAvailable"]}))
    results = [f"{r.get('value')}%" for r in _as_list(subject.get("result"))
               if isinstance(r, dict) and r.get("value")]
    part_of = achievement.get("isPartOf")
    rows = [
        (_("Learner"), names or [_("Not named (identified by a hashed e-mail address)")], True),
        (_("Title"), [achievement.get("name") or credential.get("name") or ""], True),
        (_("Country of the issuer"), [str(countries.get(c, c)) for c in body_countries], True),
        (_("Awarding body"), [b.get("name", "") for b in bodies if isinstance(b, dict)], True),
        (_("Date of issuing"), [str(credential.get("validFrom", ""))[:10]], True),
        (_("Learning outcomes"), outcomes, True),
        (_("Notional workload"), workload, True),
        (_("Level (EQF)"), eqf or [_("Not levelled")], True),
        (_("Type of assessment"), [_label_of(achievement.get("assessmentType"))], True),
        (_("Form of participation"), [_label_of(achievement.get("formOfParticipation"))], True),
        (_("Type of quality assurance"), [str(achievement.get("qualityAssuranceType") or "")],
         True),
        (_("Prerequisites"), [str(achievement.get("prerequisites") or "")], False),
        (_("Supervision and identity verification"),
         [_label_of(achievement.get("supervisionVerification"))], False),
        (_("Grade achieved"), results, False),
        (_("Integration and stackability"), [_label_of(part_of)] if part_of else [], False),
        (_("Further information"), [str(achievement.get("furtherInformation") or "")], False),
    ]
    return [Element(str(label), [v for v in values if v], mandatory)
            for label, values, mandatory in rows]


def language_of(credential: Any) -> str:
    """The language the credential's texts are in (OB 3.0 `inLanguage`), for the lang attribute."""
    if not isinstance(credential, dict):
        return ""
    subject = credential.get("credentialSubject") or {}
    subject = subject[0] if isinstance(subject, list) and subject else subject
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    language = achievement.get("inLanguage") if isinstance(achievement, dict) else None
    return language if isinstance(language, str) and len(language) <= 12 else ""
