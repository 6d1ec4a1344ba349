from django.urls import path

from microcred.core import views

app_name = "core"
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("dev/mailbox/", views.dev_mailbox, name="dev_mailbox"),
    path("dev/mailbox/<int:message_id>/", views.dev_mailbox_message, name="dev_mailbox_message"),
]
