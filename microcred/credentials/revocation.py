"""Why a credential is revoked: a short list, so staff can see at a glance what happened and
count it, plus the issuer's own words (which the learner reads in their wallet)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RevocationReason(models.TextChoices):
    ISSUED_IN_ERROR = "issued_in_error", _("Issued by mistake")
    WRONG_DETAILS = "wrong_details", _("Wrong name or details on the credential")
    MISCONDUCT = "misconduct", _("Cheating or misconduct in the test")
    IDENTITY = "identity", _("The person is not who the account says")
    LEARNER_REQUEST = "learner_request", _("The learner asked for it")
    OTHER = "other", _("Another reason")
