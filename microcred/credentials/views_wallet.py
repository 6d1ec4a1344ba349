"""The learner's wallet, and the public verification pages employers open."""

import hashlib
import json
import secrets
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from microcred.core import ratelimit
from microcred.core.http import post_only_else_show
from microcred.core.page_cache import may_serve_shared, page_key, shared_page
from microcred.credentials import (
    certificate,
    display,
    exporting,
    oid4vci,
    selectors,
    verification,
)
from microcred.credentials.errors import CredentialError
from microcred.credentials.forms import VerifyForm
from microcred.credentials.models import IssuedCredential

LINKEDIN_ADD = "https://www.linkedin.com/profile/add"


def _own(request: HttpRequest, credential_id) -> IssuedCredential:
    credential = IssuedCredential.objects.select_related("spec", "module_version__module").filter(
        pk=credential_id, learner=request.user).first()
    if credential is None:
        raise Http404
    return credential


@login_required
def wallet(request: HttpRequest) -> HttpResponse:
    credentials = (IssuedCredential.objects.filter(learner=request.user)
                   .select_related("spec", "module_version__module").order_by("spec__code"))
    return render(request, "credentials/wallet.html", {"credentials": [
        {"record": c, "title": c.document.get("name", c.spec.code),
         "verify_url": certificate.verification_url(c),
         "share_url": settings.SITE_URL + reverse("credentials:shared", args=[c.share_token])
         if c.share_token else None,
         "linkedin_url": _linkedin(c),
         "assessment_language": display.assessment_language_of(c.document)}
        for c in credentials]})


def _linkedin(credential: IssuedCredential) -> str:
    issued = timezone.localtime(credential.issued_at)
    return LINKEDIN_ADD + "?" + urlencode({
        "startTask": "CERTIFICATION_NAME", "name": credential.document.get("name", ""),
        "organizationName": settings.CONSORTIUM_NAME, "issueYear": issued.year,
        "issueMonth": issued.month, "certUrl": certificate.verification_url(credential),
        "certId": str(credential.pk)})


@login_required
def download_json(request: HttpRequest, credential_id) -> HttpResponse:
    credential = _own(request, credential_id)
    response = HttpResponse(json.dumps(credential.document, ensure_ascii=False, indent=2),
                            content_type="application/vc+ld+json")
    response["Content-Disposition"] = f'attachment; filename="{credential.spec.code}.json"'
    return response


@login_required
def download_pdf(request: HttpRequest, credential_id) -> HttpResponse:
    credential = _own(request, credential_id)
    # The values are the signed credential's; the labels follow the language the learner
    # reads the site in.
    try:
        pdf = certificate.render_certificate(credential, language=translation.get_language())
    except ValueError:  # not a readable signed credential (vckit.signed.UnreadableCredential)
        messages.warning(request, _("This credential cannot be printed. Please contact us."))
        return redirect("credentials:wallet")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{credential.spec.code}.pdf"'
    return response


@login_required
def download_elm(request: HttpRequest, credential_id) -> HttpResponse:
    """The same award as a European Learning Model (Europass) credential, unsealed."""
    credential = _own(request, credential_id)
    try:
        document = exporting.elm_document(credential, email=request.user.email)
    except ValueError:
        # EDC requires the issuer's legal identifier (eIDAS); the operator sets it.
        messages.warning(request, _("The Europass version is not available yet: the issuer's "
                                    "legal identifier is not configured. Please contact us."))
        return redirect("credentials:wallet")
    response = HttpResponse(json.dumps(document, ensure_ascii=False, indent=2),
                            content_type="application/ld+json")
    response["Content-Disposition"] = f'attachment; filename="{credential.spec.code}-elm.json"'
    return response


def _wallet_url(credential_id: object) -> str:
    return reverse("credentials:wallet")


@login_required
@post_only_else_show(_wallet_url)
def toggle_share(request: HttpRequest, credential_id) -> HttpResponse:
    credential = _own(request, credential_id)
    if credential.share_token:
        credential.share_token = None
        messages.info(request, _("The public link is switched off. Nobody can open it now."))
    else:
        credential.share_token = secrets.token_urlsafe(16)
        messages.success(request, _("Your public link is ready. Anyone with it can check your "
                                    "credential."))
    credential.save(update_fields=["share_token"])
    return redirect("credentials:wallet")


