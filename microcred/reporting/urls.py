from django.urls import path, re_path

from microcred.reporting import views

app_name = "reporting"
urlpatterns = [
    path("reporting/", views.dashboard, name="dashboard"),
    re_path(r"^reporting/export\.(?P<fmt>csv|xlsx)$", views.export, name="export"),
    path("reporting/refresh/", views.refresh, name="refresh"),
]
