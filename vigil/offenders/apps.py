from django.apps import AppConfig


class OffendersConfig(AppConfig):
    name = "vigil.offenders"
    label = "offenders"
    verbose_name = "Registered sex offenders"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from vigil.core import context_processors, views
        from vigil.offenders import deadlines, links, timeline  # noqa: F401  (register kinds and timeline)
        from vigil.offenders.access import register_capabilities
        from vigil.offenders.nav import NAV_ITEMS
        from vigil.offenders.panels import caseload_panel, oversight_panel

        register_capabilities()
        for panel in (caseload_panel, oversight_panel):
            if panel not in views.MY_WORK_PANELS:
                views.MY_WORK_PANELS.append(panel)
        for item in NAV_ITEMS:
            if item not in context_processors.NAV_ITEMS:
                context_processors.NAV_ITEMS.append(item)
        # Child links from other modules' records (rule I7), run after their transaction commits.
        from vigil.incidents.models import IncidentChild, IncidentPerson
        from vigil.people.models import PersonAddress

        post_save.connect(links.on_incident_person, sender=IncidentPerson, dispatch_uid="rso_incident_person")
        post_save.connect(links.on_incident_child, sender=IncidentChild, dispatch_uid="rso_incident_child")
        post_save.connect(links.on_person_address, sender=PersonAddress, dispatch_uid="rso_person_address")
        try:  # the missing-persons module, when installed: children last seen or found at a registrant's home
            from django.apps import apps

            episode = apps.get_model("missing", "MissingEpisode")
        except LookupError:
            episode = None
        if episode is not None:
            post_save.connect(links.on_missing_episode, sender=episode, dispatch_uid="rso_missing_episode")
        _register_seed_extension()


def _register_seed_extension() -> None:
    """Add registrants, histories and the overdue trend to `vigil seed` when the seed package is there."""
    try:
        import vigil.seed as seed
    except ImportError:
        return
    register = getattr(seed, "register", None)
    if register is None:
        return
    from vigil.offenders.seed import seed_offenders

    register(seed_offenders)
