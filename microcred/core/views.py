import logging

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from microcred.core.models import OutboxMessage

logger = logging.getLogger(__name__)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness for load balancers: 200 when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("health check: database unavailable")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "core/csrf_failure.html", status=403)


def _require_dev_mailbox() -> None:
    if not settings.DEV_MAILBOX:
        raise Http404


@never_cache
def dev_mailbox(request: HttpRequest) -> HttpResponse:
    _require_dev_mailbox()
    messages = OutboxMessage.objects.only("id", "to", "subject", "sent_at")[:100]
    return render(request, "core/dev_mailbox.html", {"outbox": messages})


@never_cache
def dev_mailbox_message(request: HttpRequest, message_id: int) -> HttpResponse:
    _require_dev_mailbox()
    message = get_object_or_404(OutboxMessage, pk=message_id)
    return render(request, "core/dev_mailbox_message.html", {"message": message})
