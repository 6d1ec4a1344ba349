from django.urls import path

from microcred.public import views, views_staff

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("news/", views.news_list, name="news_list"),
    path("news/<slug:slug>/", views.news_detail, name="news_detail"),
    path("contact/", views.contact, name="contact"),
    path("contact/thanks/", views.contact_thanks, name="contact_thanks"),
    path("partner/news/", views_staff.news_list, name="staff_news"),
    path("partner/news/new/", views_staff.news_create, name="staff_news_create"),
    path("partner/news/<int:news_id>/", views_staff.news_edit, name="staff_news_edit"),
    path("partner/messages/", views_staff.message_list, name="staff_messages"),
    path("partner/messages/<int:message_id>/", views_staff.message_detail, name="staff_message"),
    path(
        "partner/messages/<int:message_id>/status/",
        views_staff.message_status,
        name="staff_message_status",
    ),
]
