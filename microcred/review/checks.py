"""Refuse to start with an approval rule nobody can read (a typo would block every release)."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from microcred.review.rules import configured_rule


@checks.register()
def approval_rule_is_valid(app_configs: object, **kwargs: object) -> list[checks.CheckMessage]:
    try:
        configured_rule()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="review.E001")]
    return []
