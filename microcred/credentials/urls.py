from django.urls import path

from microcred.credentials import (
    views,
    views_issuer,
    views_oid4vci,
    views_trust,
    views_wallet,
    views_wallet_metadata,
)
from microcred.credentials.issuer import PARTNER_PATH

app_name = "credentials"
urlpatterns = [
    # The busiest first: the page a certificate's QR code opens (microcred/urls.py).
    path("verify/<uuid:credential_id>/", views_wallet.verify_issued, name="verify_issued"),
    path(".well-known/did.json", views.did_document, name="did_document"),
    path(f"{PARTNER_PATH}/<slug:slug>/did.json", views.partner_did_document,
         name="partner_did_document"),
    path("credentials/status/<int:list_id>", views.status_list, name="status_list"),
    path("credentials/status/<int:list_id>/token", views_wallet_metadata.token_status_list_view,
         name="token_status_list"),
    path("credentials/types/<slug:kind>/<slug:version>", views_wallet_metadata.sd_jwt_vc_type,
         name="sd_jwt_vc_type"),
    path(".well-known/jwt-vc-issuer", views_wallet_metadata.jwt_vc_issuer,
         name="jwt_vc_issuer"),
    path(".well-known/openid-credential-issuer", views_oid4vci.credential_issuer_metadata,
         name="oid4vci_issuer_metadata"),
    path(".well-known/oauth-authorization-server", views_oid4vci.authorization_server_metadata,
         name="oid4vci_as_metadata"),
    path("oid4vci/token", views_oid4vci.token, name="oid4vci_token"),
    path("oid4vci/nonce", views_oid4vci.nonce, name="oid4vci_nonce"),
    path("oid4vci/credential", views_oid4vci.credential, name="oid4vci_credential"),
    path("contexts/annex1/v1", views.annex1_context, name="annex1_context"),
    path("credentials/", views_wallet.wallet, name="wallet"),
    path("credentials/<uuid:credential_id>.json", views_wallet.download_json, name="json"),
    path("credentials/<uuid:credential_id>.pdf", views_wallet.download_pdf, name="pdf"),
    path("credentials/<uuid:credential_id>-elm.json", views_wallet.download_elm, name="elm"),
    path("credentials/<uuid:credential_id>/share/", views_wallet.toggle_share, name="share"),
    path("credentials/<uuid:credential_id>/eu-wallet/", views_wallet.add_to_eu_wallet,
         name="eu_wallet"),
    path("verify/", views_wallet.verify, name="verify"),
    path("c/<str:token>/", views_wallet.shared, name="shared"),
    path("staff/credentials/", views_issuer.issuer_home, name="issuer"),
    path("staff/credentials/issue/", views_issuer.issue_selected, name="issue_selected"),
    path("staff/credentials/<uuid:credential_id>/revoke/", views_issuer.revoke, name="revoke"),
    path("staff/trust/", views_trust.trust_list, name="trust_list"),
    path("staff/trust/add/", views_trust.trust_edit, name="trust_add"),
    path("staff/trust/<int:entry_id>/", views_trust.trust_edit, name="trust_edit"),
    path("staff/trust/<int:entry_id>/remove/", views_trust.trust_remove, name="trust_remove"),
    path("staff/trust/import/", views_trust.trust_import, name="trust_import"),
]
