"""DigComp 2.2: the 21 competences (dimension 2) and the 8 proficiency levels (dimension 3).

Vuorikari, Kluzer and Punie (2022), DigComp 2.2, JRC128415. DigComp 2.2 keeps the areas and
competences of DigComp 2.0 and the levels of DigComp 2.1. Levels are NOT EQF levels: a module
can target DigComp level 4 and carry no EQF level at all.
"""

from __future__ import annotations

FRAMEWORK_NAME = "DigComp 2.2"
# The JRC page of the framework: used as alignment target when no per-competence URI is known.
# (JRC publishes no dereferenceable per-competence URIs; inventing ".../digcomp/2.3" is wrong.)
FRAMEWORK_URL = "https://joint-research-centre.ec.europa.eu/scientific-activities-z/education-and-training/digital-transformation-education/digital-competence-framework-citizens-digcomp_en"

COMPETENCES: dict[str, str] = {
    "1.1": "Browsing, searching and filtering data, information and digital content",
    "1.2": "Evaluating data, information and digital content",
    "1.3": "Managing data, information and digital content",
    "2.1": "Interacting through digital technologies",
    "2.2": "Sharing through digital technologies",
    "2.3": "Engaging in citizenship through digital technologies",
    "2.4": "Collaborating through digital technologies",
    "2.5": "Netiquette",
    "2.6": "Managing digital identity",
    "3.1": "Developing digital content",
    "3.2": "Integrating and re-elaborating digital content",
    "3.3": "Copyright and licences",
    "3.4": "Programming",
    "4.1": "Protecting devices",
    "4.2": "Protecting personal data and privacy",
    "4.3": "Protecting health and well-being",
    "4.4": "Protecting the environment",
    "5.1": "Solving technical problems",
    "5.2": "Identifying needs and technological responses",
    "5.3": "Creatively using digital technologies",
    "5.4": "Identifying digital competence gaps",
}

AREAS: dict[str, str] = {
    "1": "Information and data literacy",
    "2": "Communication and collaboration",
    "3": "Digital content creation",
    "4": "Safety",
    "5": "Problem solving",
}

# Level number -> (broad level, short descriptor) as in DigComp 2.1/2.2.
LEVELS: dict[int, tuple[str, str]] = {
    1: ("Foundation", "simple tasks, with guidance"),
    2: ("Foundation", "simple tasks, with autonomy and with guidance where needed"),
    3: ("Intermediate", "well-defined and routine tasks, on my own"),
    4: ("Intermediate", "well-defined and non-routine problems, independently"),
    5: ("Advanced", "different tasks and problems, guiding others"),
    6: ("Advanced", "most appropriate tasks, adapting to others in a complex context"),
    7: ("Highly specialised", "complex problems with limited solutions"),
    8: ("Highly specialised", "complex problems with many interacting factors"),
}


def competence_title(code: str) -> str:
    """English title of a DigComp 2.2 competence ("3.1" -> "Developing digital content")."""
    try:
        return COMPETENCES[code]
    except KeyError:
        raise ValueError(f"{code!r} is not a DigComp 2.2 competence (1.1 ... 5.4)") from None


def level_description(level: int) -> str:
    """ "Proficiency level 4 (Intermediate)" style label for a DigComp level 1-8."""
    if level not in LEVELS:
        raise ValueError(f"DigComp proficiency levels are 1-8, not {level!r}")
    return f"{FRAMEWORK_NAME} proficiency level {level} ({LEVELS[level][0]})"
