from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CurriculumConfig(AppConfig):
    name = "microcred.curriculum"
    label = "curriculum"
    verbose_name = _("Curriculum")

    def ready(self) -> None:
        from microcred.curriculum import privacy  # noqa: F401 - registers its part of the data export
