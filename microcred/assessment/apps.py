from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "microcred.assessment"
    label = "assessment"
    verbose_name = _("Assessment")

    def ready(self) -> None:
        from microcred.assessment import privacy  # noqa: F401 - registers its part of the data export
