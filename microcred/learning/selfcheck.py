"""The onboarding self-check: ten everyday tasks, based on DigComp 2.2, on one screen where the
learner ticks what they can already do on their own.

Each task points to the module that teaches it, so the platform can suggest where to start and
say why.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from microcred.learning.models import SkillLevel


@dataclass(frozen=True)
class Question:
    key: str
    text: Promise
    module: str


QUESTIONS = [
    Question("wifi", _("I can connect my phone or computer to a Wi-Fi network."), "M01"),
    Question("email", _("I can send an e-mail with a photo or a document attached."), "M01"),
    Question("search", _("I can find information online and tell whether a news story may be "
                         "false."), "M02"),
    Question("video_call", _("I can join a video call and share a document with other people."),
             "M03"),
    Question("eservices", _("I can log in to a public service online, for example for taxes or "
                            "health, with my digital identity."), "M04"),
    Question("scams", _("I can recognise a scam e-mail or text message."), "M05"),
    Question("privacy", _("I can change the privacy settings of my phone or of a social media "
                          "app."), "M06"),
    Question("ai", _("I can explain in simple words what artificial intelligence is."), "M07"),
    Question("chatbot", _("I can use an AI chatbot to help me write a text, and check its "
                          "answer."), "M08"),
    Question("cloud", _("I can save files online (in the cloud) and share them safely."), "M12"),
]
# A ticked task counts as "on my own" (2), an unticked one as "not yet" (0): the same scale as
# the earlier three-answer screens, so the levels below keep their meaning.
ON_MY_OWN = 2
NOT_YET = 0
KEYS = [question.key for question in QUESTIONS]
LOW_MAX = 8
MEDIUM_MAX = 15
FIRST_ADVANCED_MODULE = "M07"


def assess(answers: dict[str, int]) -> tuple[str, str]:
    """(skill level, suggested first module) from complete answers."""
    total = sum(answers.get(key, 0) for key in KEYS)
    if total <= LOW_MAX:
        level = SkillLevel.LOW
    elif total <= MEDIUM_MAX:
        level = SkillLevel.MEDIUM
    else:
        level = SkillLevel.HIGH
    gap = first_gap(answers)
    return level, gap.module if gap else FIRST_ADVANCED_MODULE


def first_gap(answers: dict[str, int]) -> Question | None:
    """The first task, in course order, the learner cannot yet do on their own: the reason for
    the suggested module (None: they can do every task)."""
    return next((q for q in QUESTIONS if answers.get(q.key, 0) < ON_MY_OWN), None)
