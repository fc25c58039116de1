"""The starting list of incident types (issue 3). The system administrator maintains the list in
the admin afterwards; migration 0002 holds a frozen copy of this list."""

from vigil.incidents.models import IncidentType

TYPES = [
    ("rtc", "Road traffic collision", False),
    ("drink_drug_driving", "Drink or drug driving", False),
    ("domestic_abuse", "Domestic abuse", True),
    ("concern_for_welfare", "Concern for welfare", False),
    ("assault", "Assault", False),
    ("burglary", "Burglary", False),
    ("drugs", "Drugs", False),
    ("asb", "Anti-social behaviour", False),
    ("mental_health", "Mental health", False),
    ("sudden_death", "Sudden death", False),
    ("missing_person", "Missing person", False),
    ("sexual_offence", "Sexual offence", False),
    ("online_offence", "Online offence", False),
    ("other", "Other", False),
]


def ensure_incident_types() -> dict[str, IncidentType]:
    """Create any missing starting types (never changes ones the administrator edited)."""
    found = {}
    for order, (code, label, da) in enumerate(TYPES, start=1):
        found[code], _ = IncidentType.objects.get_or_create(
            code=code, defaults={"label": label, "is_domestic_abuse": da, "order": order * 10})
    return found
