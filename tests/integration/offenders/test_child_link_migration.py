"""The data migration that takes children's names out of child links and their tasks stored before
the fix (vigil/offenders/migrations/0003)."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from vigil.core import services as core_services
from vigil.core.models import Task
from vigil.offenders.models import ChildLink

pytestmark = pytest.mark.django_db
migration = importlib.import_module("vigil.offenders.migrations.0003_child_link_details_without_names")

REVIEW = " Review the risk management plan and consider a safeguarding referral to children's social care (rule I7)."


@pytest.fixture
def old_link(make_registrant, child_at, manager):
    """Make a link as the old code stored it: the child's name in its detail and its task."""
    registrant = make_registrant()

    def make(kind, detail, *, child=None, title=None, source_id=1):
        child = child or child_at(forenames="Tilly", surname="Marchbank")[0]
        label = ChildLink.Kind(kind).label
        task = core_services.create_task(
            force=registrant.force, kind="rso.child_link", due_at=timezone.now() + timedelta(hours=24),
            title=title or f"Child link: {registrant.person.full_name} and {child.full_name}", owner=manager,
            person=registrant.person, subject=registrant, detail=f"{label}. {detail}{REVIEW}")
        return ChildLink.objects.create(registrant=registrant, child=child, kind=kind, source_type="test",
                                        source_id=source_id, detail=detail, task=task)
    make.registrant = registrant
    return make


def _after(link):
    link.refresh_from_db()
    link.task.refresh_from_db()
    return link


def test_every_old_wording_loses_the_name_and_keeps_the_rest(old_link):
    name = "Tilly MARCHBANK"
    made = [
        ("address", f"{name} (age 9) lives at 4 Mill Lane, Midtown.", "The child (age 9) lives at 4 Mill Lane, Midtown."),
        ("household", f"Staying at 4 Mill Lane, Midtown, where {name} (age 9) lives.",
         "Staying at 4 Mill Lane, Midtown, where the child (age 9) lives."),
        ("visit", f"{name} (age 9) seen at the address on 03 May 2026.",
         "The child (age 9) seen at the address on 03 May 2026."),
        ("address", f"{name} (age 9) now lives at 4 Mill Lane, the registrant's notified home address.",
         "The child (age 9) now lives at 4 Mill Lane, the registrant's notified home address."),
        ("missing", f"Missing episode of {name}: last seen or found at the registrant's notified home address.",
         "Missing episode of the child: last seen or found at the registrant's notified home address."),
        ("address", f"{name} lives at the registrant's notified home address.",  # the seed's wording
         "The child lives at the registrant's notified home address."),
        ("incident", "Both linked to incident MS-1 on 03 May 2026.", "Both linked to incident MS-1 on 03 May 2026."),
    ]
    rows = [old_link(kind, old, source_id=n) for n, (kind, old, _new) in enumerate(made)]

    migration.forwards(apps, None)

    registrant = old_link.registrant.person.full_name
    for link, (kind, _old, new) in zip(rows, made, strict=True):
        link = _after(link)
        assert link.detail == new, kind
        assert link.task.title == f"Child link: {registrant} and a child"
        assert link.task.detail == f"{ChildLink.Kind(kind).label}. {new}{REVIEW}"
    migration.forwards(apps, None)  # a second run changes nothing
    assert [_after(link).detail for link in rows] == [new for _k, _o, new in made]


def test_a_child_renamed_since_still_loses_the_old_name(old_link, child_at):
    kid = child_at(forenames="Tilly", surname="Marchbank")[0]
    link = old_link("visit", "Tilly ASHBY (age 9) seen at the address on 03 May 2026.", child=kid,
                    title="Child link: Reece HOLLOWAY and Tilly ASHBY")
    migration.forwards(apps, None)
    link = _after(link)
    assert link.detail == "The child (age 9) seen at the address on 03 May 2026."
    assert link.task.title == "Child link: Reece HOLLOWAY and a child" and "ASHBY" not in link.task.detail


def test_an_unknown_wording_has_the_childs_name_taken_out(old_link):
    link = old_link("address", "Tilly MARCHBANK moved in; Tilly's school told us.")
    migration.forwards(apps, None)
    link = _after(link)
    assert link.detail == "the child moved in; [name removed]'s school told us."
    assert "marchbank" not in link.task.detail.lower() and "marchbank" not in link.task.title.lower()


def test_a_task_whose_link_is_gone_is_cleaned_by_its_shape(old_link, manager):
    registrant = old_link.registrant
    task = core_services.create_task(
        force=registrant.force, kind="rso.child_link", due_at=timezone.now() + timedelta(hours=24), owner=manager,
        title=f"Child link: {registrant.person.full_name} and Tilly MARCHBANK", person=registrant.person,
        detail=f"Household-with-child notification. Staying at 4 Mill Lane, where Tilly MARCHBANK (age 9) lives.{REVIEW}")
    other = core_services.create_task(
        force=registrant.force, kind="rso.child_link", due_at=timezone.now() + timedelta(hours=24), owner=manager,
        title="Child link: Reece HOLLOWAY and an unidentified child", person=registrant.person,
        detail="Child seen at the address on 03 May 2026: toddler")
    migration.forwards(apps, None)
    task.refresh_from_db()
    assert task.title == f"Child link: {registrant.person.full_name} and a child"
    assert task.detail == f"Household-with-child notification. Staying at 4 Mill Lane, where the child (age 9) lives.{REVIEW}"
    assert Task.objects.get(pk=other.pk).detail == "Child seen at the address on 03 May 2026: toddler"
