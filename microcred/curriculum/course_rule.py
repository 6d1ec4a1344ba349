"""When the full-course credential is earned: the `rule` of `course_credential` in curriculum.yaml.

Three forms, all read as "hold at least `count` unrevoked credentials among `modules`":

    rule: all_modules            # every module of the course (the default)
    rule: {at_least: 10}         # any ten module credentials
    rule: {modules: [M01, M02]}  # these modules, whatever else is held

Pure functions: the content importer validates with `parse`, the credential service applies it.
"""

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

ALL_MODULES = "all_modules"


@dataclass(frozen=True)
class CourseRule:
    at_least: int | None = None  # None: every one of `modules`
    modules: tuple[str, ...] | None = None  # None: every module of the course

    def requirement(self, course_modules: Collection[str]) -> tuple[frozenset[str], int]:
        """(the module codes that count, how many of them must be held)."""
        codes = frozenset(self.modules if self.modules is not None else course_modules)
        return codes, self.at_least if self.at_least is not None else len(codes)

    def as_data(self) -> str | dict[str, Any]:
        if self.at_least is not None:
            return {"at_least": self.at_least}
        if self.modules is not None:
            return {"modules": list(self.modules)}
        return ALL_MODULES


class RuleInvalid(ValueError):
    """The rule is not one of the three forms; the message says what is expected."""


def parse(raw: object, *, course_modules: Collection[str]) -> CourseRule:
    if raw in (None, ALL_MODULES):
        return CourseRule()
    expected = _("rule must be all_modules, {at_least: N} or {modules: [M01, ...]}")
    if not isinstance(raw, dict) or len(raw) != 1:
        raise RuleInvalid(expected)
    (kind, value), = raw.items()
    if kind == "at_least":
        if not isinstance(value, int) or isinstance(value, bool) \
                or not 1 <= value <= len(course_modules):
            raise RuleInvalid(_("at_least must be a whole number from 1 to %(count)d (the "
                                "number of modules)") % {"count": len(course_modules)})
        return CourseRule(at_least=value)
    if kind == "modules":
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise RuleInvalid(_("modules must list module codes, e.g. [M01, M02]"))
        unknown = sorted(set(value) - set(course_modules))
        if unknown:
            raise RuleInvalid(_("the rule names modules that are not in the course: "
                                "%(codes)s") % {"codes": ", ".join(unknown)})
        return CourseRule(modules=tuple(dict.fromkeys(value)))
    raise RuleInvalid(expected)


def stored(course_credential: dict) -> CourseRule:
    """The rule as saved by the importer (already validated)."""
    raw = course_credential.get("rule")
    if isinstance(raw, dict) and "at_least" in raw:
        return CourseRule(at_least=int(raw["at_least"]))
    if isinstance(raw, dict) and "modules" in raw:
        return CourseRule(modules=tuple(raw["modules"]))
    return CourseRule()
