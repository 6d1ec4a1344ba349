"""Deployment checks for verification (`manage.py check --deploy`)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def no_private_verifier_origins(app_configs: object, **kwargs: object) -> list[checks.CheckMessage]:
    """An allowed private origin lets anyone's pasted credential make this server call it."""
    if not settings.VERIFIER_ALLOWED_PRIVATE_ORIGINS:
        return []
    return [checks.Warning(
        "VERIFIER_ALLOWED_PRIVATE_ORIGINS is set: credentials pasted by anyone can make this "
        "server fetch from " + ", ".join(settings.VERIFIER_ALLOWED_PRIVATE_ORIGINS) + ".",
        hint="Leave it empty in production; it is meant for tests and local interoperability "
             "runs.",
        id="credentials.W001")]
