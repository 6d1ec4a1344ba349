"""What a learner agrees to, in plain words. Change the text -> change the version."""

from django.utils.translation import gettext_lazy as _

CONSENT_VERSION = "2026-11"
RETENTION_YEARS = 5

PURPOSE = _(
    "We use your answers about your work situation and your digital skills, and your progress "
    "in the course, to help you learn and to report to the European Union, which funds the "
    "project, how many people the course reached. Reports only ever show totals, never your name."
)
_RETENTION = _(
    "We keep this information for %(years)d years after the project ends, as the funding rules "
    "require, and then delete it. Your micro-credentials stay valid even after that."
)


def retention() -> str:
    """Formatted when shown, so it is in the reader's language (not the loading thread's)."""
    return str(_RETENTION) % {"years": RETENTION_YEARS}
RIGHTS = _(
    "You can download all your data or delete your account at any time from “My account”. "
    "You can also withdraw this consent there: you can keep learning, but your answers will no "
    "longer be counted in reports."
)
