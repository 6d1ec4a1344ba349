"""Ask "is it really you?" again before a step that cannot be undone (deleting the account).

allauth re-authenticates with a password or an authenticator app. Many of our learners have
neither: they log in with a code we e-mail them. For a user with no such method allauth treats
re-authentication as done (there is nothing to ask), which would let anyone at an unlocked,
signed-in phone delete the account. So those users confirm with a fresh e-mailed code instead,
and so may password users who prefer it (the same code already logs them in). A user with an
authenticator app must use allauth's methods: an e-mailed code never replaces the second factor.
"""

import secrets
import time
from typing import Any

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.reauthentication import did_recently_reauthenticate
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.core.mail import send_in_language

CODE_KEY = "microcred_reauth_code"
CONFIRMED_KEY = "microcred_reauth_confirmed"
CODE_DIGITS = 6
CODE_VALID_SECONDS = 10 * 60
MAX_TRIES = 5


class CodeRefused(Exception):
    """The code is wrong, too old or tried too often; the message says what to do."""


def _timeout() -> int:
    return allauth_settings.REAUTHENTICATION_TIMEOUT


def allauth_methods(user: User) -> list[dict[str, Any]]:
    """allauth's ways to re-authenticate this user (password, authenticator app), best first."""
    return get_adapter().get_reauthentication_methods(user)


def may_use_email_code(user: User) -> bool:
    return not is_mfa_enabled(user)


def recently_reauthenticated(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    if allauth_methods(user) and did_recently_reauthenticate(request):
        return True
    if not may_use_email_code(user):
        return False
    confirmed = request.session.get(CONFIRMED_KEY)
    return (
        isinstance(confirmed, dict)
        and confirmed.get("user") == user.pk
        and time.time() - float(confirmed.get("at", 0)) < _timeout()
    )


def _digest(code: str) -> str:
    return salted_hmac("microcred.accounts.reauth", code).hexdigest()


def send_code(*, session: SessionBase, user: User) -> None:
    """E-mail a new one-time code to the account's address; any earlier code stops working."""
    code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
    session[CODE_KEY] = {"user": user.pk, "digest": _digest(code), "at": time.time(), "tries": 0}
    send_in_language(to=user.email, language=user.preferred_language,
                     template="accounts/email/reauth_code",
                     context={"user": user, "code": code, "minutes": CODE_VALID_SECONDS // 60})


def check_code(*, session: SessionBase, user: User, code: str) -> None:
    """Accept the code (and remember the confirmation for a few minutes) or raise CodeRefused."""
    pending = session.get(CODE_KEY)
    if not isinstance(pending, dict) or pending.get("user") != user.pk:
        raise CodeRefused(_("Please ask for a code first."))
    if time.time() - float(pending.get("at", 0)) > CODE_VALID_SECONDS:
        session.pop(CODE_KEY, None)
        raise CodeRefused(_("This code is too old. Please ask for a new one."))
    if pending.get("tries", 0) >= MAX_TRIES:
        session.pop(CODE_KEY, None)
        raise CodeRefused(_("That was wrong too many times. Please ask for a new code."))
    if not constant_time_compare(_digest("".join(code.split())), pending.get("digest", "")):
        session[CODE_KEY] = {**pending, "tries": pending.get("tries", 0) + 1}
        raise CodeRefused(_("This code is not right. Check the e-mail and try again."))
    session.pop(CODE_KEY, None)
    session[CONFIRMED_KEY] = {"user": user.pk, "at": time.time()}
