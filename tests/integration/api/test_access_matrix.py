"""Every role, an outsider from another force and an anonymous client against every endpoint.

Expected codes follow the capability table (vigil/accounts/roles.py) and the fetch helpers: no
capability -> 403; a record you may not see -> 404 (unknown and forbidden look the same); not signed
in -> 401.
"""

import pytest

ROLES = ["response_officer", "pp_investigator", "offender_manager", "missing_coordinator", "supervisor",
         "senior_officer", "partner", "auditor", "sysadmin", "outsider", "anonymous"]
CASEWORK = {"response_officer", "pp_investigator", "offender_manager", "missing_coordinator", "supervisor",
            "senior_officer"}
VIEWERS = CASEWORK | {"auditor"}


def expect(ok: int, allowed: set, *, hidden: set = frozenset(), denied_code: int = 403):
    """Code per role: `ok` for allowed, 404 for `hidden`, 401 anonymous, else `denied_code`."""
    codes = {}
    for role in ROLES:
        if role == "anonymous":
            codes[role] = 401
        elif role in allowed:
            codes[role] = ok
        elif role in hidden:
            codes[role] = 404
        else:
            codes[role] = denied_code
    return codes


NEW_PERSON = {"forenames": "Tamsin", "surname": "Brockley", "date_of_birth": "2012-03-04"}

# (name, method, url template, body, expected codes by role)
CASES = [
    ("me", "get", "/api/v1/me/", None, expect(200, set(ROLES) - {"anonymous"})),
    ("people list", "get", "/api/v1/people/", None, expect(200, VIEWERS | {"partner", "outsider"})),
    ("person detail", "get", "/api/v1/people/{person}/", None,
     expect(200, VIEWERS, hidden={"partner", "outsider"})),
    ("person create", "post", "/api/v1/people/", NEW_PERSON, expect(201, CASEWORK | {"outsider"})),
    ("person update", "patch", "/api/v1/people/{person}/", {"pnc_id": "12/345678A"},
     expect(200, CASEWORK, hidden={"outsider"})),
    ("names list", "get", "/api/v1/people/{person}/names/", None,
     expect(200, VIEWERS, hidden={"partner", "outsider"})),
    # Partners see a shared person's summary and names only (the partner's person page).
    *[
        (f"{sub} list", "get", f"/api/v1/people/{{person}}/{sub}/", None,
         expect(200, VIEWERS, hidden={"outsider"}))
        for sub in ("addresses", "relationships", "markers")
    ],
    ("names create", "post", "/api/v1/people/{person}/names/", {"forenames": "Amy", "surname": "Hart"},
     expect(201, CASEWORK, hidden={"outsider"})),
    ("addresses create", "post", "/api/v1/people/{person}/addresses/",
     {"line1": "4 Larch Close", "town": "Midtown", "postcode": "MD2 4LC"},
     expect(201, CASEWORK, hidden={"outsider"})),
    ("relationships create", "post", "/api/v1/people/{person}/relationships/",
     {"other": "{other}", "kind": "sibling"}, expect(201, CASEWORK, hidden={"outsider"})),
    ("markers create", "post", "/api/v1/people/{person}/markers/",
     {"kind": "violence", "start_date": "2024-01-02"}, expect(201, CASEWORK, hidden={"outsider"})),
    ("tasks list", "get", "/api/v1/tasks/", None, expect(200, VIEWERS | {"partner", "outsider"})),
    # The task is the response officer's; supervisors of the team, senior officers and auditors
    # oversee it; colleagues without oversight do not see it (vigil.core.task_access).
    ("task detail", "get", "/api/v1/tasks/{task}/", None,
     expect(200, {"response_officer", "supervisor", "senior_officer", "auditor"},
            hidden={"pp_investigator", "offender_manager", "missing_coordinator", "partner", "outsider"})),
    ("task complete", "post", "/api/v1/tasks/{task}/complete/", {"outcome": "Visited; all well."},
     expect(200, {"response_officer", "supervisor", "senior_officer"},
            hidden={"pp_investigator", "offender_manager", "missing_coordinator", "partner", "outsider"})),
    ("audit events", "get", "/api/v1/audit-events/", None,
     expect(200, {"supervisor", "senior_officer", "auditor", "outsider"})),
]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name,method,url,body,codes", CASES, ids=[c[0] for c in CASES])
def test_role_matrix(api, users, person, task, force, role, name, method, url, body, codes):
    from tests.factories import PersonFactory

    other = PersonFactory(force=force)
    if role != "anonymous":
        api.force_login(users[role])
    url = url.format(person=person.pk, task=task.pk)
    if body is not None:
        body = {k: (other.pk if v == "{other}" else v) for k, v in body.items()}
    response = getattr(api, method)(url, body, format="json") if body is not None else getattr(api, method)(url)
    assert response.status_code == codes[role], (role, name, response.content[:300])
    if response.status_code == 401:
        assert response["WWW-Authenticate"].startswith("Token")
