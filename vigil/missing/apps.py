from django.apps import AppConfig


class MissingConfig(AppConfig):
    name = "vigil.missing"
    label = "missing"
    verbose_name = "Missing children"

    def ready(self) -> None:
        from vigil.core import context_processors, views
        from vigil.missing import deadlines, timeline  # noqa: F401  (register deadline kinds and timeline)
        from vigil.missing.access import register_capabilities
        from vigil.missing.nav import NAV_ITEMS
        from vigil.missing.panels import PANELS

        register_capabilities()
        for panel in PANELS:
            if panel not in views.MY_WORK_PANELS:
                views.MY_WORK_PANELS.append(panel)
        # Police see the missing pages (with their own sub-navigation); partners one entry that
        # opens their return interviews (children's social care) or carers' profiles (care providers).
        for item in NAV_ITEMS:
            if item not in context_processors.NAV_ITEMS:
                context_processors.NAV_ITEMS.append(item)
        _register_seed_extension()


def _register_seed_extension() -> None:
    """Add our demo data to `vigil seed` (vigil.seed.EXTENSIONS)."""
    try:
        import vigil.seed as seed
    except ImportError:
        return
    from vigil.missing.seed import seed_missing

    seed.register(seed_missing)
