from django.urls import path

from microcred.accounts import views, views_privacy

app_name = "accounts"
urlpatterns = [
    path("account/", views.account_home, name="home"),
    path("account/profile/", views.profile_edit, name="profile"),
    path("account/data/", views_privacy.data_page, name="data"),
    path("account/data/download/", views_privacy.data_download, name="data_download"),
    path("account/consent/", views_privacy.consent, name="consent"),
    path("account/delete/", views_privacy.delete_account, name="delete"),
    path("account/confirm-it-is-you/", views_privacy.reauthenticate_by_code,
         name="reauthenticate"),
    path("account/deleted/", views_privacy.account_deleted, name="deleted"),
    path("language/", views.set_language, name="set_language"),
]
