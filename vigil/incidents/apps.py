from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "vigil.incidents"
    label = "incidents"
    verbose_name = "Incidents and safeguarding"

    def ready(self) -> None:
        from vigil.core import context_processors, views
        from vigil.incidents import deadlines, timeline  # noqa: F401  (register deadline kinds and timeline)
        from vigil.incidents.access import register_capabilities
        from vigil.incidents.nav import NAV_ITEMS
        from vigil.incidents.panels import child_to_notice_panel

        register_capabilities()
        if child_to_notice_panel not in views.MY_WORK_PANELS:
            views.MY_WORK_PANELS.append(child_to_notice_panel)
        for item in NAV_ITEMS:
            if item not in context_processors.NAV_ITEMS:
                context_processors.NAV_ITEMS.append(item)
        _register_seed_extension()


def _register_seed_extension() -> None:
    """Add our demo data to `vigil seed` when the seed package is installed."""
    try:
        import vigil.seed as seed
    except ImportError:
        return
    register = getattr(seed, "register", None)
    if register is None:
        return
    from vigil.incidents.seed import seed_incidents

    register(seed_incidents)
