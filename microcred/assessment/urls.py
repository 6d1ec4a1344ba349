from django.urls import path, re_path

from microcred.assessment import views, views_staff

app_name = "assessment"
urlpatterns = [
    re_path(r"^course/(?P<code>M\d{2})/test/$", views.overview, name="overview"),
    re_path(r"^course/(?P<code>M\d{2})/test/start/$", views.start, name="start"),
    path("test/<int:attempt_id>/<int:number>/", views.question, name="question"),
    path("test/<int:attempt_id>/review/", views.review, name="review"),
    path("test/<int:attempt_id>/submit/", views.submit, name="submit"),
    path("test/<int:attempt_id>/result/", views.result, name="result"),
    re_path(r"^staff/tests/(?P<code>M\d{2})/statistics/$", views_staff.statistics,
            name="statistics"),
    path("staff/tests/import/", views_staff.import_questions, name="import_questions"),
    path("staff/tests/import/confirm/", views_staff.confirm_import, name="confirm_import"),
    re_path(r"^staff/tests/(?P<code>M\d{2})/export/moodle\.xml$", views_staff.export_questions,
            name="export_moodle_xml"),
    re_path(r"^staff/tests/(?P<code>M\d{2})/export/(?P<language>[a-z]{2})\.gift$",
            views_staff.export_questions, name="export_gift"),
    path("partner/learners/<int:learner_id>/tests/", views_staff.learner_attempts,
         name="learner_attempts"),
    path("partner/learners/<int:learner_id>/tests/<int:attempt_id>/supervision/",
         views_staff.set_supervision, name="set_supervision"),
    path("partner/learners/<int:learner_id>/tests/extra-time/", views_staff.set_accommodation,
         name="set_accommodation"),
]
