from django.urls import path

from microcred.accounts import views

app_name = "accounts"
urlpatterns = [
    path("account/", views.account_home, name="home"),
    path("account/profile/", views.profile_edit, name="profile"),
    path("language/", views.set_language, name="set_language"),
    path("partner/learners/", views.learner_list, name="learner_list"),
    path("partner/learners/<int:learner_id>/", views.learner_detail, name="learner_detail"),
    path("partner/learners/<int:learner_id>/edit/", views.learner_edit, name="learner_edit"),
]
