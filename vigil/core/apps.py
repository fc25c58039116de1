from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "vigil.core"
    label = "core"
    verbose_name = "Vigil core"

    def ready(self) -> None:
        from vigil.core import admin_policy

        # Runs after the admin has discovered every app's admin module (admin is first in INSTALLED_APPS).
        admin_policy.apply()
