"""Which language a learner reads a module in (issue #14).

A module is shown in the learner's interface language only when that language is offered for
the version they follow (complete and approved: `curriculum/languages.py` decides, nothing here
looks at the per-language state itself beyond asking why a language is not offered). Otherwise
the page says so and the learner reads one of the offered languages: the one they chose for
this module, else the first offered (English).
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from microcred.curriculum.languages import (
    LanguageStatus,
    is_offered,
    language_state,
    offered_languages,
)
from microcred.curriculum.text import REFERENCE_LANGUAGE


@dataclass(frozen=True)
class ReadingLanguage:
    language: str  # the language the module's texts are shown in
    wanted: str  # the learner's interface language
    choices: tuple[str, ...]  # the offered languages the learner may read instead

    @property
    def is_wanted(self) -> bool:
        """True when the module is offered in the learner's own language (no notice)."""
        return self.language == self.wanted

    @property
    def wanted_name(self) -> str:
        return language_name(self.wanted)

    @property
    def language_name(self) -> str:
        return language_name(self.language)

    @property
    def other_choices(self) -> list[dict[str, str]]:
        """The other offered languages, each with its own name, for the "Read it in" buttons."""
        return [{"code": code, "name": str(get_language_info(code)["name_local"])}
                for code in self.choices if code != self.language]


def reading_choices(version: Any) -> tuple[str, ...]:
    """The languages a learner may read `version` in, English first."""
    # A version whose languages were never recorded is still shown in its source language.
    return tuple(offered_languages(version)) or (REFERENCE_LANGUAGE,)


def reading_language(version: Any, wanted: str, chosen: str = "") -> ReadingLanguage:
    """The language to show `version` in for a reader of `wanted` who chose `chosen` before."""
    choices = reading_choices(version)
    if is_offered(version, wanted):
        return ReadingLanguage(wanted, wanted, choices)
    language = chosen if chosen in choices else choices[0]
    return ReadingLanguage(language, wanted, choices)


def language_name(code: str) -> str:
    """The language's name in the reader's language, e.g. "Greek" or "Griechisch"."""
    return str(get_language_info(code)["name_translated"])


def why_not_offered(version: Any, language: str) -> str:
    """One plain sentence on why `version` is not offered in `language`."""
    state = language_state(version, language)
    name = language_name(language)
    if state["status"] == LanguageStatus.OUTDATED:
        return _("The text in %(language)s is being updated.") % {"language": name}
    if state["status"] == LanguageStatus.MISSING:
        return _("There is no text in %(language)s yet.") % {"language": name}
    return _("The text in %(language)s is waiting for a final check.") % {"language": name}
