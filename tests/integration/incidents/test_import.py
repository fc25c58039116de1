"""CSV import: per-row validation, all-or-nothing by default, idempotent, clear file errors."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from vigil.incidents import importers
from vigil.incidents.models import ImportBatch, Incident

pytestmark = pytest.mark.django_db

HEADER = "reference,type,occurred_at,location,address_line1,address_town,address_postcode,narrative,officer\n"
GOOD = (
    'CAD-1,Drink or drug driving,2026-01-10 16:45,A61 layby,,,,"Driver arrested for drug-driving. His one-year-old '
    'son was in a car seat in the rear.",\n'
    'CAD-2,asb,10/01/2026 21:10,Market Square,,,,"Group of adults shouting outside the kebab shop. Dispersed.",\n'
    'CAD-3,domestic_abuse,2026-01-11T02:30,,14 Elm Grove,Midtown,MD1 2AB,"Verbal argument between partners. '
    'No injuries.",\n'
)
BAD_ROW = "CAD-4,Not a type,yesterday,,,,,,\n"
MALFORMED = 'CAD-5,asb,2026-01-12 10:00,"unclosed quote,,,,oops\n'


def upload(client, content: bytes, name="export.csv"):
    return client.post(reverse("incidents:import"), {"file": SimpleUploadedFile(name, content, "text/csv")})


@pytest.fixture
def supervisor(users):
    return users["supervisor"]


def test_good_file_previews_then_imports_and_screens(client, supervisor):
    client.force_login(supervisor)
    response = upload(client, (HEADER + GOOD).encode())
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    page = client.get(response.url).content.decode()
    assert "3</strong> new incidents" in page
    assert Incident.objects.count() == 0, "nothing is written at the preview"
    response = client.post(response.url, {"action": "all"})
    assert response.status_code == 302
    assert Incident.objects.count() == 3
    assert Incident.objects.get(reference="CAD-1").child_flag
    assert Incident.objects.get(reference="CAD-3").address.postcode == "MD1 2AB"
    assert all(i.source == "import" for i in Incident.objects.all())
    batch.refresh_from_db()
    assert batch.status == "imported"


def test_importing_the_same_file_twice_changes_nothing(client, supervisor):
    client.force_login(supervisor)
    for _ in range(2):
        response = upload(client, (HEADER + GOOD).encode())
        client.post(response.url, {"action": "all"})
    assert Incident.objects.count() == 3
    second = ImportBatch.objects.order_by("pk").last()
    assert second.result["created"] == [] and second.result["unchanged"] == 3


def test_confirming_twice_does_not_import_twice(client, supervisor):
    client.force_login(supervisor)
    url = upload(client, (HEADER + GOOD).encode()).url
    client.post(url, {"action": "all"})
    client.post(url, {"action": "all"})
    assert Incident.objects.count() == 3


def test_a_file_with_errors_imports_nothing_unless_asked(client, supervisor):
    client.force_login(supervisor)
    url = upload(client, (HEADER + GOOD + BAD_ROW + MALFORMED).encode()).url
    page = client.get(url).content.decode()
    assert "is not a known incident type" in page and "The narrative is empty" in page
    assert "Import only the 3 valid rows" in page
    response = client.post(url, {"action": "all"})
    assert response.status_code == 400 and "nothing was imported" in response.content.decode()
    assert Incident.objects.count() == 0
    client.post(url, {"action": "valid_only"})
    assert sorted(Incident.objects.values_list("reference", flat=True)) == ["CAD-1", "CAD-2", "CAD-3"]


def test_non_utf8_file_gets_a_clear_message(client, supervisor):
    client.force_login(supervisor)
    content = (HEADER + "CAD-9,asb,2026-01-10 10:00,Caf\u00e9 on the corner,,,,Noise.,\n").encode("cp1252")
    response = upload(client, content)
    assert response.status_code == 400
    assert "not UTF-8" in response.content.decode()
    assert not ImportBatch.objects.exists() and not Incident.objects.exists()


def test_missing_columns_are_named(client, supervisor):
    client.force_login(supervisor)
    response = upload(client, b"reference,type\nX,asb\n")
    assert response.status_code == 400
    assert "missing: occurred_at, narrative" in response.content.decode()


def test_changed_details_for_an_existing_reference_are_an_error(supervisor):
    batch, preview = importers.start(force=supervisor.force, by=supervisor, filename="a.csv",
                                     raw=(HEADER + GOOD).encode())
    importers.run(batch=batch, by=supervisor, valid_only=False)
    changed = (HEADER + GOOD).replace("Dispersed.", "Dispersed. One arrest.")
    _, preview = importers.start(force=supervisor.force, by=supervisor, filename="b.csv", raw=changed.encode())
    assert [r.reference for r in preview.errors] == ["CAD-2"]
    assert "already exists with different details" in preview.errors[0].errors[0]


def test_repeated_reference_and_future_time_in_one_file(supervisor):
    rows = HEADER + GOOD + GOOD.splitlines()[0] + "\n" + 'CAD-8,asb,2099-01-01 10:00,,,,,"Noise.",\n'
    _, preview = importers.start(force=supervisor.force, by=supervisor, filename="c.csv", raw=rows.encode())
    problems = {r.reference: r.errors for r in preview.errors}
    assert "repeated" in problems["CAD-1"][0]
    assert "future" in problems["CAD-8"][0]


def test_import_needs_the_capability(client, users):
    client.force_login(users["response_officer"])
    assert client.get(reverse("incidents:import")).status_code == 403


def test_another_users_batch_is_not_found(client, users):
    batch, _ = importers.start(force=users["supervisor"].force, by=users["supervisor"], filename="a.csv",
                               raw=(HEADER + GOOD).encode())
    client.force_login(users["senior_officer"])
    assert client.get(reverse("incidents:import_preview", args=[batch.pk])).status_code == 404


def test_null_bytes_are_refused(client, supervisor):
    client.force_login(supervisor)
    response = upload(client, (HEADER + GOOD).encode().replace(b"Dispersed", b"Disp\x00ersed"))
    assert response.status_code == 400 and "null characters" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_the_preview_counts_one_row_in_the_singular(client, supervisor):
    client.force_login(supervisor)
    url = upload(client, (HEADER + GOOD.splitlines(keepends=True)[1] + BAD_ROW).encode()).url
    page = client.get(url).content.decode()
    assert "1</strong> new incident to import" in page
    assert "1</strong> row with errors" in page
    assert "Import only the 1 valid row<" in page
