"""Performance items (type `task`): a simulated app screen in which the learner acts.

A task item is a list of controls, each with the value a skilled user would set: a choice (one
button or option of several, like "Keep" or "Report as phishing"), a toggle (a switch that is on
or off) or a text (a typed value, like an e-mail address). The screen (inbox, settings, ...)
only changes how the simulated app looks; every screen uses the same standard form controls, so
keyboard, screen readers, zoom and pages without JavaScript work alike everywhere.

This module holds the data and the rules an item must keep; grading is in task_grading.py.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from microcred.curriculum.text import REFERENCE_LANGUAGE, LanguageMap

SCREENS = ("inbox", "settings", "share", "store", "cookies", "portal")
CONTROL_KINDS = ("choice", "toggle", "text")
# Control and choice ids are the author's handles; they never reach the page (tokens do).
CONTROL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
MIN_CONTROLS = 2


@dataclass(frozen=True)
class TaskChoice:
    id: str
    text: LanguageMap


@dataclass(frozen=True)
class Control:
    """One thing the learner sets. `expected` depends on `kind`.

    choice: the id of the expected choice; toggle: True (on) or False (off); text: the accepted
    values by language, compared like short_text answers. `initial` is how a toggle starts.
    Values are kept as read, so that task_problems can name every mistake in them.
    """

    id: str
    kind: str
    label: LanguageMap
    expected: Any = None
    detail: LanguageMap = field(default_factory=dict)
    choices: tuple[TaskChoice, ...] = ()
    initial: Any = False

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "kind": self.kind, "label": dict(self.label)}
        if self.detail:
            data["detail"] = dict(self.detail)
        if self.kind == "choice":
            data["choices"] = [{"id": c.id, "text": dict(c.text)} for c in self.choices]
        if self.kind == "toggle":
            data["initial"] = self.initial
        if self.kind == "text" and isinstance(self.expected, dict):
            data["expected"] = {language: list(v) for language, v in self.expected.items()}
        else:
            data["expected"] = self.expected
        return data

    def texts(self) -> list[LanguageMap]:
        """Every language map the learner reads for this control."""
        maps = [self.label, *(choice.text for choice in self.choices)]
        return maps + ([self.detail] if self.detail else [])


def flat_choices(controls: tuple[Control, ...]) -> list[tuple[int, TaskChoice]]:
    """(control index, choice) of every choice of every control, in authored order.

    A drawn task item gives each of these one opaque token, in this order.
    """
    return [(index, choice) for index, control in enumerate(controls) for choice in control.choices]


def task_problems(
    screen: str, controls: tuple[Control, ...], language: str = REFERENCE_LANGUAGE
) -> list[tuple[str, str]]:
    """The rules of a task item as (field, message); a control's field is `controls.N`."""
    problems: list[tuple[str, str]] = []
    if screen not in SCREENS:
        problems.append(
            (
                "screen",
                _("unknown screen %(screen)r; use one of: %(screens)s")
                % {"screen": screen, "screens": ", ".join(SCREENS)},
            )
        )
    if len(controls) < MIN_CONTROLS:
        problems.append(
            (
                "controls",
                _("needs at least %(minimum)s controls, not %(count)s")
                % {"minimum": MIN_CONTROLS, "count": len(controls)},
            )
        )
    seen: set[str] = set()
    for index, control in enumerate(controls):
        where = f"controls.{index}"
        name = control.id or str(index + 1)
        for message in _control_problems(control, language):
            problems.append(
                (where, _("control %(id)s: %(problem)s") % {"id": name, "problem": message})
            )
        if control.id and control.id in seen:
            problems.append((where, _("control id %(id)s is used twice") % {"id": control.id}))
        seen.add(control.id)
    if controls and all(c.kind == "toggle" and c.expected is c.initial for c in controls):
        # Otherwise a learner who skips the screen would be marked fully right.
        problems.append(("controls", _("at least one control must need the learner to act")))
    return problems


def _control_problems(control: Control, language: str) -> list[str]:
    if not CONTROL_ID.fullmatch(control.id):
        return [_("a control id must be letters, digits and dashes, like m1")]
    if control.kind not in CONTROL_KINDS:
        return [
            _("unknown kind %(kind)r; use one of: %(kinds)s")
            % {"kind": control.kind, "kinds": ", ".join(CONTROL_KINDS)}
        ]
    if control.expected is None:
        return [_("has no expected value")]
    if control.kind == "choice":
        return _choice_problems(control)
    if control.kind == "toggle":
        problems = []
        if not isinstance(control.expected, bool):
            problems.append(_("expected must be true (on) or false (off)"))
        if not isinstance(control.initial, bool):
            problems.append(_("initial must be true (on) or false (off)"))
        return problems
    accepted = control.expected.get(language, ()) if isinstance(control.expected, dict) else ()
    if not any(text.strip() for text in accepted):
        return [_("needs an expected answer in %(language)s") % {"language": language}]
    return []


def _choice_problems(control: Control) -> list[str]:
    problems = []
    ids = [choice.id for choice in control.choices]
    if len(ids) < 2:
        problems.append(_("needs at least 2 choices, not %(count)s") % {"count": len(ids)})
    for choice_id in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(_("choice id %(id)s is used twice") % {"id": choice_id})
    for choice_id in ids:
        if not CONTROL_ID.fullmatch(choice_id):
            problems.append(
                _("choice id %(id)r must be letters, digits and dashes") % {"id": choice_id}
            )
    if not isinstance(control.expected, str) or control.expected not in ids:
        problems.append(
            _("expected %(expected)r is not one of its choices (%(choices)s)")
            % {"expected": control.expected, "choices": ", ".join(ids)}
        )
    return problems


def task_languages(title: LanguageMap, controls: tuple[Control, ...]) -> set[str]:
    """Languages in which the whole screen exists, typed answers included."""
    maps = [title, *(text for control in controls for text in control.texts())]
    found = set.intersection(*(set(m) for m in maps))
    for control in controls:
        if control.kind == "text" and isinstance(control.expected, dict):
            found &= {language for language, texts in control.expected.items() if texts}
    return found
