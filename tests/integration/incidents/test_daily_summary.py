"""`vigil safeguarding daily-summary`: yesterday's misses, printed or emailed once."""

from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from tests.integration.incidents.conftest import DRUG_DRIVE_TEXT
from vigil.core.clock import LONDON
from vigil.incidents import services
from vigil.incidents.models import DailySummary

pytestmark = pytest.mark.django_db

YESTERDAY_EVENING = datetime(2026, 11, 9, 20, 0, tzinfo=LONDON)


def run(*args) -> str:
    out = StringIO()
    call_command("safeguarding", "daily-summary", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def missed(make_incident, users, time_machine):
    time_machine.move_to(YESTERDAY_EVENING + timedelta(hours=1))
    flagged = make_incident(text=DRUG_DRIVE_TEXT, occurred_at=YESTERDAY_EVENING, reference="MID-MISS")
    other = make_incident(text=DRUG_DRIVE_TEXT, occurred_at=YESTERDAY_EVENING, reference="MID-OVR")
    services.record_override(incident=other, by=users["supervisor"],
                             reason="Child seat empty: son confirmed at nursery by phone.")
    return flagged


def test_prints_the_days_misses(missed, time_machine):
    time_machine.move_to(datetime(2026, 11, 10, 7, 0, tzinfo=LONDON))
    text = run("--date", "2026-11-09")
    assert "MID-MISS" in text and "no safeguarding assessment yet" in text
    assert "MID-OVR" in text and "son confirmed at nursery" in text
    assert not DailySummary.objects.exists(), "printing records nothing"


def test_emails_supervisors_once(missed, users, time_machine):
    time_machine.move_to(datetime(2026, 11, 10, 7, 0, tzinfo=LONDON))
    users["supervisor"].email = "sgt@midshire.police.invalid"
    users["supervisor"].save()
    first = run("--email", "--date", "2026-11-09")
    second = run("--email", "--date", "2026-11-09")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["sgt@midshire.police.invalid"]
    assert "MID-MISS" in mail.outbox[0].body
    assert "emailed to 1" in first and "already emailed" in second
    assert DailySummary.objects.get().emailed_at is not None


def test_default_day_is_yesterday_and_next_day_sends_again(missed, users, time_machine):
    users["supervisor"].email = "sgt@midshire.police.invalid"
    users["supervisor"].save()
    time_machine.move_to(datetime(2026, 11, 10, 7, 0, tzinfo=LONDON))
    run("--email")
    time_machine.move_to(datetime(2026, 11, 11, 7, 0, tzinfo=LONDON) + timedelta(minutes=1))
    run("--email")
    assert len(mail.outbox) == 2
    assert [s.day.isoformat() for s in DailySummary.objects.order_by("day")] == ["2026-11-09", "2026-11-10"]


def test_bad_date_is_a_clear_error(force):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--date", "09/11/2026")
