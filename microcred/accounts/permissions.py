from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from microcred.accounts.roles import Role

View = Callable[..., HttpResponse]


def role_required(*roles: Role) -> Callable[[View], View]:
    """Log-in first; then 403 unless the user holds one of `roles`."""

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not any(request.user.has_role(role) for role in roles):  # type: ignore[union-attr]
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
