from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "microcred.learning"
    label = "learning"
    verbose_name = _("Learning and progress")

    def ready(self) -> None:
        from microcred.learning import privacy  # noqa: F401 - registers its part of the data export
