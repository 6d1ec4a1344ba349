from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

# The admin logs in through allauth, so staff get the same rate limits and MFA there.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "Microcred"

# Django tries patterns in order, and every app that does not match costs a failed search
# (issue #19). The busiest pages come first: the home page (its one pattern leads its app), the
# lesson and my learning, then the verify page a certificate's QR code opens. Order never
# changes what an address opens (core/tests/test_url_order.py).
urlpatterns = [
    path("", include("microcred.public.urls")),
    path("", include("microcred.learning.urls")),
    path("", include("microcred.credentials.urls")),
    path("", include("microcred.core.urls")),
    path("", include("microcred.accounts.urls")),
    path("", include("microcred.curriculum.urls")),
    path("", include("microcred.review.urls")),
    path("", include("microcred.assessment.urls")),
    path("", include("microcred.reporting.urls")),
    path("", include("microcred.coordination.urls")),
    path("", include("microcred.api.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
