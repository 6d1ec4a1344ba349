"""The Board's pages: dashboard, a version's review, its lessons paragraph by paragraph, the
changes since the published version, and the workflow actions (plain POST forms)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from microcred.accounts.permissions import role_required
from microcred.accounts.roles import Role
from microcred.curriculum.models import ModuleVersion, VersionState
from microcred.review import policies, selectors, selectors_bank, selectors_exam, services
from microcred.review.diff import base_version, changes_by_language, version_diff
from microcred.review.forms import (
    CommentForm,
    DecisionForm,
    LanguageForm,
    PublishForm,
    SubmitForm,
    WithdrawForm,
)
from microcred.review.models import ReviewChecklistItem
from microcred.review.paragraphs import lesson_blocks
from microcred.review.rules import configured_rule

READERS = (Role.REVIEWER, Role.ADMIN, Role.ISSUER, Role.COORDINATOR, Role.CONTENT_MANAGER)
NEW_DRAFT_FROM = {VersionState.CHANGES_REQUESTED, VersionState.PUBLISHED, VersionState.WITHDRAWN}


@role_required(*READERS)
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "review/dashboard.html", {
        "rows": selectors.dashboard_rows(),
        "languages": settings.LANGUAGES,
        "board": selectors.current_board(),
        "rule": configured_rule(),
        "is_member": policies.is_board_member(request.user),
    })


@role_required(*READERS)
def version_detail(request: HttpRequest, version_id: int) -> HttpResponse:
    return _render_version(request, selectors.access_version(request.user, version_id))


def _render_version(request: HttpRequest, version: ModuleVersion,
                    decision_form: DecisionForm | None = None, status: int = 200) -> HttpResponse:
    page = selectors.review_page(version)
    user = request.user
    reviewable = version.state in selectors.REVIEW_STATES
    has_draft = any(v.state == VersionState.DRAFT for v in page.other_versions)
    return render(request, "review/version.html", {
        "page": page,
        "version": version,
        "may_decide": reviewable and policies.may_decide(user),
        "may_submit": version.state == VersionState.DRAFT and policies.may_submit(user, version),
        "may_new_draft": (version.state in NEW_DRAFT_FROM and not has_draft
                          and policies.may_submit(user, version)),
        "may_publish": version.state == VersionState.APPROVED and policies.may_publish(user),
        "may_withdraw": (reviewable or version.state == VersionState.PUBLISHED)
                        and policies.may_withdraw(user),
        "decision_form": decision_form or DecisionForm(
            items=page.checklist, language=get_language() or "en",
            has_open_request=page.has_open_request(user)),
        "submit_form": SubmitForm(),
        "publish_form": PublishForm(),
        "withdraw_form": WithdrawForm(),
        "language": get_language() or "en",
        "max_age_days": settings.CONTENT_REVIEW_MAX_AGE_DAYS,
        "bank": selectors_bank.bank_section(version, get_language() or "en"),
    }, status=status)


@role_required(*READERS)
def lesson(request: HttpRequest, version_id: int, slug: str) -> HttpResponse:
    """A lesson's paragraphs, each with the Board's comments and a form to add one."""
    lesson = selectors.access_lesson(request.user, version_id, slug)
    language = _chosen_language(request)
    base_url = reverse("curriculum:preview_lesson", args=[version_id, slug])
    comments = selectors.lesson_comments(lesson, language)
    blocks = lesson_blocks((lesson.body_html or {}).get(language, ""), base_url=base_url)
    return render(request, "review/lesson.html", {
        "lesson": lesson,
        "version": lesson.version,
        "language": language,
        "language_form": LanguageForm(initial={"language": language}),
        "paragraphs": [(n, block, comments.get(n, [])) for n, block in enumerate(blocks, 1)],
        "lesson_comments": comments.get(None, []),
        "may_comment": (lesson.version.state in selectors.REVIEW_STATES
                        and policies.may_decide(request.user)),
        "max_age_days": settings.CONTENT_REVIEW_MAX_AGE_DAYS,
    })


@role_required(*READERS)
def exam(request: HttpRequest, version_id: int) -> HttpResponse:
    """Every exam item with its answer key and feedback, each with the Board's comments."""
    version = selectors.access_version(request.user, version_id)
    language = _chosen_language(request)
    return render(request, "review/exam.html", {
        "version": version,
        "language": language,
        "language_form": LanguageForm(initial={"language": language}),
        "outcomes": selectors_exam.exam_outcomes(version, language),
        "may_comment": (version.state in selectors.REVIEW_STATES
                        and policies.may_decide(request.user)),
    })


