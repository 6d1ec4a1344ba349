from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from microcred.core.i18n import set_language_cookie
from microcred.core.ratelimit import client_ip, client_key


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=False)
        user.full_name = form.cleaned_data.get("full_name", "")
        # The language the person signed up in is the language they read best.
        user.preferred_language = translation.get_language() or settings.LANGUAGE_CODE
        if commit:
            user.save()
        return user

    def login(self, request: HttpRequest, user: Any) -> None:
        # The "signed in" message and the page after it speak the person's own language, not
        # the language of the page they happened to log in from.
        if user.preferred_language:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        super().login(request, user)

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # Without django.contrib.sites allauth names the site after the request's host
        # ("Hello from 127.0.0.1:8501!"); learners know the platform by its name.
        site = SimpleNamespace(name="Microcred", domain=urlsplit(settings.SITE_URL).netloc)
        super().send_mail(template_prefix, email, {**context, "current_site": site})

    def post_login(self, request: HttpRequest, user: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = super().post_login(request, user, **kwargs)
        # Every device shows the platform in the language the person chose in their profile.
        set_language_cookie(response, user.preferred_language)
        return response

    def get_client_ip(self, request: HttpRequest) -> str:
        # One answer for every client-address decision (TRUSTED_PROXY_COUNT), so allauth's
        # limits and ours never disagree about who is asking.
        return client_ip(request)

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        # Failed passwords are counted per account AND client address: counted per account
        # alone, anyone who knows a learner's address could lock their password log-in from
        # anywhere. The per-address limit (ACCOUNT_RATE_LIMITS) still slows one client trying
        # many accounts, and the e-mailed code is never locked by failed passwords.
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{client_key(request)}"
