from django.conf import settings
from django.http import HttpRequest

TEXT_SIZE_COOKIE = "text_size"  # set by the learner's "Larger text" button (learning app)


def text_size(request: HttpRequest) -> str:
    """The text size the page is rendered in: "large" when the visitor asked for it."""
    return "large" if request.COOKIES.get(TEXT_SIZE_COOKIE) == "large" else "normal"


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "SITE_NAME": "Microcred",
        "DEV_MAILBOX": settings.DEV_MAILBOX,
        "TEXT_SIZE": text_size(request),
    }