@role_required(*READERS)
def changes(request: HttpRequest, version_id: int) -> HttpResponse:
    """What differs from the published version, one language at a time."""
    version = selectors.access_version(request.user, version_id)
    language = _chosen_language(request)
    base = base_version(version)
    by_language = changes_by_language(version=version, base=base) if base else []
    return render(request, "review/changes.html", {
        "version": version,
        "base": base,
        "language": language,
        "language_form": LanguageForm(initial={"language": language}),
        "changes": version_diff(version=version, base=base, language=language) if base else None,
        "by_language": by_language,
        "unchanged_languages": [row.name for row in by_language if not row.count],
    })


def _chosen_language(request: HttpRequest) -> str:
    form = LanguageForm(request.GET)
    return form.cleaned_data["language"] if form.is_valid() else (get_language() or "en")


# Actions -----------------------------------------------------------------------------------


@role_required(*READERS)
@require_POST
def decide(request: HttpRequest, version_id: int) -> HttpResponse:
    version = selectors.access_version(request.user, version_id)
    if not policies.may_decide(request.user):
        raise PermissionDenied
    items = list(ReviewChecklistItem.objects.filter(is_active=True))
    form = DecisionForm(request.POST, items=items, language=get_language() or "en",
                        has_open_request=True)
    if form.is_valid():
        try:
            services.record_decision(
                version=version, reviewer=request.user, decision=form.cleaned_data["decision"],
                ticked=form.cleaned_data["checklist"], comment=form.cleaned_data["comment"],
                excluded_languages=form.cleaned_data["excluded_languages"])
        except services.ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your decision is recorded."))
            return redirect("review:version", version_id=version.pk)
    return _render_version(request, version, decision_form=form, status=400)


@role_required(*READERS)
@require_POST
def comment(request: HttpRequest, version_id: int) -> HttpResponse:
    version = selectors.access_version(request.user, version_id)
    if not policies.may_decide(request.user):
        raise PermissionDenied
    form = CommentForm(request.POST)
    valid = form.is_valid()
    slug = form.cleaned_data.get("lesson", "") if valid else request.POST.get("lesson", "")
    lesson = next((item for item in version.lessons.all() if item.slug == slug), None)
    item = form.cleaned_data.get("item", "") if valid else ""
    back = reverse("review:version", args=[version.pk]) + "#comments"
    if item:
        language = form.cleaned_data["language"]
        back = reverse("review:exam", args=[version.pk]) + f"?language={language}"
    if lesson is not None:
        back = reverse("review:lesson", args=[version.pk, lesson.slug])
        if valid:
            back += f"?language={form.cleaned_data['language']}"
    if not valid:
        messages.error(request, _("Write a comment first."))
        return HttpResponseRedirect(back)
    paragraph = form.cleaned_data["paragraph"]
    try:
        services.add_comment(version=version, author=request.user, lesson=lesson,
                             paragraph=paragraph, item=item, text=form.cleaned_data["text"],
                             language=form.cleaned_data["language"])
    except services.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your comment is saved."))
        if paragraph:
            back += f"#p{paragraph}"
        elif item:
            back += f"#item-{item}"
    return HttpResponseRedirect(back)


@role_required(*READERS)
@require_POST
def submit(request: HttpRequest, version_id: int) -> HttpResponse:
    version = selectors.access_version(request.user, version_id)
    form = SubmitForm(request.POST)
    form.is_valid()  # the note is optional
    return _act(request, version, lambda: services.submit_for_review(
        version=version, actor=request.user, note=form.cleaned_data.get("note", "")),
        _("%(version)s is now in review. Each Board member receives an e-mail."))


@role_required(*READERS)
@require_POST
def publish(request: HttpRequest, version_id: int) -> HttpResponse:
    version = selectors.access_version(request.user, version_id)
    form = PublishForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _act(request, version, lambda: services.publish(
        version=version, actor=request.user, note=note),
        _("%(version)s is published: learners see it now."))


@role_required(*READERS)
@require_POST
def withdraw(request: HttpRequest, version_id: int) -> HttpResponse:
    version = selectors.access_version(request.user, version_id)
    form = WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _act(request, version, lambda: services.withdraw(
        version=version, actor=request.user, reason=reason), _("%(version)s is withdrawn."))


@role_required(*READERS)
@require_POST
def new_draft(request: HttpRequest, version_id: int) -> HttpResponse:
    version = selectors.access_version(request.user, version_id)
    try:
        draft = services.start_new_draft(version=version, actor=request.user)
    except services.ReviewError as error:
        messages.error(request, str(error))
        return redirect("review:version", version_id=version.pk)
    messages.success(request, _("%(draft)s is ready to edit.") % {"draft": draft})
    if request.user.is_staff:
        return redirect("admin:curriculum_moduleversion_change", draft.pk)
    return redirect("review:version", version_id=draft.pk)


def _act(request: HttpRequest, version: ModuleVersion, action, success: str) -> HttpResponse:
    try:
        action()
    except services.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success % {"version": version})
    return redirect("review:version", version_id=version.pk)
