"""The person timeline: every module contributes entries through one registry.

A provider is a function (person, user) -> iterable of TimelineEntry. It must only return what
`user` may see; the person page has already checked access to the person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    category: str  # e.g. "Person", "Incident", "Missing episode"
    title: str
    detail: str = ""
    url: str = ""


Provider = Callable[[object, object], Iterable[TimelineEntry]]
_PROVIDERS: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def as_datetime(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value
    return timezone.make_aware(datetime.combine(value, time.min))


def entries_for(person, user, limit: int = 200) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    for provider in _PROVIDERS:
        entries.extend(provider(person, user))
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[:limit]
