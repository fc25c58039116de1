"""Links between registrants and children (rule I7, domain.md C6).

A link is raised when a registrant's notified home address, or a household-with-child
notification, matches an address where a child lives now; when a child is seen at the address on
a home visit; when a child comes to live at a registrant's address; and when a registrant is
linked to an incident (or missing episode) involving a child. Each new link gives the offender
manager a high-priority task; the child's record shows the link to users with the offender
capability (timeline.py). Links are idempotent: the same child and event never raise twice.

The stored detail and the task never name the child (their record may be restricted, and the
task and the registrant's page reach people not named on it): the child is kept as `child` and
pages name them per reader ("A restricted record" to those not named on it).
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from vigil.core import audit, clock
from vigil.offenders import conf, deadlines
from vigil.offenders.models import ChildLink, Registrant
from vigil.offenders.rules import add_months
from vigil.people.models import Person

log = logging.getLogger(__name__)
K = ChildLink.Kind


def children_at(address_id: int, on: date, *, exclude_person_id: int | None = None) -> list[Person]:
    """People living at the address on `on` (current PersonAddress) who are under 18 that day."""
    born_after = add_months(on, -12 * 18) - timedelta(days=1)
    qs = (Person.objects.live().filter(addresses__address_id=address_id, date_of_birth__gt=born_after)
          .filter(Q(addresses__from_date__isnull=True) | Q(addresses__from_date__lte=on))
          .filter(Q(addresses__to_date__isnull=True) | Q(addresses__to_date__gte=on)).distinct())
    if exclude_person_id:
        qs = qs.exclude(pk=exclude_person_id)
    return [p for p in qs.order_by("pk") if p.is_child(on)]


def _link(registrant, *, child, kind, address, source_type, source_id, detail, by) -> ChildLink | None:
    """Create the link and its task, unless this child and event are already linked."""
    from vigil.offenders.services import _task

    existing = ChildLink.objects.filter(registrant=registrant, source_type=source_type, source_id=source_id)
    existing = existing.filter(child__isnull=True) if child is None else existing.filter(child=child)
    if existing.exists():
        return None
    link = ChildLink.objects.create(registrant=registrant, child=child, kind=kind, address=address,
                                    source_type=source_type, source_id=source_id, detail=detail[:500])
    who = "a child" if child else "an unidentified child"
    named = " The registrant's record names the child." if child else ""
    due = clock.add_elapsed(timezone.now(), timedelta(hours=conf.child_link_hours()))
    link.task = _task(
        registrant, deadlines.CHILD_LINK, f"Child link: {registrant.person.full_name} and {who}", due, by=by,
        high=True, detail=f"{link.get_kind_display()}. {detail}{named} Review the risk management plan and "
                          "consider a safeguarding referral to children's social care (rule I7).")
    link.save(update_fields=["task"])
    audit.record(action=audit.AuditEvent.Action.CREATE, actor=by, obj=link, force_id=registrant.force_id,
                 person_id=child.pk if child else registrant.person_id,
                 changes={"registrant": [None, registrant.pk], "kind": [None, kind], "source": [None, source_type]})
    return link


def check_address(registrant, address, *, by, source_type: str, source_id: int, on: date) -> list[ChildLink]:
    made = []
    for child in children_at(address.pk, on, exclude_person_id=registrant.person_id):
        link = _link(registrant, child=child, kind=K.ADDRESS, address=address, source_type=source_type,
                     source_id=source_id, detail=f"The child (age {child.age(on)}) lives at {address}.", by=by)
        if link:
            made.append(link)
    return made


def household(registrant, notification, *, by) -> list[ChildLink]:
    """A household-with-child notification always raises a link: with each child recorded at the
    address, or one to identify the child when none is recorded."""
    on = clock.to_london(notification.stay_began_at).date()
    address = notification.address
    made = []
    children = children_at(address.pk, on, exclude_person_id=registrant.person_id)
    for child in children:
        link = _link(registrant, child=child, kind=K.HOUSEHOLD, address=address, source_type="notification",
                     source_id=notification.pk, by=by,
                     detail=f"Staying at {address}, where the child (age {child.age(on)}) lives.")
        if link:
            made.append(link)
    if not children:
        link = _link(registrant, child=None, kind=K.HOUSEHOLD, address=address, source_type="notification",
                     source_id=notification.pk, by=by,
                     detail=f"Staying at {address}, a household with a child; no child is recorded there: identify them.")
        if link:
            made.append(link)
    return made


def visit(registrant, home_visit, children, *, by) -> list[ChildLink]:
    made = []
    on = clock.to_london(home_visit.visited_at).date()
    for child in children:
        link = _link(registrant, child=child, kind=K.VISIT, address=home_visit.address, source_type="visit",
                     source_id=home_visit.pk, by=by,
                     detail=f"The child (age {child.age(on)}) seen at the address on {on:%d %B %Y}.")
        if link:
            made.append(link)
    if not children:
        link = _link(registrant, child=None, kind=K.VISIT, address=home_visit.address, source_type="visit",
                     source_id=home_visit.pk, by=by,
                     detail=f"Child seen at the address on {on:%d %B %Y}: {home_visit.children_details}")
        if link:
            made.append(link)
    return made


def child_moved_in(person_address, *, by=None) -> list[ChildLink]:
    """A child's new current address is a registrant's notified home address."""
    person = person_address.person
    on = timezone.localdate()
    if not person_address.is_current(on) or not person.is_child(on) or person.merged_into_id:
        return []
    made = []
    for registrant in Registrant.objects.active().filter(home_address_id=person_address.address_id).exclude(
            person_id=person.pk).select_related("person", "manager", "team", "force"):
        link = _link(registrant, child=person, kind=K.ADDRESS, address=person_address.address,
                     source_type="person_address", source_id=person_address.pk, by=by,
                     detail=f"The child (age {person.age(on)}) now lives at {person_address.address}, "
                            "the registrant's notified home address.")
        if link:
            made.append(link)
    return made


def incident(incident_id: int, *, by=None) -> list[ChildLink]:
    """A registrant linked to an incident that involves a child (children found by screening or
    linked by an officer, and any linked person under 18 on the day)."""
    from vigil.incidents.models import Incident

    try:
        event = Incident.objects.get(pk=incident_id)
    except Incident.DoesNotExist:
        return []
    on = clock.to_london(event.occurred_at).date()
    people = {link.person_id: link.person for link in event.people.select_related("person")}
    registrants = list(Registrant.objects.active().filter(person_id__in=people)
                       .select_related("person", "manager", "team", "force"))
    if not registrants:
        return []
    children = {p.pk: p for p in people.values() if p.is_child(on)}
    unidentified = False
    for row in event.children.select_related("person"):
        if row.person_id:
            children[row.person_id] = row.person
        else:
            unidentified = True
    made = []
    for registrant in registrants:
        for child in children.values():
            if child.pk == registrant.person_id:
                continue
            link = _link(registrant, child=child, kind=K.INCIDENT, address=event.address, source_type="incident",
                         source_id=event.pk, by=by,
                         detail=f"Both linked to incident {event.reference} on {on:%d %B %Y}.")
            if link:
                made.append(link)
        if unidentified:
            link = _link(registrant, child=None, kind=K.INCIDENT, address=event.address, source_type="incident",
                         source_id=event.pk, by=by,
                         detail=f"Linked to incident {event.reference} on {on:%d %B %Y}, which involves a child "
                                "not yet identified.")
            if link:
                made.append(link)
    return made


def missing_episode(*, episode_id: int, child, person_ids=(), address_ids=(), label: str = "", by=None) -> list[ChildLink]:
    """A missing child linked to a registrant: the registrant is among `person_ids` (e.g. found with
    them), or the child was last seen or found at a registrant's notified home address."""
    on = timezone.localdate()
    if not child.is_child(on) and not child.is_child(on - timedelta(days=365)):
        return []
    registrants = Registrant.objects.active().filter(Q(person_id__in=list(person_ids))
                                                     | Q(home_address_id__in=list(address_ids)))
    made = []
    for registrant in registrants.exclude(person_id=child.pk).select_related("person", "manager", "team", "force"):
        at_home = registrant.home_address_id in set(address_ids)
        detail = ("Missing episode of the child: "
                  + ("last seen or found at the registrant's notified home address" if at_home else "linked to it")
                  + (f" ({label})" if label else "") + ".")
        link = _link(registrant, child=child, kind=K.MISSING, address=registrant.home_address if at_home else None,
                     source_type="missing", source_id=episode_id, by=by, detail=detail)
        if link:
            made.append(link)
    return made


