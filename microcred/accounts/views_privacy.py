"""My data and privacy: download everything, give or withdraw consent, delete the account.

GDPR Art. 7(3) (withdraw consent as easily as it was given), 15 and 20 (access, portability),
17 (erasure). The rules live in services and privacy.py; these views parse, call, render.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from microcred.accounts import consent as consent_text
from microcred.accounts import privacy, reauth, services
from microcred.accounts.forms import ConsentForm, DeleteAccountForm, ReauthCodeForm
from microcred.accounts.selectors import current_consent
from microcred.accounts.services_deletion import AccountDeletionRefused, delete_own_account
from microcred.core.ratelimit import hit_rate_limit

CODES_PER_QUARTER_HOUR = 5
DOWNLOADS_PER_HOUR = 10


@login_required
def data_page(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/data.html")


@login_required
def data_download(request: HttpRequest) -> HttpResponse:
    """The whole export as one JSON file; a POST, so no link preview or prefetch triggers it."""
    if request.method != "POST":
        return redirect("accounts:data")
    # Building the file reads every table: a few downloads an hour are plenty for anyone.
    if hit_rate_limit(scope="data-export", key=str(request.user.pk), limit=DOWNLOADS_PER_HOUR,
                      period_seconds=3600):
        messages.warning(request, _("You have downloaded your data many times in the last "
                                    "hour. Please try again later."))
        return redirect("accounts:data")
    data = privacy.export_personal_data(user=request.user)
    response = HttpResponse(privacy.export_bytes(data), content_type="application/json")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="microcred-my-data-{day}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def consent(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = ConsentForm(request.POST)
        if form.is_valid():
            given = form.cleaned_data["consent"]
            services.record_consent(user=user, given=given)
            messages.success(request, _("Thank you: your consent is saved.") if given else _(
                "Your consent is withdrawn. You can keep learning; your answers are no longer "
                "counted in reports."))
            return redirect("accounts:consent")
        messages.warning(request, _("Please choose one of the buttons. Nothing has changed."))
    return render(request, "accounts/consent.html", {
        "current": current_consent(user),
        "history": user.consents.order_by("-given_at"),
        "purpose": consent_text.PURPOSE,
        "retention": consent_text.retention(),
        "rights": consent_text.RIGHTS,
    })


def _confirm_options(request: HttpRequest) -> dict[str, object]:
    """How this person can prove it is them: allauth's methods and, without MFA, a code."""
    back = urlencode({"next": reverse("accounts:delete")})
    return {
        "methods": [
            {**method, "url": f"{method['url']}?{back}"}
            for method in reauth.allauth_methods(request.user)
        ],
        "email_code": reauth.may_use_email_code(request.user),
        "code_url": f"{reverse('accounts:reauthenticate')}?{back}",
    }


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    user = request.user
    confirmed = reauth.recently_reauthenticated(request)
    form = DeleteAccountForm()
    status = 200
    if request.method == "POST" and user.is_staff_member:
        status = 403  # the page says why and whom to ask
    elif request.method == "POST" and not confirmed:
        messages.warning(request, _("For your safety, please confirm it is you first. Nothing "
                                    "has been deleted."))
        return redirect("accounts:delete")
    elif request.method == "POST":
        form = DeleteAccountForm(request.POST)
        if form.is_valid():
            try:
                delete_own_account(user=user, confirmation=form.cleaned_data["confirmation"])
            except AccountDeletionRefused as refused:
                form.add_error("confirmation", str(refused))
            else:
                logout(request)
                return redirect("accounts:deleted")
        status = 400
    return render(request, "accounts/delete.html", {
        "form": form, "confirmed": confirmed, "staff": user.is_staff_member,
        **_confirm_options(request)}, status=status)


def _next_url(request: HttpRequest) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return url
    return reverse("accounts:delete")


@login_required
def reauthenticate_by_code(request: HttpRequest) -> HttpResponse:
    """Prove it is you with a code sent to your e-mail (for people who have no password)."""
    user = request.user
    next_url = _next_url(request)
    if not reauth.may_use_email_code(user):
        return redirect(reauth.allauth_methods(user)[0]["url"] + "?" + urlencode(
            {"next": next_url}))
    form = ReauthCodeForm()
    if request.method == "POST" and request.POST.get("action") == "send":
        if hit_rate_limit(scope="reauth-code", key=str(user.pk), limit=CODES_PER_QUARTER_HOUR,
                          period_seconds=15 * 60):
            messages.warning(request, _("You asked for many codes. Please wait 15 minutes and "
                                        "try again."))
        else:
            reauth.send_code(session=request.session, user=user)
            messages.info(request, _("We have sent a code to %(email)s. It works for %(minutes)d "
                                     "minutes.") % {"email": user.email,
                                                    "minutes": reauth.CODE_VALID_SECONDS // 60})
        return redirect(f"{reverse('accounts:reauthenticate')}?{urlencode({'next': next_url})}")
    status = 200
    if request.method == "POST":
        form = ReauthCodeForm(request.POST)
        if form.is_valid():
            try:
                reauth.check_code(session=request.session, user=user,
                                  code=form.cleaned_data["code"])
            except reauth.CodeRefused as refused:
                form.add_error("code", str(refused))
            else:
                return redirect(next_url)
        status = 400
    return render(request, "accounts/reauthenticate_code.html", {
        "form": form, "next": next_url, "code_sent": reauth.CODE_KEY in request.session},
        status=status)


def account_deleted(request: HttpRequest) -> HttpResponse:
    """Goodbye: shown after deletion, to someone who is no longer logged in."""
    if request.user.is_authenticated:
        return redirect("accounts:home")
    return render(request, "accounts/deleted.html")
