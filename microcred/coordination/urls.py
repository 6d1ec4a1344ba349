from django.urls import path

from microcred.coordination import views

app_name = "coordination"
urlpatterns = [
    path("partner/learners/", views.learner_list, name="learner_list"),
    path("partner/learners/export/", views.learner_export, name="learner_export"),
    path("partner/learners/import/", views.import_learners, name="import_learners"),
    path("partner/learners/import/template.csv", views.import_template, name="import_template"),
    path("partner/learners/remind/", views.remind_learners, name="remind_learners"),
    path("partner/learners/<int:learner_id>/", views.learner_detail, name="learner_detail"),
    path("partner/learners/<int:learner_id>/edit/", views.learner_edit, name="learner_edit"),
]
