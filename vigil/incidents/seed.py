"""Demo incidents for `vigil seed` (registered in vigil.seed.EXTENSIONS by IncidentsConfig.ready)."""


def seed_incidents(ctx) -> None:
    return None
