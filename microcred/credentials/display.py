"""Read the Annex I elements out of any Open Badges 3.0 credential, for people to see.

Only what the credential itself states is shown: the page is a reading of the signed JSON, so it
can never say something the signature does not cover. Each element is looked up where OB 3.0
and the Annex I context put it (``vckit.signed`` reads the workload and the EQF level, as for
the PDF and the ELM export), and a missing one is shown as missing.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from microcred.accounts.countries import COUNTRY_CHOICES
from vckit import signed


@dataclass(frozen=True)
class Element:
    label: str
    values: list[str]
    mandatory: bool


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in _as_list(value) if isinstance(item, dict)]


def _label_of(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("prefLabel") or value.get("name") or value.get("id") or "")
    return str(value or "")


def _number(value: Any) -> str:
    text = str(value)
    return text.removesuffix(".0") if text.endswith(".0") else text


def _hours(duration: Any) -> str:
    text = str(duration or "")
    try:
        hours = signed.hours_of(text)
    except signed.UnreadableCredential:
        return text
    return str(_("%(hours)s hours") % {"hours": _number(hours.normalize())})


def _subject_and_achievement(credential: dict[str, Any]) -> tuple[dict, dict]:
    subjects = _dicts(credential.get("credentialSubject"))
    subject = subjects[0] if subjects else {}
    achievement = subject.get("achievement")
    return subject, achievement if isinstance(achievement, dict) else {}


def _issuer(credential: dict[str, Any]) -> dict[str, Any]:
    issuer = credential.get("issuer") or {}
    return issuer if isinstance(issuer, dict) else {"id": issuer}


def _awarding_bodies(achievement: dict[str, Any], issuer: dict[str, Any]) -> list[dict]:
    # ob3.build refers to the issuer by id only (JSON-LD merges the two nodes): read such a
    # reference as the issuer's own Profile, with its name and address.
    bodies = _dicts(achievement.get("awardingBody")) or [issuer]
    return [issuer if body.get("id") == issuer.get("id") and "name" not in body else body
            for body in bodies]


def _countries(nodes: list[dict[str, Any]]) -> list[str]:
    names = dict(COUNTRY_CHOICES)
    shown: list[str] = []
    for node in nodes:
        address = node.get("address") if isinstance(node.get("address"), dict) else {}
        code = str(address.get("addressCountryCode") or "")
        if not code:
            continue
        region = address.get("addressRegion")
        text = str(names.get(code, code)) + (f" ({region})" if region else "")
        if text not in shown:
            shown.append(text)
    return shown


def _grades(subject: dict[str, Any], achievement: dict[str, Any]) -> list[str]:
    descriptions = {d.get("id"): d for d in _dicts(achievement.get("resultDescription"))}
    grades = []
    for result in _dicts(subject.get("result")):
        if result.get("value") in (None, ""):
            continue
        description = descriptions.get(result.get("resultDescription"), {})
        percent = description.get("resultType") == "Percent"
        value = f"{result['value']}%" if percent or not description else str(result["value"])
        if description.get("requiredValue") not in (None, ""):
            value = str(_("%(grade)s (pass mark %(mark)s)") % {
                "grade": value, "mark": f"{description['requiredValue']}%" if percent
                else description["requiredValue"]})
        grades.append(value)
    return grades


def _stackability(credential: dict[str, Any], achievement: dict[str, Any]) -> list[str]:
    values = []
    part_of = achievement.get("isPartOf")
    if part_of:
        values.append(str(_("Part of: %(course)s") % {"course": _label_of(part_of)}))
    for evidence in _dicts(credential.get("evidence")):
        if "Evidence" in _as_list(evidence.get("type")) and evidence.get("name"):
            values.append(str(_("Made up of: %(module)s") % {"module": evidence["name"]}))
    return values


def language_name(tag: Any) -> str:
    """A language tag as the reader says it ("el" -> "Greek"); an unknown tag as it is."""
    text = str(tag or "")
    try:
        return str(get_language_info(text.split("-", 1)[0].lower())["name_translated"])
    except KeyError:
        return text


def annex_elements(credential: dict[str, Any]) -> list[Element]:
    """Every Annex I element the credential states, mandatory ones first; missing ones shown."""
    subject, achievement = _subject_and_achievement(credential)
    issuer = _issuer(credential)
    names = [i.get("identityHash") for i in _dicts(subject.get("identifier"))
             if i.get("identityType") == "name"]
    bodies = _awarding_bodies(achievement, issuer)
    outcomes = [o.get("description", "") for o in _dicts(achievement.get("learningOutcome"))]
    level = signed.eqf_level(achievement)
    workload = [_hours(achievement.get("notionalWorkload"))] if achievement.get(
        "notionalWorkload") else []
    if achievement.get("creditsAvailable") is not None:
        workload.append(str(_("%(ects)s ECTS credits") % {
            "ects": _number(achievement["creditsAvailable"])}))
    rows = [
        (_("Learner"), names or [_("Not named (identified by a hashed e-mail address)")], True),
        (_("Title"), [achievement.get("name") or credential.get("name") or ""], True),
        (_("Country of the issuer"), _countries([issuer]) or _countries(bodies), True),
        (_("Awarding body"), [str(b.get("name") or "") for b in bodies], True),
        (_("Date of issuing"), [str(credential.get("validFrom", ""))[:10]], True),
        (_("Learning outcomes"), outcomes, True),
        (_("Notional workload"), workload, True),
        (_("Level (EQF)"), [str(_("Level %(level)s") % {"level": level})] if level
         else [_("Not levelled")], True),
        (_("Type of assessment"), [_label_of(achievement.get("assessmentType"))], True),
        (_("Form of participation"), [_label_of(achievement.get("formOfParticipation"))], True),
        (_("Type of quality assurance"), [str(achievement.get("qualityAssuranceType") or "")],
         True),
        (_("Prerequisites"), [str(achievement.get("prerequisites") or "")], False),
        (_("Supervision and identity verification"),
         [_label_of(achievement.get("supervisionVerification"))], False),
        (_("Language of assessment"), [language_name(achievement.get("assessmentLanguage"))],
         False),
        (_("Grade achieved"), _grades(subject, achievement), False),
        (_("Integration and stackability"), _stackability(credential, achievement), False),
        (_("Further information"), [str(achievement.get("furtherInformation") or "")], False),
    ]
    return [Element(str(label), [str(v) for v in values if v], mandatory)
            for label, values, mandatory in rows]


def language_of(credential: Any) -> str:
    """The language the credential's texts are in (OB 3.0 `inLanguage`), for the lang attribute."""
    if not isinstance(credential, dict):
        return ""
    _subject, achievement = _subject_and_achievement(credential)
    language = achievement.get("inLanguage")
    return language if isinstance(language, str) and len(language) <= 12 else ""


def assessment_language_of(credential: Any) -> str:
    """The language the learner was assessed in, named for the reader; "" when not stated."""
    if not isinstance(credential, dict):
        return ""
    _subject, achievement = _subject_and_achievement(credential)
    return language_name(achievement.get("assessmentLanguage"))
