"""Expected GET status for every offender management page and endpoint, by role.

Used by the platform's access matrix (tests/integration/access/matrix_offenders.py re-exports
MATRIX, build and url_kwargs) and by test_access_matrix.py in this folder.
Columns as in matrix_platform. Rules (vigil.offenders.access): offender managers, supervisors and
senior officers work their own force's registrants; performance and audit read them; only
supervisors and senior officers reassign, decide reactive management and close breaches; the
dashboards are for supervisors, senior officers and audit; partners and system administrators get
nothing; the outsider (a supervisor in another force) gets their own force's pages and 404 for ours.
405 marks POST-only API actions.
"""

import datetime as dt

from django.utils import timezone

from tests.factories import PersonFactory
from vigil.offenders import services

PAGES = {
    # name                              resp pp   om   mc   sup  sen  part aud  sys  out  anon
    "offenders:queue":                 "403 403 200 403 200 200 403 200 403 200 302",
    "offenders:dashboard":             "403 403 403 403 200 200 403 200 403 200 302",
    "offenders:trend":                 "403 403 403 403 200 200 403 200 403 200 302",
    "offenders:forecast":              "403 403 403 403 200 200 403 200 403 200 302",
    "offenders:register":              "403 403 200 403 200 200 403 403 403 200 302",
    "offenders:detail":                "403 403 200 403 200 200 403 200 403 404 302",
    "offenders:edit":                  "403 403 200 403 200 200 403 403 403 404 302",
    "offenders:conviction_add":        "403 403 200 403 200 200 403 403 403 404 302",
    "offenders:order_add":             "403 403 200 403 200 200 403 403 403 404 302",
    "offenders:custody_add":           "403 403 200 403 200 200 403 403 403 404 302",
    "offenders:custody_end":           "403 403 200 403 200 200 403 403 403 404 302",
    "offenders:notification_add":      "403 403 200 403 200 200 403 403 403 404 302",
    "offenders:risk_add":              "403 403 200 403 200 200 403 403 403 404 302",
    "offenders:visit_add":             "403 403 200 403 200 200 403 403 403 404 302",
    "offenders:intelligence_add":      "403 403 200 403 200 200 403 403 403 404 302",
    "offenders:breach_add":            "403 403 200 403 200 200 403 403 403 404 302",
    "offenders:management":            "403 403 403 403 200 200 403 403 403 404 302",
    "offenders:reassign":              "403 403 403 403 200 200 403 403 403 404 302",
    "offenders:end":                   "403 403 403 403 200 200 403 403 403 404 302",
    "offenders:breach_close":          "403 403 403 403 200 200 403 403 403 404 302",
}
API = {
    "api-rso-registrant-list":         "403 403 200 403 200 200 403 200 403 200 401",
    "api-rso-registrant-detail":       "403 403 200 403 200 200 403 200 403 404 401",
    "api-rso-registrant-visits":       "403 403 405 403 405 405 403 405 403 405 401",
    "api-rso-registrant-risk-assessments": "403 403 405 403 405 405 403 405 403 405 401",
    "api-rso-dashboard-list":          "403 403 403 403 200 200 403 200 403 200 401",
}


MATRIX = {**PAGES, **API}


def build(*, force, users, csc, team, base) -> dict:
    manager = users["offender_manager"]
    person = PersonFactory(force=force, forenames="Gareth", surname="Oldcastle", date_of_birth=dt.date(1975, 2, 3))
    registrant = services.register_offender(
        person=person, by=manager, manager=manager, managed_from=timezone.localdate() - dt.timedelta(days=30),
        conviction=dict(kind="conviction", offence="Exposure", relevant_date=dt.date(2024, 1, 10),
                        age_on_relevant_date=None, disposal="imprisonment", term_months=12, discharge_months=None),
    )
    custody = services.add_custody(registrant=registrant, by=manager, kind="hospital",
                                   from_date=timezone.localdate() - dt.timedelta(days=3))
    breach = services.open_breach(registrant=registrant, by=manager, kind="other", summary="Failed to attend",
                                  opened_on=timezone.localdate())
    return {"registrant": registrant, "rso_custody": custody, "rso_breach": breach}


def url_kwargs(name: str, data) -> dict | None:
    ns, _, short = name.rpartition(":")
    if name.startswith("api-rso-registrant-") and not name.endswith("-list"):
        return {"pk": data["registrant"].pk}
    if ns != "offenders":
        return None
    if short in ("queue", "dashboard", "trend", "forecast", "register"):
        return {}
    pk = data["registrant"].pk
    if short == "custody_end":
        return {"pk": pk, "period_pk": data["rso_custody"].pk}
    if short == "breach_close":
        return {"pk": pk, "breach_pk": data["rso_breach"].pk}
    if short == "notification_add":
        return {"pk": pk, "kind": "s85"}
    return {"pk": pk}
