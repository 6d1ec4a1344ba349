from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from microcred.accounts import services
from microcred.accounts.forms import ProfileForm
from microcred.core.http import post_only_else_show
from microcred.core.i18n import set_language_cookie


@login_required
def account_home(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/home.html")


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            services.update_profile(user=user, **form.cleaned_data)
            messages.success(request, _("Your details are saved."))
            response = redirect("accounts:home")
            set_language_cookie(response, user.preferred_language)
            return response
    else:
        form = ProfileForm(
            initial={
                "full_name": user.full_name,
                "preferred_language": user.preferred_language,
                "partner": user.partner_id,
            }
        )
    return render(request, "accounts/profile_form.html", {"form": form})


@post_only_else_show(lambda: reverse("public:home"))
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language (a plain form: works without JavaScript)."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES):
        if request.user.is_authenticated:
            services.set_preferred_language(user=request.user, language=language)
        set_language_cookie(response, language)
    return response
