"""Onboarding after sign-up: five short screens, skippable, each one editable later from
"My account"."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from microcred.accounts import consent
from microcred.core.i18n import set_language_cookie
from microcred.learning import selectors, selfcheck, services
from microcred.learning.forms import (
    ConsentStepForm,
    LanguageStepForm,
    PartnerStepForm,
    SkillsStepForm,
    WorkStepForm,
)

# At most five short steps (issue #18): what a learner needs to start, and what the
# consortium's indicators need (work situation and digital skills of the target group).
STEPS = ["language", "partner", "work", "skills", "consent"]


def _form(step: str, request: HttpRequest, data: Any = None) -> forms.Form:
    user = request.user
    profile = services.get_profile(user)
    if step == "language":
        return LanguageStepForm(data, initial={"language": user.preferred_language})
    if step == "partner":
        return PartnerStepForm(data, initial={"partner": user.partner_id})
    if step == "work":
        return WorkStepForm(data, initial={"employment_status": profile.employment_status})
    if step == "consent":
        return ConsentStepForm(data, initial={"reminders": profile.reminders})
    return SkillsStepForm(data, initial={"can_do": [
        key for key, value in profile.self_check_answers.items()
        if value == selfcheck.ON_MY_OWN]})


def _save(step: str, request: HttpRequest, form: forms.Form) -> HttpResponse | None:
    user = request.user
    data = form.cleaned_data
    savers: dict[str, Callable[[], None]] = {
        "language": lambda: services.save_language(user=user, language=data["language"]),
        "partner": lambda: services.save_partner(user=user, partner=data["partner"]),
        "work": lambda: services.save_employment(user=user, status=data["employment_status"]),
    }
    if step in savers:
        savers[step]()
    elif step == "consent":
        services.finish_onboarding(user=user, consent=data["consent"],
                                   reminders=data["reminders"])
        return redirect("learning:onboarding_done")
    else:
        services.save_self_check(user=user, can_do=set(data["can_do"]))
    response = redirect("learning:onboarding", step=STEPS[STEPS.index(step) + 1])
    if step == "language":
        set_language_cookie(response, data["language"])
    return response


@login_required
def onboarding(request: HttpRequest, step: str = "language") -> HttpResponse:
    if step not in STEPS:
        raise Http404
    if request.method == "POST" and "skip" in request.POST:
        services.skip_onboarding(user=request.user)
        messages.info(request, _("No problem. You can answer these questions later in "
                                 "“My learning”."))
        return redirect("learning:home")
    form = _form(step, request, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            response = _save(step, request, form)
        except services.LearningError as error:
            form.add_error(None, str(error))
        else:
            if response is not None:
                return response
    index = STEPS.index(step)
    return render(request, "learning/onboarding_step.html", {
        "form": form, "step": step, "position": index + 1, "total": len(STEPS),
        "previous": STEPS[index - 1] if index else None,
        "is_skill": step == "skills",
        "consent": consent,
    })


@login_required
def onboarding_done(request: HttpRequest) -> HttpResponse:
    profile = services.get_profile(request.user)
    return render(request, "learning/onboarding_done.html", {
        "profile": profile, "suggestion": selectors.explain_suggestion(profile)})
