from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "vigil.incidents"
    label = "incidents"
    verbose_name = "Incidents and safeguarding"
