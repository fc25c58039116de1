from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "vigil.people"
    label = "people"
    verbose_name = "People"

    def ready(self) -> None:
        from vigil.people import timeline  # noqa: F401  (registers the person timeline provider)
