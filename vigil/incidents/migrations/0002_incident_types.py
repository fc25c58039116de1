"""The initial maintained list of incident types (issue 3). The sysadmin edits it in the admin."""

from django.db import migrations

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


def add_types(apps, schema_editor):
    IncidentType = apps.get_model("incidents", "IncidentType")
    for order, (code, label, da) in enumerate(TYPES, start=1):
        IncidentType.objects.update_or_create(
            code=code, defaults={"label": label, "is_domestic_abuse": da, "order": order * 10}
        )


def remove_types(apps, schema_editor):
    apps.get_model("incidents", "IncidentType").objects.filter(code__in=[t[0] for t in TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial")]
    operations = [migrations.RunPython(add_types, remove_types)]
