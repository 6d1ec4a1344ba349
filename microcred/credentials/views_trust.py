"""The trust list pages: platform administrators only (MFA enforced by the staff middleware)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from microcred.accounts.permissions import role_required
from microcred.accounts.roles import Role
from microcred.credentials import trust_services
from microcred.credentials.forms_trust import TrustedIssuerForm, TrustImportForm
from microcred.credentials.trust import TrustedIssuer


@role_required(Role.ADMIN)
def trust_list(request: HttpRequest) -> HttpResponse:
    return render(request, "credentials/staff/trust_list.html",
                  {"issuers": TrustedIssuer.objects.all()})


@role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def trust_edit(request: HttpRequest, entry_id: int | None = None) -> HttpResponse:
    entry = get_object_or_404(TrustedIssuer, pk=entry_id) if entry_id else TrustedIssuer()
    form = TrustedIssuerForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            trust_services.save_trusted_issuer(entry=form.instance, actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The trust list is saved. Credentials this issuer signed "
                                        "now show its name."))
            return redirect("credentials:trust_list")
    return render(request, "credentials/staff/trust_form.html", {"form": form, "entry": entry},
                  status=400 if form.errors else 200)


@role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def trust_remove(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_object_or_404(TrustedIssuer, pk=entry_id)
    if request.method == "POST":
        trust_services.remove_trusted_issuer(entry=entry, actor=request.user)
        messages.success(request, _("The issuer is removed from the trust list. Its credentials "
                                    "now show “an issuer we do not know”."))
        return redirect("credentials:trust_list")
    return render(request, "credentials/staff/trust_remove.html", {"entry": entry})


@role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def trust_import(request: HttpRequest) -> HttpResponse:
    form = TrustImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = trust_services.import_trust_list(data=form.cleaned_data["file"],
                                                      actor=request.user)
        except ValidationError as error:
            form.add_error("file", error)
    return render(request, "credentials/staff/trust_import.html", {
        "form": form, "report": report,
        "skipped": sum(1 for row in report or [] if row.outcome == "skipped")},
        status=400 if form.errors else 200)
