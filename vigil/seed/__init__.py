"""Synthetic, fictional data for demos, tests and benchmarks (`vigil seed`).

Modules add their own records through EXTENSIONS: callables taking the SeedContext
(vigil.seed.context), run in order after the core seed, each in its own transaction. Register
from your AppConfig.ready() with `vigil.seed.register(fn)`. Draw randomness only from
`ctx.rng_for("<your module>")` so the data stays the same for the same --seed.
"""

from __future__ import annotations

from collections.abc import Callable

EXTENSIONS: list[Callable] = []


def register(extension: Callable) -> Callable:
    if extension not in EXTENSIONS:
        EXTENSIONS.append(extension)
    return extension
