"""Registry of deadline kinds. Each module registers the kinds of task it creates, with the rule
or policy that sets the due time, so My work can explain every deadline it shows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DeadlineKind:
    code: str
    label: str
    source: str = ""  # statute, APP page or local policy behind the due time
    statutory: bool = False


_KINDS: dict[str, DeadlineKind] = {}


def register(kind: DeadlineKind) -> DeadlineKind:
    existing = _KINDS.get(kind.code)
    if existing is not None and existing != kind:
        raise ValueError(f"deadline kind {kind.code!r} registered twice with different details")
    _KINDS[kind.code] = kind
    return kind


def get(code: str) -> DeadlineKind:
    try:
        return _KINDS[code]
    except KeyError:
        raise ValueError(f"unknown deadline kind {code!r}") from None


def all_kinds() -> list[DeadlineKind]:
    return sorted(_KINDS.values(), key=lambda k: k.code)


GENERAL = register(DeadlineKind("general", "Action", source="Set by the person who created it"))
MARKER_REVIEW = register(DeadlineKind("people.marker_review", "Warning marker review", source="Force policy"))
