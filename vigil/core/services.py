"""Writes for tasks (deadlines). Each is one transaction with its audit entry."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from vigil.core import audit, deadlines
from vigil.core.models import Task


def create_task(
    *, force, kind: str, title: str, due_at: datetime, by=None, owner=None, team=None, organisation=None,
    person=None, subject=None, detail: str = "", priority: int = Task.Priority.NORMAL, source: str = "",
) -> Task:
    deadline_kind = deadlines.get(kind)
    if timezone.is_naive(due_at):
        raise ValidationError({"due_at": "A due time must include its time zone."})
    if owner is None and team is None and organisation is None:
        raise ValidationError("A task needs an owner, a team or a partner organisation.")
    with transaction.atomic():
        task = Task.objects.create(
            force=force, kind=kind, title=title[:300], detail=detail, due_at=due_at, owner=owner, team=team,
            organisation=organisation, person=person, subject=subject, priority=priority,
            source=source or deadline_kind.source, created_by=by,
        )
        audit.record(
            action=audit.AuditEvent.Action.CREATE, actor=by, obj=task, person_id=task.person_id,
            changes={"kind": [None, kind], "due_at": [None, due_at], "owner": [None, getattr(owner, "pk", None)]},
        )
    return task


def complete_task(*, task: Task, by, outcome: str = "", request=None) -> Task:
    with transaction.atomic():
        task = Task.objects.select_for_update().get(pk=task.pk)
        if task.status != Task.Status.OPEN:
            raise ValidationError("This task is already closed.")
        task.status = Task.Status.DONE
        task.completed_at = timezone.now()
        task.completed_by = by
        task.outcome = outcome
        task.save(update_fields=["status", "completed_at", "completed_by", "outcome"])
        audit.record(
            action=audit.AuditEvent.Action.UPDATE, actor=by, obj=task, person_id=task.person_id, request=request,
            changes={"status": ["open", "done"], "outcome": ["", outcome]},
        )
    return task


def reassign_task(*, task: Task, owner, by, reason: str, request=None) -> Task:
    if not reason.strip():
        raise ValidationError({"reason": "Say why the task is being reassigned."})
    with transaction.atomic():
        task = Task.objects.select_for_update().get(pk=task.pk)
        before = task.owner_id
        task.owner = owner
        task.save(update_fields=["owner"])
        audit.record(
            action=audit.AuditEvent.Action.UPDATE, actor=by, obj=task, person_id=task.person_id, request=request,
            reason=reason, changes={"owner": [before, owner.pk]},
        )
    return task
