from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "SITE_NAME": "Microcred",
        "DEV_MAILBOX": settings.DEV_MAILBOX,
        "TEXT_SIZE": "large" if request.COOKIES.get("text_size") == "large" else "normal",
    }
