import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from vigil.core import audit, audit_guard
from vigil.core.models import AuditEvent


def _tamper(sql, params):
    """Simulate someone with direct database access: lift the guard, change a row. The test's
    transaction rolls all of it back, guard included."""
    audit_guard.remove(connection)
    with connection.cursor() as cur:
        cur.execute(sql, params)


@pytest.mark.django_db
def test_chain_verifies_then_names_first_tampered_entry(users, person, capsys):
    for _ in range(5):
        audit.record(action="view", actor=users["supervisor"], obj=person)
    call_command("audit", "verify")
    assert "5 entries verified" in capsys.readouterr().out

    _tamper("UPDATE core_auditevent SET actor_label = %s WHERE seq = %s", ["someone else", 3])
    with pytest.raises(CommandError, match="entry 3"):
        call_command("audit", "verify")


@pytest.mark.django_db
def test_deleted_entry_is_detected(users, person):
    for _ in range(4):
        audit.record(action="view", actor=users["supervisor"], obj=person)
    _tamper("DELETE FROM core_auditevent WHERE seq = %s", [2])
    result = audit.verify_chain()
    assert not result.ok and result.broken_seq == 2


@pytest.mark.django_db
def test_truncated_tail_is_detected(users, person):
    for _ in range(3):
        audit.record(action="view", actor=users["supervisor"], obj=person)
    _tamper("DELETE FROM core_auditevent WHERE seq = %s", [3])
    result = audit.verify_chain()
    assert not result.ok and result.broken_seq == 3


@pytest.mark.django_db
def test_database_refuses_updates_and_deletes(users, person):
    event = audit.record(action="view", actor=users["supervisor"], obj=person)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(reason="edited")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()


@pytest.mark.django_db
def test_entries_link_to_their_predecessor(users, person):
    first = audit.record(action="view", actor=users["supervisor"], obj=person)
    second = audit.record(action="view", actor=users["auditor"], obj=person, reason="checking")
    assert first.prev_hash == audit.GENESIS_HASH
    assert second.prev_hash == first.hash
    assert second.person_id == person.pk
    assert second.force_id == person.force_id
