"""Expected GET status for every incidents page and endpoint, by role (columns as in matrix_platform).

The records (build) are in the users' force: a domestic abuse incident with two linked children,
one assessed (referral to the partner's organisation, a school notification sent to a school, police
protection) and one still to assess; and an import batch uploaded by the supervisor.
Rules: police see their own force's incidents; performance and audit read them but change nothing;
partners see only the referrals sent to their organisation (a school user only its own pupils'
notifications: tests/integration/incidents); system administrators have no case access; the
outsider (supervisor and investigator in another force) gets 404 for this force's records.
405 marks POST-only URLs: who may POST to them is in tests/integration/incidents/test_access_rules.py.
"""

import datetime as dt

from django.utils import timezone

from tests.factories import OrganisationFactory, PersonFactory
from vigil.accounts.models import Organisation
from vigil.incidents import importers, safeguarding, services
from vigil.incidents.models import IncidentPerson, IncidentType

MATRIX = {
    # name                             resp pp   om   mc   sup  sen  part aud  sys  out  anon
    "incidents:list":                 "200 200 200 200 200 200 403 200 403 200 302",
    "incidents:create":               "200 200 200 200 200 200 403 403 403 200 302",
    "incidents:detail":               "200 200 200 200 200 200 404 200 404 404 302",
    # Pages fetch the incident first: 404 for who may not see it, then 403 for audit (read-only).
    "incidents:edit":                 "200 200 200 200 200 200 404 403 404 404 302",
    "incidents:close":                "405 405 405 405 405 405 405 405 405 405 302",
    "incidents:reopen":               "200 200 200 200 200 200 404 403 404 404 302",
    # Only a supervisor or senior officer may record that no assessment is needed (issue 3, item 3).
    "incidents:override":             "403 403 403 403 200 200 404 403 404 404 302",
    "incidents:link_person":          "200 200 200 200 200 200 404 403 404 404 302",
    "incidents:unlink_person":        "405 405 405 405 405 405 405 405 405 405 302",
    "incidents:assess":               "200 200 200 200 200 200 404 403 404 404 302",
    # The "child to notice" queue is for supervisors (and audit); the outsider sees their own force's.
    "incidents:notice":               "403 403 403 403 200 200 403 200 403 200 302",
    "incidents:inbox":                "403 403 403 403 403 403 200 403 403 403 302",
    # The partner reads the referral sent to their organisation.
    "incidents:referral":             "200 200 200 200 200 200 200 200 404 404 302",
    "incidents:referral_acknowledge": "405 405 405 405 405 405 405 405 405 405 302",
    "incidents:referral_decide":      "405 405 405 405 405 405 405 405 405 405 302",
    # Sent to a school, not to the partner's organisation (children's social care).
    "incidents:encompass":            "200 200 200 200 200 200 404 200 404 404 302",
    "incidents:encompass_acknowledge": "405 405 405 405 405 405 405 405 405 405 302",
    "incidents:encompass_send":       "405 405 405 405 405 405 405 405 405 405 302",
    "incidents:protection":           "200 200 200 200 200 200 404 200 404 404 302",
    # Import is a supervisor's job; the outsider may import into their own force.
    "incidents:import":               "403 403 403 403 200 200 403 403 403 200 302",
    # A batch (the raw file) is seen by the person who uploaded it only.
    "incidents:import_preview":       "403 403 403 403 200 404 403 403 403 404 302",
    # The incidents API refuses partners and system administrators outright (403) before any fetch.
    "api-incident-list":              "200 200 200 200 200 200 403 200 403 200 401",
    "api-incident-detail":            "200 200 200 200 200 200 403 200 403 404 401",
    # A GET is 405 even for audit; audit's POST is 403 (test_access_rules.py).
    "api-incident-close":             "405 405 405 405 405 405 403 405 403 405 401",
    "api-incident-people":            "405 405 405 405 405 405 403 405 403 405 401",
    # Referrals and notifications answer police with incident access and partners with an inbox only.
    "api-referral-list":              "200 200 200 200 200 200 200 200 403 200 401",
    "api-referral-detail":            "200 200 200 200 200 200 200 200 403 404 401",
    "api-referral-acknowledge":       "405 405 405 405 405 405 405 405 403 405 401",
    "api-referral-decision":          "405 405 405 405 405 405 405 405 403 405 401",
    # The partner here is children's social care: an empty list, and 404 for a school's notification.
    "api-encompass-list":             "200 200 200 200 200 200 200 200 403 200 401",
    "api-encompass-detail":           "200 200 200 200 200 200 404 200 403 404 401",
}

