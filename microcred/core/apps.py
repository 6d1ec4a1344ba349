from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "microcred.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from microcred.core import (
            checks,  # noqa: F401 - registers the proxy-count check
            csrf_strings,
        )

        csrf_strings.install()
