from django.urls import path, re_path

from microcred.review import views, views_cohorts, views_pilot

app_name = "review"
VERSION = "review/versions/<int:version_id>/"
COHORT = "partner/cohorts/<int:cohort_id>/"

urlpatterns = [
    path("review/", views.dashboard, name="dashboard"),
    path(VERSION, views.version_detail, name="version"),
    path(VERSION + "changes/", views.changes, name="changes"),
    path(VERSION + "lessons/<slug:slug>/", views.lesson, name="lesson"),
    path(VERSION + "exam/", views.exam, name="exam"),
    path(VERSION + "decide/", views.decide, name="decide"),
    path(VERSION + "comment/", views.comment, name="comment"),
    path(VERSION + "submit/", views.submit, name="submit"),
    path(VERSION + "publish/", views.publish, name="publish"),
    path(VERSION + "withdraw/", views.withdraw, name="withdraw"),
    path(VERSION + "new-draft/", views.new_draft, name="new_draft"),
    path("review/pilot/", views_pilot.pilot_report, name="pilot_report"),
    path("review/pilot/feedback.csv", views_pilot.pilot_export, name="pilot_export"),
    path("partner/cohorts/", views_cohorts.cohort_list, name="cohorts"),
    path("partner/cohorts/new/", views_cohorts.cohort_create, name="cohort_create"),
    path(COHORT, views_cohorts.cohort_detail, name="cohort"),
    path(COHORT + "edit/", views_cohorts.cohort_edit, name="cohort_edit"),
    path(COHORT + "members/", views_cohorts.cohort_add_members, name="cohort_add_members"),
    path(COHORT + "members/<int:learner_id>/remove/", views_cohorts.cohort_remove_member,
         name="cohort_remove_member"),
    path(COHORT + "delete/", views_cohorts.cohort_delete, name="cohort_delete"),
    path("feedback/course/", views_pilot.feedback, name="course_feedback"),
    re_path(r"^feedback/(?P<code>M\d{2})/$", views_pilot.feedback, name="module_feedback"),
]
