"""Timeline entries: a child's record shows links to registered sex offenders, and a registrant's
record their notifications, visits, assessments and breaches - only to users with the offender
capability in the same force (rule I7: "cross-references the child's records")."""

from django.urls import reverse

from vigil.core.timeline import TimelineEntry, as_datetime, register
from vigil.offenders.access import OffenderCap, police_can
from vigil.people.access import HiddenPerson, hidden_people


def _allowed(person, user) -> bool:
    return police_can(user, OffenderCap.VIEW) and user.force_id == person.force_id


@register
def child_link_entries(person, user):
    if not _allowed(person, user):
        return
    rows = list(person.rso_child_links.select_related("registrant__person"))
    # The registrant's record may be restricted too: no name, and no link to a page that would 404.
    hidden = hidden_people(user, [link.registrant.person_id for link in rows if link.registrant.person.restricted])
    for link in rows:
        registrant = link.registrant
        shown = registrant.person_id not in hidden
        yield TimelineEntry(link.found_at, "Offender management",
                            "Linked to registered sex offender "
                            + (registrant.person.full_name if shown else HiddenPerson.full_name),
                            f"{link.get_kind_display()}. {link.detail}",
                            reverse("offenders:detail", args=[registrant.pk]) if shown else "")


@register
def registrant_entries(person, user):
    if not _allowed(person, user):
        return
    from vigil.offenders.models import Registrant

    registrant = Registrant.objects.filter(person=person).first()
    if registrant is None:
        return
    url = reverse("offenders:detail", args=[registrant.pk])
    yield TimelineEntry(as_datetime(registrant.managed_from), "Offender management",
                        "Managed as a registered sex offender", f"ViSOR {registrant.visor_ref or 'not recorded'}", url)
    for n in registrant.notifications.all()[:50]:
        yield TimelineEntry(n.notified_at, "Offender management", n.get_kind_display(), n.station, url)
    for v in registrant.visits.all()[:50]:
        yield TimelineEntry(v.visited_at, "Offender management", f"Home visit: {v.get_outcome_display()}",
                            v.get_kind_display(), url)
    for r in registrant.risk_assessments.all()[:50]:
        yield TimelineEntry(as_datetime(r.assessed_on), "Offender management",
                            f"Risk assessment ({r.get_tool_display()}): {r.get_level_display()}", "", url)
    for b in registrant.breaches.all()[:50]:
        yield TimelineEntry(b.opened_at, "Offender management", f"Breach (s.91): {b.get_kind_display()}",
                            b.get_outcome_display() if b.outcome else "Open", url)
