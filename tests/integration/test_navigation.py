"""The main navigation shows each demo user exactly the pages they can use (vigil.core.context_processors
and each module's nav.py), in English and Welsh."""

import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from vigil.seed.reference import DEMO_USERS, make_force
from vigil.seed.reference_data import force_specs

pytestmark = pytest.mark.django_db

POLICE = ["core:my_work", "people:search", "incidents:list", "missing:list"]
OVERSIGHT = ["core:my_work", "core:team_work", "people:search", "core:audit_search", "incidents:list",
             "incidents:notice", "missing:list", "offenders:queue", "offenders:dashboard"]
# Demo username (vigil.seed.reference.DEMO_USERS) -> the links, in the order the header shows them.
EXPECTED = {
    "response": POLICE,
    "investigator": POLICE,
    "offender_manager": [*POLICE, "offenders:queue"],
    "missing_coordinator": ["core:my_work", "core:team_work", "people:search", "incidents:list", "missing:list"],
    "supervisor": OVERSIGHT,
    "senior": OVERSIGHT,
    # Performance and audit read everything police do; My work shows their teams' panels.
    "auditor": OVERSIGHT,
    # Partners: only where something is sent or shared with their kind of organisation.
    "csc": ["core:my_work", "incidents:inbox", "missing:partner_home"],
    "care_provider": ["core:my_work", "missing:partner_home"],
    "school": ["core:my_work", "incidents:inbox"],
    "admin": ["accounts:user_list"],
}
LINK = re.compile(r'<a class="moj-primary-navigation__link" href="([^"]+)"[^>]*>([^<]*)</a>')


@pytest.fixture
def demo_users():
    force, _teams, orgs = make_force(force_specs(1)[0])
    return {username: UserFactory(username=username, force=force, roles=[role],
                                  organisation=orgs[org_name] if org_name else None)
            for username, _first, _last, role, _rank, _teams, org_name in DEMO_USERS}


def nav(client, user, url="/accessibility/"):
    client.force_login(user)
    return LINK.findall(client.get(url).content.decode())


def test_the_table_covers_every_demo_user():
    assert set(EXPECTED) == {row[0] for row in DEMO_USERS}


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_each_demo_user_sees_exactly_the_pages_they_can_use(client, demo_users, username):
    links = nav(client, demo_users[username])
    assert [href for href, _label in links] == [reverse(name) for name in EXPECTED[username]]
    for href, label in links:
        response = client.get(href)
        # partner_home sends children's social care to its interviews and care providers to profiles.
        assert response.status_code in {200, 302}, f"{username}: {label} {href} answered {response.status_code}"
        if response.status_code == 302:
            assert client.get(response["Location"]).status_code == 200


def test_a_school_user_is_not_offered_missing_children(client, demo_users):
    labels = [label for _href, label in nav(client, demo_users["school"])]
    assert "Missing children" not in labels
    assert labels == ["My work", "Safeguarding inbox"]
    # The page itself still answers, saying nothing is shared with a school.
    assert client.get(reverse("missing:partner_home")).status_code == 200


def test_labels_in_english_and_welsh(client, demo_users):
    english = [label for _href, label in nav(client, demo_users["supervisor"])]
    assert english == ["My work", "Team", "People", "Audit", "Incidents", "Child to notice", "Missing children",
                       "Offenders", "RSO dashboard"]
    client.post("/i18n/setlang/", {"language": "cy", "next": "/accessibility/"})
    welsh = [label for _href, label in nav(client, demo_users["supervisor"])]
    assert welsh == ["Fy ngwaith", "Tîm", "Pobl", "Archwilio", "Digwyddiadau", "Plentyn i sylwi arno",
                     "Plant ar goll", "Troseddwyr", "Dangosfwrdd RSO"]
    partner = [label for _href, label in nav(client, demo_users["csc"])]
    assert partner == ["Fy ngwaith", "Mewnflwch diogelu", "Plant ar goll"]
