from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "microcred.public"
    label = "public"
    verbose_name = _("Public pages: news and contact")

    def ready(self) -> None:
        from microcred.public import privacy  # noqa: F401 - registers its part of the data export
