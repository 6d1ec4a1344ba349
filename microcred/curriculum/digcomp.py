"""DigComp 2.2: the 21 competences (numbers and English titles) and the 8 proficiency levels."""

from django.utils.translation import gettext_lazy as _

COMPETENCES = {
    "1.1": _("Browsing, searching and filtering data, information and digital content"),
    "1.2": _("Evaluating data, information and digital content"),
    "1.3": _("Managing data, information and digital content"),
    "2.1": _("Interacting through digital technologies"),
    "2.2": _("Sharing through digital technologies"),
    "2.3": _("Engaging in citizenship through digital technologies"),
    "2.4": _("Collaborating through digital technologies"),
    "2.5": _("Netiquette"),
    "2.6": _("Managing digital identity"),
    "3.1": _("Developing digital content"),
    "3.2": _("Integrating and re-elaborating digital content"),
    "3.3": _("Copyright and licences"),
    "3.4": _("Programming"),
    "4.1": _("Protecting devices"),
    "4.2": _("Protecting personal data and privacy"),
    "4.3": _("Protecting health and well-being"),
    "4.4": _("Protecting the environment"),
    "5.1": _("Solving technical problems"),
    "5.2": _("Identifying needs and technological responses"),
    "5.3": _("Creatively using digital technologies"),
    "5.4": _("Identifying digital competence gaps"),
}
LEVELS = range(1, 9)
BROAD_LEVELS = {
    1: _("Foundation"),
    2: _("Foundation"),
    3: _("Intermediate"),
    4: _("Intermediate"),
    5: _("Advanced"),
    6: _("Advanced"),
    7: _("Highly specialised"),
    8: _("Highly specialised"),
}
