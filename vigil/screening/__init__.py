"""Narrative child screener: does a police incident need a child safeguarding check?

Plain Python (no Django), used by the web app, the `vigil screen` command and the benchmark.
See `vigil.screening.screener` for how it decides and the sources it follows.
"""

from vigil.screening.indicators import VOCABULARY
from vigil.screening.screener import Evidence, ScreenResult, parse_date, screen

__all__ = ["VOCABULARY", "Evidence", "ScreenResult", "parse_date", "screen"]
