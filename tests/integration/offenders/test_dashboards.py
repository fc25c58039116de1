"""Team and force dashboards, forecast, trend chart with its table, snapshots, My work panels."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from vigil.offenders.models import OverdueSnapshot, Registrant
from vigil.offenders.rules import add_months

pytestmark = pytest.mark.django_db


def make_overdue(make_registrant, level="high", days=40):
    r = make_registrant()
    clock = add_months(timezone.localdate(), -{"high": 3, "low": 12, "very_high": 1}[level]) - timedelta(days=days)
    Registrant.objects.filter(pk=r.pk).update(risk_level=level, visit_clock_from=clock,
                                              risk_review_due=timezone.localdate() - timedelta(days=5))
    return Registrant.objects.get(pk=r.pk)


def test_supervisor_dashboard_counts_by_level_and_days(client, users, make_registrant):
    make_overdue(make_registrant, "high", 40)
    very = make_overdue(make_registrant, "very_high", 200)
    fine = make_registrant()
    Registrant.objects.filter(pk=fine.pk).update(risk_level="low", visit_clock_from=timezone.localdate(),
                                                 risk_review_due=timezone.localdate() + timedelta(days=100))
    client.force_login(users["supervisor"])
    resp = client.get(reverse("offenders:dashboard"))
    body = resp.content.decode()
    assert resp.status_code == 200
    rows = {r.level: r for r in resp.context["rows"]}
    assert rows["high"].visits == 1 and rows["high"].buckets == [0, 1, 0, 0] and rows["high"].longest_visit_days == 40
    expected = (timezone.localdate() - add_months(very.visit_clock_from, 1)).days  # about 200, month lengths vary
    assert rows["very_high"].buckets == [0, 0, 0, 1] and rows["very_high"].longest_visit_days == expected
    assert resp.context["total"].visits == 2 and resp.context["total"].assessments == 2
    assert "2 home visits overdue" in body and "2 risk assessments overdue" in body


def test_forecast_counts_visits_falling_due_beyond_capacity(client, users, make_registrant, settings):
    settings.VIGIL_RSO_VISITS_PER_DAY = 0
    r = make_registrant()
    Registrant.objects.filter(pk=r.pk).update(risk_level="high",
                                              visit_clock_from=add_months(timezone.localdate(), -3) + timedelta(5))
    client.force_login(users["supervisor"])
    resp = client.get(reverse("offenders:forecast"))
    assert resp.context["total"] == 1
    settings.VIGIL_RSO_VISITS_PER_DAY = 2
    assert client.get(reverse("offenders:forecast")).context["total"] == 0


def test_trend_page_has_chart_and_table_and_snapshot_command(client, users, make_registrant):
    make_overdue(make_registrant)
    call_command("rso", "snapshot")
    snap = OverdueSnapshot.objects.get(risk_level="high")
    assert snap.visits_overdue == 1 and snap.assessments_overdue == 1
    OverdueSnapshot.objects.filter(pk=snap.pk).update(taken_on=timezone.localdate() - timedelta(days=7))
    client.force_login(users["senior_officer"])
    body = client.get(reverse("offenders:trend")).content.decode()
    assert "<svg" in body and 'role="img"' in body and '<table class="govuk-table" id="trend-data">' in body
    assert "(today)" in body


def test_my_work_panels(client, users, make_registrant):
    make_overdue(make_registrant)
    client.force_login(users["offender_manager"])
    assert "Your registered sex offender caseload" in client.get(reverse("core:my_work")).content.decode()
    client.force_login(users["supervisor"])
    assert "Registered sex offenders: overdue work" in client.get(reverse("core:my_work")).content.decode()


def test_open_breaches_command(make_registrant):
    from tests.integration.offenders.conftest import conviction

    make_registrant(conviction=conviction(relevant_date=timezone.localdate() - timedelta(days=9),
                                          disposal="other", term_months=None))
    call_command("rso", "open-breaches")
    from vigil.offenders.models import Breach
    assert Breach.objects.count() == 1


def test_rso_command_passes_notification_period_to_the_cli(capsys):
    from django.core.management import execute_from_command_line

    execute_from_command_line(["manage.py", "rso", "notification-period", "--relevant-date", "2020-01-15",
                               "--age", "16", "--disposal", "imprisonment", "--term-months", "12"])
    assert capsys.readouterr().out.strip() == '{"period": "P5Y", "ends_on": "2025-01-14"}'
