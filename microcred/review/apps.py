from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "microcred.review"
    label = "review"
    verbose_name = _("Advisory Board review and pilot")

    def ready(self) -> None:
        from microcred.review import (
            checks,  # noqa: F401 - registers the approval-rule check
            privacy,  # noqa: F401 - registers its part of the data export
        )
