"""The audit trail: append-only and tamper-evident.

Each entry's hash covers its own fields and the previous entry's hash, so changing, removing or
reordering any entry breaks the chain from that point on. `verify_chain` recomputes it and names
the first broken entry. Writers take a lock on the single AuditChainHead row so two appends can
never both claim the same predecessor (SQLite serialises writers with IMMEDIATE transactions).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from vigil.core.models import AuditChainHead, AuditEvent

__all__ = ["AuditEvent", "record", "verify_chain", "diff", "snapshot", "origin_from_request"]

GENESIS_HASH = "0" * 64
HASHED_FIELDS = (
    "seq", "at", "actor_id", "actor_label", "action", "object_type", "object_id", "object_label",
    "person_id", "force_id", "reason", "changes", "ip", "user_agent", "path", "prev_hash",
)


def _json_default(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def jsonable(value: Any) -> Any:
    """Round-trip through JSON so what is hashed is exactly what the JSON column stores."""
    return json.loads(json.dumps(value, default=_json_default, sort_keys=True))


def compute_hash(fields: dict[str, Any]) -> str:
    payload = {name: fields[name] for name in HASHED_FIELDS}
    at = payload["at"]
    if isinstance(at, datetime):
        payload["at"] = at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=_json_default)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _event_fields(event: AuditEvent) -> dict[str, Any]:
    return {name: getattr(event, name) for name in HASHED_FIELDS}


@dataclass(frozen=True)
class Origin:
    """Where an action came from: filled from the request by `origin_from_request`."""

    ip: str = ""
    user_agent: str = ""
    path: str = ""


def origin_from_request(request) -> Origin:
    if request is None:
        return Origin()
    return Origin(
        ip=(request.META.get("REMOTE_ADDR") or "")[:45],
        user_agent=(request.META.get("HTTP_USER_AGENT") or "")[:300],
        path=request.get_full_path()[:500],
    )


def record(
    *,
    action: str,
    actor=None,
    obj=None,
    object_type: str = "",
    object_id: str | int = "",
    object_label: str = "",
    person_id: int | None = None,
    force_id: int | None = None,
    reason: str = "",
    changes: dict | None = None,
    origin: Origin | None = None,
    request=None,
) -> AuditEvent:
    """Append one audit entry. Call inside the service's transaction so both commit or neither."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        object_label = object_label or str(obj)[:300]
        if person_id is None and obj._meta.label_lower == "people.person":
            person_id = obj.pk
        if force_id is None:
            force_id = getattr(obj, "force_id", None)
    if origin is None:
        origin = origin_from_request(request)
    actor_id = getattr(actor, "pk", None)
    actor_label = ""
    if actor is not None and actor_id is not None:
        actor_label = f"{actor.username} ({actor.display_name})"[:200]
    if force_id is None and actor is not None:
        force_id = getattr(actor, "force_id", None)
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            seq=head.last_seq + 1,
            at=timezone.now(),
            actor_id=actor_id,
            actor_label=actor_label,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            object_label=object_label[:300],
            person_id=person_id,
            force_id=force_id,
            reason=reason,
            changes=jsonable(changes or {}),
            ip=origin.ip,
            user_agent=origin.user_agent,
            path=origin.path,
            prev_hash=head.last_hash,
        )
        event.hash = compute_hash(_event_fields(event))
        event.save()
        head.last_seq = event.seq
        head.last_hash = event.hash
        head.save(update_fields=["last_seq", "last_hash"])
    return event


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Changed fields only, as {field: [before, after]}."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def snapshot(obj, fields) -> dict[str, Any]:
    return jsonable({name: getattr(obj, name) for name in fields})


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    problem: str = ""


def verify_chain(chunk_size: int = 5000) -> VerifyResult:
    """Recompute every hash in sequence order; stop at the first entry that does not fit."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=chunk_size):
        if event.seq != expected_seq:
            return VerifyResult(False, checked, expected_seq, f"entry {expected_seq} is missing")
        if event.prev_hash != expected_prev:
            return VerifyResult(False, checked, event.seq, "does not follow the previous entry")
        if compute_hash(_event_fields(event)) != event.hash:
            return VerifyResult(False, checked, event.seq, "its contents were changed after it was written")
        expected_prev = event.hash
        expected_seq += 1
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_seq != checked or head.last_hash != expected_prev):
        return VerifyResult(False, checked, checked + 1, "entries after this point were removed")
    return VerifyResult(True, checked)
