from django.apps import AppConfig


class MissingConfig(AppConfig):
    name = "vigil.missing"
    label = "missing"
    verbose_name = "Missing children"
