"""Staff pages for pilot cohorts: list, create, change, members, and a way to their feedback."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from microcred.accounts.permissions import role_required
from microcred.accounts.roles import Role
from microcred.review import selectors_cohorts, services_cohorts
from microcred.review.forms_cohorts import AddMembersForm, CohortForm
from microcred.review.models import Cohort

MANAGERS = (Role.ADMIN, Role.COORDINATOR)


@role_required(*MANAGERS)
def cohort_list(request: HttpRequest) -> HttpResponse:
    cohorts = selectors_cohorts.cohorts_visible_to(request.user)
    return render(request, "review/cohorts/list.html", {"cohorts": cohorts})


@role_required(*MANAGERS)
def cohort_create(request: HttpRequest) -> HttpResponse:
    selectors_cohorts.cohorts_visible_to(request.user)  # a coordinator needs an organisation
    return _cohort_form(request, cohort=None)


@role_required(*MANAGERS)
def cohort_edit(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = selectors_cohorts.access_cohort(request.user, cohort_id)
    if not selectors_cohorts.may_manage(request.user, cohort):
        return _refuse(request, cohort)
    return _cohort_form(request, cohort=cohort)


def _cohort_form(request: HttpRequest, *, cohort: Cohort | None) -> HttpResponse:
    is_admin = request.user.has_role(Role.ADMIN)
    initial = None
    if cohort is not None:
        initial = {
            "name": cohort.name,
            "is_pilot": cohort.is_pilot,
            "partner": cohort.partner_id,
            "starts_on": cohort.starts_on,
            "ends_on": cohort.ends_on,
        }
    form = CohortForm(
        request.POST or None, choose_partner=is_admin, initial=initial or {"is_pilot": True}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services_cohorts.save_cohort(
                actor=request.user,
                cohort=cohort,
                name=data["name"],
                is_pilot=data["is_pilot"],
                partner=data.get("partner"),
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
            )
        except services_cohorts.CohortError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The cohort is saved."))
            return redirect("review:cohort", cohort_id=saved.pk)
    return render(
        request,
        "review/cohorts/form.html",
        {"form": form, "cohort": cohort},
        status=400 if form.errors else 200,
    )


@role_required(*MANAGERS)
def cohort_detail(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = selectors_cohorts.access_cohort(request.user, cohort_id)
    return _render_detail(request, cohort, AddMembersForm())


def _render_detail(
    request: HttpRequest, cohort: Cohort, add_form: AddMembersForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "review/cohorts/detail.html",
        {
            "cohort": cohort,
            "members": selectors_cohorts.cohort_members(request.user, cohort),
            "may_manage": selectors_cohorts.may_manage(request.user, cohort),
            "add_form": add_form,
            "report_url": reverse("review:pilot_report") + f"?cohort={cohort.pk}",
        },
        status=status,
    )


@require_POST
@role_required(*MANAGERS)
def cohort_add_members(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = selectors_cohorts.access_cohort(request.user, cohort_id)
    form = AddMembersForm(request.POST)
    if form.is_valid():
        try:
            result = services_cohorts.add_members(
                actor=request.user, cohort=cohort, emails=form.addresses()
            )
        except services_cohorts.CohortError as error:
            form.add_error("emails", str(error))
        else:
            messages.success(
                request,
                ngettext("%(count)d learner added.", "%(count)d learners added.", result.added)
                % {"count": result.added},
            )
            if result.already:
                messages.info(
                    request,
                    ngettext(
                        "%(count)d learner was already in the cohort.",
                        "%(count)d learners were already in the cohort.",
                        result.already,
                    )
                    % {"count": result.already},
                )
            return redirect("review:cohort", cohort_id=cohort.pk)
    return _render_detail(request, cohort, form, status=400)


@require_POST
@role_required(*MANAGERS)
def cohort_remove_member(request: HttpRequest, cohort_id: int, learner_id: int) -> HttpResponse:
    cohort = selectors_cohorts.access_cohort(request.user, cohort_id)
    if services_cohorts.remove_member(actor=request.user, cohort=cohort, learner_id=learner_id):
        messages.success(
            request,
            _("The learner is no longer in this cohort. Their feedback stays in the pilot report."),
        )
    return redirect("review:cohort", cohort_id=cohort.pk)


@require_POST
@role_required(*MANAGERS)
def cohort_delete(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = selectors_cohorts.access_cohort(request.user, cohort_id)
    try:
        services_cohorts.delete_cohort(actor=request.user, cohort=cohort)
    except services_cohorts.CohortError as error:
        messages.error(request, str(error))
        return redirect("review:cohort", cohort_id=cohort.pk)
    messages.success(request, _("The cohort “%(name)s” is deleted.") % {"name": cohort.name})
    return redirect("review:cohorts")


def _refuse(request: HttpRequest, cohort: Cohort) -> HttpResponse:
    messages.error(request, _("You can only change your own organisation's cohorts."))
    return redirect("review:cohort", cohort_id=cohort.pk)