def on_missing_episode(sender, instance, created=False, **kwargs):
    """Signal receiver for the missing-persons module's episodes (vigil.missing): a child last seen
    or found at a registrant's home address."""
    if kwargs.get("raw"):
        return
    addresses = [a for a in (getattr(instance, "last_seen_address_id", None),
                             getattr(instance, "found_address_id", None)) if a]
    if addresses and getattr(instance, "person_id", None):
        _safely(_missing_scan, instance.pk, instance.person_id, tuple(addresses))


def _missing_scan(episode_id, child_id, addresses):
    child = Person.objects.filter(pk=child_id).first()
    if child is not None:
        missing_episode(episode_id=episode_id, child=child, address_ids=addresses)


def _safely(fn, *args):
    """Run a link scan in its own transaction after the triggering write has committed; a failure
    is logged (the `vigil rso scan-links` job catches up) and never undoes the other module's write."""
    def run():
        try:
            with transaction.atomic():
                fn(*args)
        except Exception:  # noqa: BLE001 - must not break the caller's request
            log.exception("child link scan failed: %s%r", fn.__name__, args)
    transaction.on_commit(run)


def on_incident_person(sender, instance, created, **kwargs):
    if created and not kwargs.get("raw"):
        _safely(incident, instance.incident_id)


def on_incident_child(sender, instance, created, **kwargs):
    if not kwargs.get("raw"):
        _safely(incident, instance.incident_id)


def on_person_address(sender, instance, created, **kwargs):
    if created and not kwargs.get("raw"):
        _safely(child_moved_in, instance)


def scan_all(*, since=None) -> int:
    """Catch-up job: every incident with a registrant linked (since a date, if given), and every
    child currently living at a registrant's notified address."""
    from vigil.incidents.models import IncidentPerson
    from vigil.people.models import PersonAddress

    count = 0
    rows = IncidentPerson.objects.filter(person__registrant__ended_on__isnull=True)
    if since is not None:
        rows = rows.filter(incident__occurred_at__gte=since)
    for incident_id in rows.values_list("incident_id", flat=True).distinct().iterator():
        with transaction.atomic():
            count += len(incident(incident_id))
    homes = Registrant.objects.active().filter(home_address__isnull=False).values_list("home_address_id", flat=True)
    for link in PersonAddress.objects.filter(address_id__in=homes, to_date__isnull=True).select_related(
            "person", "address").iterator():
        with transaction.atomic():
            count += len(child_moved_in(link))
    return count
