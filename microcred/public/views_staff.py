"""Staff pages for news and contact messages: coordinators for their own organisation,
platform administrators for everyone."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from microcred.accounts.models import PartnerOrganisation
from microcred.accounts.permissions import role_required
from microcred.accounts.roles import Role
from microcred.public import news_markdown, selectors, services, services_news
from microcred.public.forms_staff import ContactFilterForm, ContactStatusForm, NewsForm
from microcred.public.models import ContactStatus, NewsItem

STAFF = (Role.ADMIN, Role.COORDINATOR)
MESSAGES_PER_PAGE = 50


@role_required(*STAFF)
def news_list(request: HttpRequest) -> HttpResponse:
    items = selectors.news_visible_to(request.user).order_by("-published_at", "-id")
    return render(request, "public/staff/news_list.html", {"items": items, "now": timezone.now()})


@role_required(*STAFF)
def news_create(request: HttpRequest) -> HttpResponse:
    selectors.news_visible_to(request.user)  # refuses a coordinator without an organisation
    return _news_form(request, item=None)


@role_required(*STAFF)
def news_edit(request: HttpRequest, news_id: int) -> HttpResponse:
    return _news_form(request, item=selectors.access_news(request.user, news_id))


def _news_form(request: HttpRequest, *, item: NewsItem | None) -> HttpResponse:
    user = request.user
    is_admin = user.has_role(Role.ADMIN)
    partner = item.partner if item else (None if is_admin else user.partner)
    form = NewsForm(
        request.POST or None,
        languages=services_news.writable_languages(author=user, partner=partner),
        partners=list(PartnerOrganisation.objects.order_by("name")) if is_admin else None,
        initial=_initial(item),
    )
    previews = []
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["partner"] if is_admin else user.partner
        if "preview" in request.POST:
            previews = [
                (code, text, news_markdown.render(text.body)) for code, text in form.texts().items()
            ]
        else:
            try:
                saved = services_news.save_news(
                    author=user,
                    item=item,
                    partner=chosen,
                    published_at=form.cleaned_data["published_at"],
                    is_published=form.cleaned_data["is_published"],
                    texts=form.texts(),
                )
            except services_news.NewsError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The news item is saved."))
                return redirect("public:staff_news_edit", news_id=saved.pk)
    return render(
        request,
        "public/staff/news_form.html",
        {"form": form, "item": item, "previews": previews},
        status=400 if form.errors else 200,
    )


def _initial(item: NewsItem | None) -> dict[str, object] | None:
    if item is None:
        return None
    initial: dict[str, object] = {
        "published_at": timezone.localtime(item.published_at),
        "is_published": item.is_published,
        "partner": item.partner_id,
    }
    for text in item.translations.all():
        initial.update(
            {
                f"title_{text.language}": text.title,
                f"summary_{text.language}": text.summary,
                f"body_{text.language}": text.body,
            }
        )
    return initial


@role_required(*STAFF)
def message_list(request: HttpRequest) -> HttpResponse:
    found = selectors.contact_messages_visible_to(request.user)
    form = ContactFilterForm(request.GET or None)
    status = (form.cleaned_data["status"] if form.is_valid() else "") or ContactStatus.NEW
    if status != "all":
        found = found.filter(status=status)
    page = Paginator(found.order_by("-received_at", "-id"), MESSAGES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "public/staff/message_list.html",
        {
            "form": form,
            "page": page,
            "status": status,
            "filters": f"status={status}",
        },
    )


@role_required(*STAFF)
def message_detail(request: HttpRequest, message_id: int) -> HttpResponse:
    message = selectors.access_contact_message(request.user, message_id)
    form = ContactStatusForm(initial={"status": message.status})
    return render(request, "public/staff/message_detail.html", {"message": message, "form": form})


@require_POST
@role_required(*STAFF)
def message_status(request: HttpRequest, message_id: int) -> HttpResponse:
    message = selectors.access_contact_message(request.user, message_id)
    form = ContactStatusForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "public/staff/message_detail.html",
            {"message": message, "form": form},
            status=400,
        )
    message = services.set_contact_status(
        message=message, status=form.cleaned_data["status"], actor=request.user
    )
    messages.success(
        request, _("Status changed to “%(status)s”.") % {"status": message.get_status_display()}
    )
    return redirect("public:staff_message", message_id=message.pk)
