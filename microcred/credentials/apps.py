from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "microcred.credentials"
    label = "credentials"
    verbose_name = _("Micro-credentials")

    def ready(self) -> None:
        from microcred.credentials import (
            checks,  # noqa: F401 - registers the deployment check on private verifier origins
            privacy,  # noqa: F401 - registers its part of the data export
            receivers,  # noqa: F401 - connects the receiver
        )
