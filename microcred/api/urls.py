from django.urls import path
from ninja import NinjaAPI

from microcred.api import vcapi
from microcred.api.credentials import router as credentials_router

api = NinjaAPI(
    title="Microcred API",
    version="1",
    description="Verify EU micro-credentials (W3C VC 2.0, Open Badges 3.0, eddsa-rdfc-2022).",
    urls_namespace="api",
    docs_url=None,  # the interactive docs load scripts from a CDN, which our CSP forbids
)
api.add_router("/credentials", credentials_router)

urlpatterns = [
    path("api/", api.urls),
    # The W3C VC API paths, at the site root where standard clients and the W3C test suites look.
    path("credentials/verify", vcapi.verify_credential, name="vcapi-verify-credential"),
    path("presentations/verify", vcapi.verify_presentation, name="vcapi-verify-presentation"),
]
