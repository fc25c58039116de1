"""Take the arrested parent's or carer's name out of stored screening reasons.

Screening stored "Child of arrested person <name>, aged N" on the child's row and in the incident's
screening reasons, and both are shown to everyone who can see the incident, even when that person's
record is restricted. They become "Child of an arrested person, aged N"; the person goes into
related_person where the incident still shows who it was (exactly one arrested person there is the
child's parent or carer), and pages name them per reader. One way: the names are not put back.
"""

import re

from django.db import migrations

PREFIX = "Child of arrested person "
OLD = re.compile(r"^Child of arrested person .*, aged (\d+)")
ALSO = " (also in the narrative)"


def nameless(text: str) -> str:
    if not text.startswith(PREFIX):
        return text
    match = OLD.match(text)
    new = f"Child of an arrested person, aged {match.group(1)}" if match else "Child of an arrested person"
    return new + (ALSO if text.endswith(ALSO) else "")


def _parent(apps, row):
    """The one arrested person on the row's incident who is the child's parent or carer, or None."""
    if row.person_id is None:
        return None
    IncidentPerson = apps.get_model("incidents", "IncidentPerson")
    Relationship = apps.get_model("people", "Relationship")
    arrested = list(IncidentPerson.objects.filter(incident_id=row.incident_id, role="arrested")
                    .values_list("person_id", flat=True))
    parents = set(Relationship.objects.filter(person_id__in=arrested, other_id=row.person_id,
                                              kind__in=["parent", "carer"]).values_list("person_id", flat=True))
    parents |= set(Relationship.objects.filter(person_id=row.person_id, other_id__in=arrested, kind="child")
                   .values_list("other_id", flat=True))
    return parents.pop() if len(parents) == 1 else None


def forwards(apps, schema_editor):
    IncidentChild = apps.get_model("incidents", "IncidentChild")
    Incident = apps.get_model("incidents", "Incident")
    # Read first, then write: SQLite does not isolate a running cursor from writes to its table.
    for row in list(IncidentChild.objects.filter(reason__startswith=PREFIX)):
        IncidentChild.objects.filter(pk=row.pk).update(reason=nameless(row.reason)[:300],
                                                       related_person_id=_parent(apps, row))
    # The reasons list is JSON, which SQLite cannot search inside: read the flagged incidents.
    changed = [(pk, reasons) for pk, reasons in Incident.objects.filter(child_flag=True)
               .values_list("pk", "screening_reasons").iterator(chunk_size=2000)
               if any(isinstance(r, str) and r.startswith(PREFIX) for r in reasons or [])]
    for pk, reasons in changed:
        Incident.objects.filter(pk=pk).update(screening_reasons=[nameless(r) if isinstance(r, str) else r
                                                                 for r in reasons])


class Migration(migrations.Migration):

    dependencies = [
        ("incidents", "0003_incidentchild_related_person"),
        ("people", "0002_search_index"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
