from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "microcred.api"
    label = "api"
    verbose_name = "API"
