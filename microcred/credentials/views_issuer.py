"""Issuer pages: the credential list (paged, searched, filtered), issuing what is missing after
a look at what will be issued, and revoking after a confirmation with a reason; audited."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from microcred.accounts.permissions import role_required
from microcred.accounts.roles import Role
from microcred.credentials import selectors_issuer, services
from microcred.credentials.forms_issuer import CredentialFilterForm, RevokeForm
from microcred.credentials.models import IssuedCredential
from microcred.credentials.overdue import list_overdue_credentials
from microcred.credentials.revocation import RevocationReason

CREDENTIALS_PER_PAGE = 50
MAX_BULK = selectors_issuer.MAX_MISSING


@role_required(Role.ISSUER, Role.ADMIN)
def issuer_home(request: HttpRequest) -> HttpResponse:
    form = CredentialFilterForm(request.GET)
    credentials = selectors_issuer.list_credentials(form.filters())
    page = Paginator(credentials, CREDENTIALS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "credentials/staff/issuer.html",
        {
            "form": form,
            "page": page,
            "credentials": page.object_list,
            "filters": form.query_string(),
            "reasons": dict(RevocationReason.choices),
            "missing": selectors_issuer.list_missing_credentials(),
            "overdue": list_overdue_credentials(limit=selectors_issuer.MAX_MISSING),
            "overdue_minutes": settings.CREDENTIAL_OVERDUE_MINUTES,
        },
    )


def _attempt_ids(request: HttpRequest) -> list[int]:
    ids = [
        int(value)
        for value in request.POST.getlist("attempt")
        if value.isascii() and value.isdigit() and len(value) < 19
    ]
    return list(dict.fromkeys(ids))[:MAX_BULK]


@role_required(Role.ISSUER, Role.ADMIN)
@require_POST
def issue_selected(request: HttpRequest) -> HttpResponse:
    """First what would be issued, for the issuer to check; then, confirmed, the issuance."""
    ids = _attempt_ids(request)
    if not ids:
        messages.warning(request, _("Select at least one passed test."))
        return redirect("credentials:issuer")
    if request.POST.get("confirmed") != "yes":
        plan = selectors_issuer.plan_issuance(ids)
        return render(
            request,
            "credentials/staff/issue_preview.html",
            {
                "to_issue": [row for row in plan if not row.already_held],
                "held": [row for row in plan if row.already_held],
            },
        )
    result = services.issue_cohort(attempt_ids=ids, actor=request.user)
    if result.issued:
        messages.success(
            request,
            ngettext(
                "%(count)d credential issued.", "%(count)d credentials issued.", len(result.issued)
            )
            % {"count": len(result.issued)},
        )
    elif not result.problems:
        messages.info(
            request, _("Nothing was issued: every selected learner already has the credential.")
        )
    for problem in result.problems:
        messages.warning(request, problem)
    return redirect("credentials:issuer")


@role_required(Role.ISSUER, Role.ADMIN)
def revoke(request: HttpRequest, credential_id) -> HttpResponse:
    """GET: the confirmation page with the reasons; POST: revoke (nothing happens without a
    reason from the list and the issuer's explanation)."""
    credential = get_object_or_404(
        IssuedCredential.objects.select_related("spec", "learner"), pk=credential_id
    )
    if credential.revoked_at is not None:
        messages.info(request, _("This credential is already revoked."))
        return redirect("credentials:issuer")
    form = RevokeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.revoke_credential(
                credential=credential,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                reason_code=form.cleaned_data["reason_code"],
            )
        except services.CredentialError as error:
            messages.warning(request, str(error))
        else:
            messages.success(request, _("The credential is revoked. Verifiers see it at once."))
            if IssuedCredential.objects.filter(revoked_because_of=credential).exists():
                messages.info(
                    request,
                    _(
                        "The full-course credential that counted it is "
                        "revoked too. If the learner still meets the course "
                        "rule, a new one was issued."
                    ),
                )
        return redirect("credentials:issuer")
    return render(
        request,
        "credentials/staff/revoke.html",
        {"credential": credential, "form": form},
        status=400 if form.is_bound else 200,
    )
