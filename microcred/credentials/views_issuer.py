"""Issuer pages: issue what is missing (manual and bulk) and revoke with a reason; audited."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from microcred.accounts.permissions import role_required
from microcred.accounts.roles import Role
from microcred.assessment.models import Attempt
from microcred.core.text import plain_text
from microcred.credentials import services
from microcred.credentials.models import IssuedCredential
from microcred.credentials.overdue import list_overdue_credentials

MAX_ROWS = 200


def _missing() -> list[Attempt]:
    """Passed attempts whose credential is not there (a worker was down, a name was missing)."""
    held = IssuedCredential.objects.filter(learner=OuterRef("learner"),
                                           spec__module=OuterRef("module"))
    # Attempts of deleted accounts stay anonymised for statistics: nobody to issue to.
    return list(Attempt.objects.filter(passed=True, learner__isnull=False)
                .exclude(Exists(held)).select_related("learner", "module")
                .order_by("submitted_at")[:MAX_ROWS])


@role_required(Role.ISSUER, Role.ADMIN)
def issuer_home(request: HttpRequest) -> HttpResponse:
    query = plain_text(request.GET.get("q", ""), 200).strip()
    credentials = IssuedCredential.objects.select_related("spec", "learner").order_by(
        "-issued_at")
    if query:
        credentials = credentials.filter(learner__email__icontains=query) | \
            credentials.filter(recipient_name__icontains=query)
    return render(request, "credentials/staff/issuer.html", {
        "missing": _missing(), "credentials": credentials[:MAX_ROWS], "query": query,
        "overdue": list_overdue_credentials(limit=MAX_ROWS),
        "overdue_minutes": settings.CREDENTIAL_OVERDUE_MINUTES})


@role_required(Role.ISSUER, Role.ADMIN)
@require_POST
def issue_selected(request: HttpRequest) -> HttpResponse:
    ids = [int(value) for value in request.POST.getlist("attempt")
           if value.isascii() and value.isdigit()]
    result = services.issue_cohort(attempt_ids=ids[:MAX_ROWS], actor=request.user)
    if result.issued:
        messages.success(request, _("%(count)d credential(s) issued.")
                         % {"count": len(result.issued)})
    for problem in result.problems:
        messages.warning(request, problem)
    if not ids:
        messages.warning(request, _("Select at least one passed test."))
    return redirect("credentials:issuer")


@role_required(Role.ISSUER, Role.ADMIN)
@require_POST
def revoke(request: HttpRequest, credential_id) -> HttpResponse:
    credential = get_object_or_404(IssuedCredential, pk=credential_id)
    try:
        services.revoke_credential(credential=credential,
                                   reason=plain_text(request.POST.get("reason", ""), 500),
                                   actor=request.user)
    except services.CredentialError as error:
        messages.warning(request, str(error))
    else:
        messages.success(request, _("The credential is revoked. Verifiers see it at once."))
        if IssuedCredential.objects.filter(revoked_because_of=credential).exists():
            messages.info(request, _("The full-course credential that counted it is revoked "
                                     "too. If the learner still meets the course rule, a new "
                                     "one was issued."))
    return redirect("credentials:issuer")