NARRATIVE = "Called to an argument between two adult partners at the address. Words of advice given."
CSV = (b"reference,type,occurred_at,narrative\n"
       b"MID-IMP-1,concern_for_welfare,2025-01-10 10:00,Adult found asleep on a bench; taken home.\n")


def build(*, force, users, csc, team, base) -> dict:
    officer, supervisor = users["response_officer"], users["supervisor"]
    school = OrganisationFactory(force=force, name="Midtown Primary School", kind=Organisation.Kind.SCHOOL)
    on = timezone.localdate()
    assessed = PersonFactory(force=force, forenames="Poppy", surname="Ashdown", date_of_birth=on - dt.timedelta(days=9 * 366))
    pending = PersonFactory(force=force, forenames="Alfie", surname="Ashdown", date_of_birth=on - dt.timedelta(days=7 * 366))
    incident = services.create_incident(
        force=force, by=officer, reference="MID-ACC-1", incident_type=IncidentType.objects.get(code="domestic_abuse"),
        occurred_at=timezone.now() - dt.timedelta(hours=3), narrative=NARRATIVE, attending_officer=officer,
        people=[(assessed, IncidentPerson.Role.CHILD_PRESENT), (pending, IncidentPerson.Role.CHILD_PRESENT)],
    )
    assert incident.child_flag
    assessment = safeguarding.complete_assessment(
        child=incident.children.get(person=assessed), by=officer, seen_and_heard="Shouting heard from the street.",
        child_spoken_to=True, child_said="I hid upstairs.", immediate_needs="Unsafe at home tonight.",
        risk_grade="high", immediate_action="police_protection", referral_decision="refer",
        referral_rationale="Child exposed to domestic abuse.", organisation=csc, school=school,
        protection=safeguarding.ProtectionDetails(taken_at=timezone.now() - dt.timedelta(hours=1),
                                                  accommodation="Foster carer, Midtown"),
    )
    batch, _ = importers.start(force=force, by=supervisor, filename="log.csv", raw=CSV)
    return {
        "incident": incident,
        "pending_child": incident.children.get(person=pending),
        "link": incident.people.get(person=pending),
        "referral": assessment.referral,
        "notification": assessment.encompass_notification,
        "protection": assessment.police_protection,
        "batch": batch,
    }


_INCIDENT = {"detail", "edit", "close", "reopen", "override", "link_person"}
_BY_OBJECT = {
    "referral": "referral", "referral_acknowledge": "referral", "referral_decide": "referral",
    "encompass": "notification", "encompass_acknowledge": "notification", "encompass_send": "notification",
    "protection": "protection", "import_preview": "batch",
}
_API = {"api-incident-": "incident", "api-referral-": "referral", "api-encompass-": "notification"}


def url_kwargs(name: str, data) -> dict | None:
    ns, _, short = name.rpartition(":")
    if ns == "incidents":
        if short in _INCIDENT:
            return {"pk": data["incident"].pk}
        if short == "unlink_person":
            return {"pk": data["incident"].pk, "link_pk": data["link"].pk}
        if short == "assess":
            return {"pk": data["incident"].pk, "child_pk": data["pending_child"].pk}
        if short in _BY_OBJECT:
            return {"pk": data[_BY_OBJECT[short]].pk}
        return {}
    for prefix, key in _API.items():
        if name.startswith(prefix):
            return {} if name.endswith("-list") else {"pk": data[key].pk}
    return None
