"""The platform's roles. Each staff role is a Django group of the same name."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    LEARNER = "learner", _("Learner")
    COORDINATOR = "coordinator", _("Partner coordinator")
    REVIEWER = "reviewer", _("Advisory Board reviewer")
    ISSUER = "issuer", _("Issuer")
    # Publishes and withdraws what the Advisory Board approved (curriculum/lifecycle.py).
    CONTENT_MANAGER = "content_manager", _("Content manager")
    ADMIN = "admin", _("Platform administrator")


STAFF_ROLES = frozenset(
    {Role.COORDINATOR, Role.REVIEWER, Role.ISSUER, Role.CONTENT_MANAGER, Role.ADMIN}
)
