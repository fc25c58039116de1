"""Placeholder, filled in below."""


def seed_offenders(ctx) -> None:
    return None
