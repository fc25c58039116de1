"""Bulk import of incidents from a control-room or records-system CSV export.

Every row is checked before anything is written. A file with errors imports nothing unless the
user chooses to import only the valid rows. Import is idempotent on the incident reference: a row
whose reference exists with the same details is "already imported" and left alone, so importing
the same file twice changes nothing the second time; one that exists with different details is
an error (it is never silently overwritten).
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from vigil.accounts.models import User
from vigil.core.clock import LONDON
from vigil.incidents import services
from vigil.incidents.models import NARRATIVE_MAX, ImportBatch, Incident, IncidentType

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
REQUIRED = ("reference", "type", "occurred_at", "narrative")
OPTIONAL = ("location", "address_line1", "address_town", "address_postcode", "address_authority", "officer")
COLUMNS = REQUIRED + OPTIONAL
DATE_FORMATS = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M",
                "%d/%m/%Y %H:%M:%S")

NEW, UNCHANGED, ERROR = "new", "unchanged", "error"


class FileProblem(ValueError):
    """The file as a whole cannot be read (encoding, header, size)."""


@dataclass
class Row:
    line: int
    reference: str
    status: str
    errors: list[str] = field(default_factory=list)
    values: dict = field(default_factory=dict)


@dataclass
class Preview:
    rows: list[Row]

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.rows)

    @property
    def errors(self) -> list[Row]:
        return [r for r in self.rows if r.status == ERROR]

    @property
    def unchanged(self) -> list[Row]:
        return [r for r in self.rows if r.status == UNCHANGED]

    @property
    def new(self) -> list[Row]:
        return [r for r in self.rows if r.status == NEW]


def decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise FileProblem(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB. Split it into smaller files.")
    if not raw.strip():
        raise FileProblem("The file is empty.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem(
            f"The file is not UTF-8 text (unreadable byte at position {exc.start}). In your spreadsheet, save it as "
            "'CSV UTF-8' and upload it again. Nothing was imported."
        ) from None
    if "\x00" in text:
        raise FileProblem("The file contains null characters, so it is not a CSV text file. Nothing was imported.")
    return text


def parse_time(value: str) -> datetime:
    value = value.strip()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        for fmt in DATE_FORMATS:
            try:
                moment = datetime.strptime(value, fmt)
                break
            except ValueError:
                continue
        else:
            raise ValueError(f"'{value}' is not a date and time (use 2026-05-01 16:45 or 01/05/2026 16:45)") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LONDON)  # exports give London wall-clock times
    return moment


def _types() -> dict[str, IncidentType]:
    found = {}
    for t in IncidentType.objects.filter(active=True):
        found[t.code.lower()] = t
        found[t.label.lower()] = t
    return found


def _officer(force, value: str):
    value = value.strip()
    if not value:
        return None
    return User.objects.filter(force=force, is_active=True).filter(
        Q(collar_number__iexact=value) | Q(username__iexact=value)).first()


def _same(incident: Incident, values: dict) -> bool:
    return (incident.incident_type_id == values["incident_type"].pk and incident.occurred_at == values["occurred_at"]
            and incident.narrative == values["narrative"] and incident.location == values["location"])


def preview(content: str, force) -> Preview:
    reader = csv.reader(io.StringIO(content, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise FileProblem("The file has no header row.") from None
    names = [h.strip().lower().replace(" ", "_") for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise FileProblem(f"The header row is missing: {', '.join(missing)}. Required columns: "
                          f"{', '.join(REQUIRED)}; optional: {', '.join(OPTIONAL)}.")
    types = _types()
    rows: list[Row] = []
    seen: dict[str, int] = {}
    existing = {}
    try:
        records = list(reader)
    except csv.Error as exc:
        raise FileProblem(f"The file is not valid CSV near line {reader.line_num}: {exc}.") from None
    if len(records) > MAX_ROWS:
        raise FileProblem(f"The file has {len(records):,} rows; the most in one file is {MAX_ROWS:,}.")
    refs = [r[names.index("reference")].strip() for r in records if len(r) == len(names)]
    for incident in Incident.objects.filter(force=force, reference__in=refs):
        existing[incident.reference.lower()] = incident
    for number, record in enumerate(records, start=2):
        if not any(cell.strip() for cell in record):
            continue  # blank lines at the end of spreadsheet exports
        if len(record) != len(names):
            rows.append(Row(number, "", ERROR, [f"The row has {len(record)} fields; the header has {len(names)}. "
                                                "Check for a missing or extra comma or an unclosed quote."]))
            continue
        cells = {name: value.strip() for name, value in zip(names, record, strict=True)}
        row = Row(number, cells["reference"], NEW)
        errors = row.errors
        if not cells["reference"]:
            errors.append("The reference is missing.")
        elif len(cells["reference"]) > 40:
            errors.append("The reference is longer than 40 characters.")
        elif cells["reference"].lower() in seen:
            errors.append(f"The reference is repeated (first on line {seen[cells['reference'].lower()]}).")
        else:
            seen[cells["reference"].lower()] = number
        itype = types.get(cells["type"].lower())
        if itype is None:
            errors.append(f"'{cells['type']}' is not a known incident type.")
        try:
            occurred_at = parse_time(cells["occurred_at"])
            if occurred_at > timezone.now() + services.FUTURE_TOLERANCE:
                errors.append("The incident time is in the future.")
        except ValueError as exc:
            occurred_at = None
            errors.append(f"Occurred at: {exc}.")
        narrative = cells["narrative"]
        if not narrative:
            errors.append("The narrative is empty.")
        elif len(narrative) > NARRATIVE_MAX:
            errors.append(f"The narrative is longer than {NARRATIVE_MAX:,} characters ({len(narrative):,}).")
        officer = _officer(force, cells.get("officer", ""))
        if cells.get("officer") and officer is None:
            errors.append(f"No officer with collar number or user name '{cells['officer']}'.")
        if cells.get("address_line1") and not cells.get("address_town"):
            errors.append("The address has a first line but no town.")
        row.values = {
            "reference": cells["reference"], "incident_type": itype, "occurred_at": occurred_at,
            "narrative": narrative, "location": cells.get("location", "")[:300], "officer": officer,
            "address": {k: cells.get(f"address_{k}", "") for k in ("line1", "town", "postcode", "authority")},
        }
        if not errors and cells["reference"].lower() in existing:
            if _same(existing[cells["reference"].lower()], row.values):
                row.status = UNCHANGED
            else:
                errors.append("An incident with this reference already exists with different details; it was not "
                              "changed. Edit it in Vigil instead.")
        if errors:
            row.status = ERROR
        rows.append(row)
    if not rows:
        raise FileProblem("The file has a header row but no incidents.")
    return Preview(rows)


def start(*, force, by, filename: str, raw: bytes) -> tuple[ImportBatch, Preview]:
    """Decode and check the file, and keep it for the confirmation step. Raises FileProblem."""
    content = decode(raw)
    result = preview(content, force)
    batch = ImportBatch.objects.create(force=force, filename=filename[:200], content=content, uploaded_by=by,
                                       sha256=hashlib.sha256(raw).hexdigest())
    return batch, result


def run(*, batch: ImportBatch, by, valid_only: bool, request=None) -> dict:
    """Import the batch: every new row, or nothing if any row has errors and valid_only is False."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != ImportBatch.Status.PREVIEW:
            return batch.result  # confirming twice does nothing more
        result = preview(batch.content, batch.force)
        if result.errors and not valid_only:
            raise ValidationError(f"{len(result.errors)} rows have errors, so nothing was imported. Correct the file, "
                                  "or choose to import only the valid rows.")
        created = []
        for row in result.new:
            v = row.values
            address = None
            if v["address"]["line1"]:
                address = services.find_or_create_address(
                    force=batch.force, line1=v["address"]["line1"], town=v["address"]["town"],
                    postcode=v["address"]["postcode"], local_authority=v["address"]["authority"], by=by)
            incident = services.create_incident(
                force=batch.force, by=by, reference=v["reference"], incident_type=v["incident_type"],
                occurred_at=v["occurred_at"], narrative=v["narrative"], location=v["location"], address=address,
                attending_officer=v["officer"], source=Incident.Source.IMPORT, request=request,
            )
            created.append(incident.reference)
        batch.status = ImportBatch.Status.IMPORTED
        batch.imported_at = timezone.now()
        batch.result = {"created": created, "unchanged": result.count(UNCHANGED), "skipped_errors": len(result.errors)}
        batch.save(update_fields=["status", "imported_at", "result"])
    return batch.result
