"""The audit table refuses UPDATE, DELETE (and TRUNCATE on PostgreSQL) at the database (ADR 0003).

Anyone able to drop a trigger can still tamper; `vigil audit verify` catches that through the hash chain.
"""

from django.db import migrations

from vigil.core import audit_guard


def forwards(apps, schema_editor):
    audit_guard.install(schema_editor.connection)


def backwards(apps, schema_editor):
    audit_guard.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
