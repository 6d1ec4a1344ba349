from django.urls import path, re_path

from microcred.curriculum import views

app_name = "curriculum"
urlpatterns = [
    path("course/preview/<int:version_id>/", views.preview_module, name="preview_module"),
    path("course/preview/<int:version_id>/<slug:slug>/", views.preview_lesson,
         name="preview_lesson"),
    path("course/preview/<int:version_id>/media/<str:name>", views.preview_media,
         name="preview_media"),
    re_path(r"^course/(?P<code>M\d{2})/media/(?P<name>[^/]+)$", views.media, name="media"),
]
