from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from microcred.accounts.models import PartnerOrganisation
from microcred.core.page_cache import PUBLIC_CONTENT, anonymous_page
from microcred.core.ratelimit import client_ip, hit_rate_limit
from microcred.public import selectors, services
from microcred.public.forms import ContactForm

CONTACT_LIMIT_PER_HOUR = 5


# The same for every anonymous visitor (in one language and text size): served from the page
# cache (decision 0029). News published for a later time appears then without any write, hence
# fresh_until on the pages that list news.
NEWS_PAGE = anonymous_page(
    depends_on=(PUBLIC_CONTENT.current,), fresh_until=selectors.next_scheduled_news
)


@NEWS_PAGE
def home(request: HttpRequest) -> HttpResponse:
    news = selectors.list_news(language=get_language(), limit=3)
    return TemplateResponse(request, "public/home.html", {"news": news})


@anonymous_page(depends_on=(PUBLIC_CONTENT.current,))
def about(request: HttpRequest) -> HttpResponse:
    partners = PartnerOrganisation.objects.order_by("country", "name")
    return TemplateResponse(request, "public/about.html", {"partners": partners})


@NEWS_PAGE
def news_list(request: HttpRequest) -> HttpResponse:
    news = selectors.list_news(language=get_language(), limit=50)
    return TemplateResponse(request, "public/news_list.html", {"news": news})


@NEWS_PAGE
def news_detail(request: HttpRequest, slug: str) -> HttpResponse:
    news = selectors.get_news(slug=slug, language=get_language())
    return TemplateResponse(request, "public/news_detail.html", {"news": news})


def contact(request: HttpRequest) -> HttpResponse:
    partners = list(PartnerOrganisation.objects.order_by("name"))
    language = get_language() or settings.LANGUAGE_CODE
    if request.method == "POST":
        form = ContactForm(request.POST, partners=partners, language=language)
        limited = hit_rate_limit(
            scope="contact",
            key=client_ip(request),
            limit=CONTACT_LIMIT_PER_HOUR,
            period_seconds=3600,
        )
        if limited:
            form.add_error(
                None,
                _(
                    "You have sent several messages in a short time. "
                    "Please wait an hour and try again."
                ),
            )
            return render(request, "public/contact.html", {"form": form}, status=429)
        if form.is_valid():
            thanks = reverse("public:contact_thanks")
            if form.is_spam:  # a bot gets the same thank-you page and nothing is stored
                return redirect(thanks)
            contact = services.submit_contact_message(
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
                language=language,
                country=form.cleaned_data["country"],
            )
            # Who has the message is public (the About page lists partners), so the address
            # may say it; the thank-you page then tells the sender who will answer.
            return redirect(f"{thanks}?to={contact.partner.slug}" if contact.partner else thanks)
    else:
        form = ContactForm(partners=partners, language=language)
    return render(request, "public/contact.html", {"form": form})


def contact_thanks(request: HttpRequest) -> HttpResponse:
    partner = PartnerOrganisation.objects.filter(slug=request.GET.get("to", "")).first()
    return render(
        request,
        "public/contact_thanks.html",
        {
            "partner": partner,
            "retention_days": settings.RETENTION_CONTACT_MESSAGE_DAYS,
        },
    )
