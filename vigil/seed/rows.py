"""Fast batched inserts for the big seed tables.

Django's bulk_create spends most of its time compiling SQL value by value (measured: about
4,700 rows/s on this machine, so `force` scale would take over 5 minutes; docs/performance.md).
For the six big tables the seed builds plain tuples and writes them with one prepared INSERT
per batch (executemany) on SQLite, or COPY on PostgreSQL, inside the caller's transaction.
Columns and conversions come from the models' own fields, so a new NOT NULL column or a changed
type fails loudly instead of writing something the services would not.
"""

from __future__ import annotations

from django.db import connection

from vigil.core.models import AccessGrant
from vigil.people.models import Address, Marker, Person, PersonAddress, PersonName, Relationship

# The attribute names each seeded tuple holds, in order.
COLUMNS = {
    Person: ("id", "force_id", "forenames", "surname", "date_of_birth", "gender", "pnc_id", "nhs_number",
             "restricted", "merged_into_id", "created_at", "created_by_id", "updated_at"),
    PersonName: ("id", "person_id", "kind", "forenames", "surname", "forename_norm", "surname_norm",
                 "forename_key", "surname_key", "force_id_copy", "dob_copy"),
    Address: ("id", "force_id", "line1", "line2", "town", "postcode", "local_authority", "uprn", "latitude",
              "longitude", "match_key"),
    PersonAddress: ("id", "person_id", "address_id", "kind", "from_date", "to_date"),
    Relationship: ("id", "person_id", "other_id", "kind", "from_date", "to_date", "notes", "created_at"),
    Marker: ("id", "person_id", "kind", "start_date", "review_date", "end_date", "notes", "created_by_id",
             "created_at"),
    AccessGrant: ("id", "content_type_id", "object_id", "user_id", "team_id", "granted_by_id", "granted_at"),
}


class RowWriter:
    def __init__(self, model):
        by_attname = {f.attname: f for f in model._meta.concrete_fields}
        names = COLUMNS[model]
        missing = [f.attname for f in by_attname.values() if f.attname not in names]
        if missing:
            raise RuntimeError(f"seed writes no value for {model._meta.label}.{', '.join(missing)}")
        self.model = model
        self.fields = [by_attname[name] for name in names]
        qn = connection.ops.quote_name
        self.table = qn(model._meta.db_table)
        self.columns = ", ".join(qn(f.column) for f in self.fields)
        # Table and column names come from the models, never from input.
        placeholders = ", ".join(["%s"] * len(self.fields))
        self.sql = f"INSERT INTO {self.table} ({self.columns}) VALUES ({placeholders})"  # noqa: S608
        # Only datetimes need Django's conversion (to UTC for SQLite); dates, decimals and booleans
        # go through the adapters Django registers on the driver, as bulk_create's values do.
        self.convert = [i for i, f in enumerate(self.fields) if f.get_internal_type() == "DateTimeField"]
        self._cache: dict = {}

    def _datetime(self, value):
        if value is None:
            return None
        out = self._cache.get(value)
        if out is None:
            out = self._cache[value] = connection.ops.adapt_datetimefield_value(value)
        return out

    def rows(self, rows):
        if not self.convert or connection.vendor == "postgresql":
            return rows
        idx = self.convert
        out = []
        for row in rows:
            row = list(row)
            for i in idx:
                row[i] = self._datetime(row[i])
            out.append(row)
        return out

    def write(self, rows) -> int:
        if not rows:
            return 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {self.table} ({self.columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany(self.sql, self.rows(rows))
        return len(rows)
