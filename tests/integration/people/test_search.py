"""Person search through the page and the search function: variants, ranking, reasons, access, audit."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory
from tests.integration.people.conftest import grant, make_person
from vigil.core.models import AuditEvent
from vigil.people import services
from vigil.people.models import PartnerShare
from vigil.people.search import search_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def john(force):
    return make_person(force, "John", "Smith", date(2012, 3, 4))


def names(matches):
    return [m.person.full_name for m in matches]


def test_typo_and_sound_alike_finds_john_smith_with_reasons(client, officer, john, force):
    make_person(force, "Amelia", "Hartwell")
    client.force_login(officer)
    resp = client.get(reverse("people:search"), {"forenames": "Jon", "surname": "Smyth"})
    assert resp.status_code == 200
    matches = resp.context["matches"]
    assert names(matches) == ["John SMITH"]
    assert "surname sounds like Smyth" in matches[0].reasons
    assert "forename Jon is a nickname of John" in matches[0].reasons
    page = resp.content.decode()
    assert "Surname sounds like Smyth" in page and "John SMITH" in page


def test_swapped_names(officer, john):
    matches = search_people(officer, forenames="Smith", surname="John")
    assert names(matches) == ["John SMITH"]
    assert matches[0].reasons[0] == "forename and surname swapped"


def test_nickname_bill_finds_william(officer, force):
    make_person(force, "William", "Jones")
    make_person(force, "Robert", "Jones")  # the nickname list also links Bill to Robert
    make_person(force, "Peter", "Jones")
    matches = search_people(officer, forenames="Bill", surname="Jones")
    assert names(matches)[0] == "William JONES"
    assert "forename Bill is a nickname of William" in matches[0].reasons
    assert "Peter JONES" not in names(matches)


def test_exact_match_ranks_above_variants(officer, force, john):
    make_person(force, "Jon", "Smyth")
    make_person(force, "Johnny", "Smith")
    matches = search_people(officer, forenames="John", surname="Smith")
    assert matches[0].person == john and matches[0].score == 100
    assert [m.score for m in matches] == sorted([m.score for m in matches], reverse=True)
    assert len(matches) == 3


def test_typo_in_both_names_found_via_surname_prefix(officer, force):
    person = make_person(force, "Catherine", "Thomson")
    matches = search_people(officer, forenames="Catherine", surname="Thompson")
    assert [m.person for m in matches] == [person]
    assert "surname spelt like Thompson (possible typo)" in matches[0].reasons


def test_typos_in_both_names_found_when_the_close_lookups_find_little(officer, force):
    judith = make_person(force, "Judith", "Rose")
    shane = make_person(force, "Shane", "Johnson")
    assert [m.person for m in search_people(officer, forenames="Juidth", surname="Rsoe")] == [judith]
    assert [m.person for m in search_people(officer, forenames="Shaen", surname="Jhonson")] == [shane]


def test_date_of_birth_narrows_and_recognises_transposed_day_and_month(officer, force, john):
    other_john = make_person(force, "John", "Smith", date(1980, 7, 9))
    transposed = make_person(force, "John", "Smith", date(2012, 4, 3))
    unknown = make_person(force, "John", "Smith", None)
    matches = search_people(officer, forenames="John", surname="Smith", date_of_birth=date(2012, 3, 4))
    people = [m.person for m in matches]
    assert people == [john, transposed, unknown]
    assert other_john not in people
    assert "date of birth matches" in matches[0].reasons
    assert "date of birth matches with day and month transposed" in matches[1].reasons


def test_date_of_birth_with_forename_only(officer, force, john):
    matches = search_people(officer, forenames="Johnny", date_of_birth=date(2012, 3, 4))
    assert [m.person for m in matches] == [john]


def test_age_range(officer, force):
    today = timezone.localdate()
    child = make_person(force, "Ava", "Moore", today - timedelta(days=365 * 10))
    adult = make_person(force, "Ava", "Moore", today - timedelta(days=365 * 40))
    make_person(force, "Ava", "Moore", None)  # age unknown: not in any range
    assert [m.person for m in search_people(officer, surname="Moore", age_max=17)] == [child]
    assert [m.person for m in search_people(officer, surname="Moore", age_min=18, age_max=60)] == [adult]


def test_alias_is_found_and_said_so(officer, force, john):
    services.add_alias(person=john, by=officer, forenames="Jack", surname="Marlowe")
    matches = search_people(officer, forenames="Jack", surname="Marlowe")
    assert [m.person for m in matches] == [john]
    assert matches[0].reasons[0] == "alias: Jack Marlowe"


def test_merged_records_are_not_found(officer, supervisor, force, john):
    dup = make_person(force, "Jon", "Smith", date(2012, 3, 4))
    services.merge_people(survivor=john, merged=dup, by=supervisor, reason="Same child, same DOB and address")
    matches = search_people(officer, forenames="Jon", surname="Smith")
    assert [m.person for m in matches] == [john]  # found once, through the alias the merge added


def test_outsider_from_another_force_finds_nothing(client, users, john):
    outsider = users["outsider"]
    assert search_people(outsider, forenames="John", surname="Smith") == []
    client.force_login(outsider)
    resp = client.get(reverse("people:search"), {"surname": "Smith"})
    assert resp.status_code == 200 and resp.context["matches"] == []


def test_restricted_people_only_for_those_named(users, officer, john):
    john.restricted = True
    john.save()
    assert search_people(officer, surname="Smith") == []
    grant(john, officer)
    assert [m.person for m in search_people(officer, surname="Smith")] == [john]
    assert search_people(users["response_officer"], surname="Smith") == []


def test_partner_cannot_search_and_finds_only_shared(client, users, csc, john, force):
    partner = users["partner"]
    client.force_login(partner)
    assert client.get(reverse("people:search"), {"surname": "Smith"}).status_code == 403
    # Partners hold no search capability, so even shared people are not searchable by them.
    PartnerShare.objects.create(person=john, organisation=csc, reason="Strategy discussion")
    assert search_people(partner, surname="Smith") == []


def test_each_search_is_audited_with_the_query_not_the_results(client, officer, john):
    client.force_login(officer)
    before = AuditEvent.objects.filter(action="search").count()
    client.get(reverse("people:search"), {"forenames": "Jon", "surname": "Smyth", "date_of_birth": "2012-03-04"})
    events = AuditEvent.objects.filter(action="search")
    assert events.count() == before + 1
    event = events.order_by("-seq").first()
    assert event.actor_id == officer.pk
    assert event.changes == {"query": {"forenames": "Jon", "surname": "Smyth", "date_of_birth": "2012-03-04",
                                       "age_min": None, "age_max": None}}
    assert str(john.pk) not in event.object_id and "John" not in str(event.changes)


def test_search_needs_the_search_capability(client, users):
    client.force_login(users["sysadmin"])
    assert client.get(reverse("people:search"), {"surname": "Smith"}).status_code == 403


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"forenames": "John"}, "Enter a surname, or a forename and date of birth"),
        ({"surname": "Smith", "age_min": "30", "age_max": "20"}, "The upper age must be the same as or more"),
        ({"surname": "S" * 101}, "Surname must be 100 characters or fewer"),
        ({"surname": "Smith", "date_of_birth": "31/02/2012"}, "Date of birth must be a real date"),
    ],
)
def test_bad_search_input_is_a_400_with_a_message(client, officer, params, message):
    client.force_login(officer)
    before = AuditEvent.objects.filter(action="search").count()
    resp = client.get(reverse("people:search"), params)
    assert resp.status_code == 400
    assert message in resp.content.decode()
    assert AuditEvent.objects.filter(action="search").count() == before


def test_search_queries_are_bounded(officer, force, django_assert_max_num_queries):
    for i in range(40):
        PersonFactory(force=force, forenames=["John", "Jon", "Johnny", "Joan"][i % 4], surname="Smith")
    # Four precise and three broad lookups, one visibility check of the candidates, one for the people.
    with django_assert_max_num_queries(9):
        matches = search_people(officer, forenames="John", surname="Smith", date_of_birth=date(2012, 3, 4))
        [m.person.full_name for m in matches]  # persons come with the names: no query per result


def test_page_says_when_only_the_best_matches_are_shown(client, officer, force):
    for _ in range(51):
        PersonFactory(force=force, surname="Smith")
    client.force_login(officer)
    resp = client.get(reverse("people:search"), {"surname": "Smith"})
    assert len(resp.context["matches"]) == 50
    assert "Showing the best 50 matches" in resp.content.decode()
