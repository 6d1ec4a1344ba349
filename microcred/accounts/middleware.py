from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

# Staff may still reach these before they set up MFA: the MFA pages themselves, log-out,
# e-mail verification, language choice and static files.
_ALLOWED_PREFIXES = ("/accounts/", "/language/", "/static/", "/media/", "/healthz",
                     "/dev/mailbox/")


class StaffMustUseMFAMiddleware:
    """Staff roles act on other people's data: they must set up an authenticator app first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_ALLOWED_PREFIXES)  # cheap, so first
            and user.is_staff_member  # type: ignore[union-attr]
            and not is_mfa_enabled(user)
        ):
            messages.warning(
                request,
                _(
                    "Your role gives you access to other people's data. Before you continue, "
                    "protect your account with an authenticator app."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
