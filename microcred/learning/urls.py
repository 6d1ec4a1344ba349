from django.urls import path, re_path

from microcred.learning import views, views_offline, views_onboarding

app_name = "learning"
MODULE = r"(?P<code>M\d{2})"
LESSON = r"(?P<slug>\d{2}-[a-z0-9-]+)"

urlpatterns = [
    # The busiest first (microcred/urls.py).
    re_path(rf"^course/{MODULE}/{LESSON}/$", views.lesson, name="lesson"),
    path("learn/", views.home, name="home"),
    path("course/", views.course, name="course"),
    re_path(rf"^course/{MODULE}/$", views.module_detail, name="module"),
    re_path(rf"^course/{MODULE}/language/$", views.choose_language, name="module_language"),
    re_path(rf"^course/{MODULE}/complete/$", views.module_complete, name="module_complete"),
    re_path(rf"^course/{MODULE}/{LESSON}/check/$", views.answer_check, name="answer_check"),
    re_path(rf"^course/{MODULE}/{LESSON}/done/$", views.complete_lesson, name="complete_lesson"),
    path("course/offline-worker.js", views_offline.offline_worker, name="offline_worker"),
    re_path(rf"^course/{MODULE}/offline/$", views_offline.offline_manifest,
            name="offline_manifest"),
    re_path(rf"^course/{MODULE}/{LESSON}/done/offline/$", views_offline.complete_lesson_offline,
            name="complete_lesson_offline"),
    path("learn/continue/", views.continue_learning, name="continue"),
    path("learn/reminders/", views.set_reminders, name="reminders"),
    path("text-size/", views.text_size, name="text_size"),
    path("welcome/done/", views_onboarding.onboarding_done, name="onboarding_done"),
    path("welcome/<slug:step>/", views_onboarding.onboarding, name="onboarding"),
]
