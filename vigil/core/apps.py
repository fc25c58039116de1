from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "vigil.core"
    label = "core"
    verbose_name = "Vigil core"
