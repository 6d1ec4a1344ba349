from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "microcred.accounts"
    label = "accounts"
    verbose_name = _("Accounts and partner organisations")

    def ready(self) -> None:
        from microcred.accounts import privacy_sections  # noqa: F401 - registers its export parts