def _qr_svg(uri: str, label: str) -> str:
    # Inline SVG: no script and no extra request, so the page stays within the strict CSP.
    svg = segno.make(uri, error="m", micro=False).svg_inline(
        scale=4, border=4, title=label, omitsize=True, svgclass="qr-code", light="#fff")
    return mark_safe(svg)  # noqa: S308 - segno's own markup; the title is our translated text


@login_required
@post_only_else_show(_wallet_url)
@never_cache
def add_to_eu_wallet(request: HttpRequest, credential_id) -> HttpResponse:
    """A new OpenID4VCI offer of the learner's own credential, shown as a QR code and a link
    (the code in it works once, for a few minutes, so the page is never cached)."""
    credential = _own(request, credential_id)
    try:
        new = oid4vci.create_offer(credential=credential, actor=request.user,
                                   with_tx_code=request.POST.get("tx_code") == "1")
    except CredentialError as error:
        messages.error(request, str(error))
        return redirect("credentials:wallet")
    return render(request, "credentials/eu_wallet_offer.html", {
        "record": credential, "title": credential.document.get("name", credential.spec.code),
        "offer_uri": new.uri, "with_tx_code": new.tx_code is not None,
        "minutes": int(oid4vci.OFFER_LIFETIME.total_seconds()) // 60,
        "qr_svg": _qr_svg(new.uri, _("QR code for your EU Digital Identity Wallet"))})


def _verification_page(request: HttpRequest, document, *, status: int = 200,
                       stored: selectors.StoredCredential | None = None) -> HttpResponse:
    """The verdict on `document`: one of our `stored` credentials keeps its signature check;
    anything pasted or uploaded gets every check."""
    report = (verification.verify_stored_credential(document, digest=stored.signed.digest,
                                                    status_lists=stored.status_lists,
                                                    keys_read=stored.issuer_keys)
              if stored else verification.verify_credential(document))
    # Only what the signature covers is shown: anything else could say anything.
    shown = report.judgement.show_contents and isinstance(document, dict)

    def respond() -> HttpResponse:  # for our credentials, on a miss only
        return TemplateResponse(request, "credentials/verify_result.html", {
            "report": report, "elements": display.annex_elements(document) if shown else [],
            "credential_language": display.language_of(document) if shown else ""},
            status=status)

    if stored is None or request.user.is_authenticated or not may_serve_shared(request):
        return respond()
    # The page is the report (the document, the verdict, the revocation found just now, the
    # signer) in a language and a text size: checked on every request, rendered once per
    # outcome. A revocation or an expiry changes the report, hence the key (decision 0029).
    # The judgement holds the verdict, the signer and vckit's result; the digest stands for the
    # document (its repr, ten times longer, was a tenth of the page's time).
    judged = f"{stored.signed.digest}\n{report.judgement!r}"
    outcome = hashlib.sha256(judged.encode()).hexdigest()
    return shared_page(request, page_key(request, "verify", outcome), respond)


def verify_issued(request: HttpRequest, credential_id) -> HttpResponse:
    """The page the certificate's QR code opens."""
    found = selectors.stored_credential(credential_id)
    return _verification_page(request, found.signed.document, stored=found)


def shared(request: HttpRequest, token: str) -> HttpResponse:
    """The page of a link the learner shared."""
    found = selectors.shared_credential(token)
    return _verification_page(request, found.signed.document, stored=found)


def verify(request: HttpRequest) -> HttpResponse:
    """Paste or upload any Open Badges 3.0 credential, ours or another issuer's."""
    form = VerifyForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if ratelimit.verify_limit_exceeded(request):
            response = render(request, "credentials/verify.html", {
                "form": VerifyForm(), "limit_message": ratelimit.TOO_MANY_CHECKS}, status=429)
            response["Retry-After"] = str(ratelimit.VERIFY_PERIOD_SECONDS)
            return response
        if form.is_valid():
            return _verification_page(request, form.cleaned_data["document"])
    return render(request, "credentials/verify.html", {"form": form},
                  status=400 if form.errors else 200)
