from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "microcred.coordination"
    label = "coordination"
    verbose_name = _("Partner coordination")

    def ready(self) -> None:
        from microcred.coordination import privacy  # noqa: F401 - registers its data export part
