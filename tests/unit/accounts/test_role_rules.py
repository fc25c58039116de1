"""The partner/organisation rule for user administration (vigil.accounts.services.role_errors)."""

import pytest

from vigil.accounts.services import role_errors

ORG = object()  # any organisation


@pytest.mark.parametrize(("roles", "organisation", "expected"), [
    (["pp_investigator"], None, set()),
    (["supervisor", "pp_investigator"], None, set()),
    (["partner"], ORG, set()),
    ([], None, {"roles"}),
    (["partner"], None, {"organisation"}),
    (["pp_investigator"], ORG, {"organisation"}),
    (["partner", "pp_investigator"], ORG, {"roles"}),
    (["partner", "sysadmin"], None, {"roles"}),
])
def test_role_errors(roles, organisation, expected):
    assert set(role_errors(roles=roles, organisation=organisation)) == expected
