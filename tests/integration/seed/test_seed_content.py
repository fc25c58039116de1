"""What the seed writes: valid, linked, and exactly as the people services would write it.

One demo-scale seed is shared by the whole module (seeded inside a transaction that is rolled
back at the end, the way TestCase.setUpTestData works); every test here only reads.
"""

from collections import Counter
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from vigil import seed as seed_package
from vigil.accounts.models import User
from vigil.core.clock import age_on
from vigil.core.models import AccessGrant, Task
from vigil.people.matching import address_match_key, name_keys
from vigil.people.models import (
    Address,
    Marker,
    PartnerShare,
    Person,
    PersonAddress,
    PersonName,
    Relationship,
)
from vigil.seed.core import seed

pytestmark = pytest.mark.django_db


class _Rollback(Exception):
    pass


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    # The core seed only: modules test what their own extensions add.
    saved, seed_package.EXTENSIONS[:] = list(seed_package.EXTENSIONS), []
    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                yield seed(scale="demo", seed=3, progress=False)
                raise _Rollback
        except _Rollback:
            pass
        finally:
            seed_package.EXTENSIONS[:] = saved


def test_relationships_never_point_to_self_and_parents_are_older(demo):
    assert Relationship.objects.count() > 500
    assert not Relationship.objects.filter(person=F("other")).exists()
    kinds = Counter(Relationship.objects.values_list("kind", flat=True))
    for kind in ("parent", "sibling", "partner", "ex_partner", "household"):
        assert kinds[kind] > 0, kind
    for parent_dob, child_dob in Relationship.objects.filter(kind="parent").values_list(
            "person__date_of_birth", "other__date_of_birth"):
        assert (child_dob - parent_dob).days >= 12 * 365
    bad = Relationship.objects.filter(to_date__isnull=False, from_date__isnull=False, to_date__lt=F("from_date"))
    assert not bad.exists()


def test_address_histories_run_forwards(demo):
    links = PersonAddress.objects.all()
    assert links.filter(to_date__isnull=False).count() > 100  # previous addresses exist
    assert not links.filter(to_date__lt=F("from_date")).exists()
    assert not links.filter(from_date__lt=F("person__date_of_birth")).exists()
    # Everyone has exactly one current address.
    current = Counter(links.filter(to_date__isnull=True).values_list("person_id", flat=True))
    assert set(current.values()) == {1}
    assert len(current) == Person.objects.count() - _duplicates_without_address(current)


def _duplicates_without_address(current) -> int:
    return Person.objects.exclude(pk__in=list(current)).count()


def test_children_and_ages(demo):
    today = timezone.localdate()
    ages = [age_on(d, today) for d in Person.objects.values_list("date_of_birth", flat=True)]
    children = sum(1 for a in ages if a < 18)
    assert 0.15 < children / len(ages) < 0.4
    assert min(ages) >= 0 and max(ages) <= 100
    assert all(0 <= a <= 17 for a in ages if a < 18)


def test_names_carry_the_same_keys_the_services_compute(demo):
    persons = {p.pk: p for p in Person.objects.all()}
    primaries = Counter()
    kinds = Counter()
    for name in PersonName.objects.all():
        kinds[name.kind] += 1
        assert (name.forename_norm, name.surname_norm, name.forename_key, name.surname_key) == name_keys(
            name.forenames, name.surname)
        person = persons[name.person_id]
        assert name.force_id_copy == person.force_id and name.dob_copy == person.date_of_birth
        if name.kind == PersonName.Kind.PRIMARY:
            primaries[name.person_id] += 1
            assert (name.forenames, name.surname) == (person.forenames, person.surname)
    assert set(primaries.values()) == {1} and len(primaries) == len(persons)
    assert kinds["nickname"] > 0 and kinds["maiden"] > 0 and kinds["alias"] > 0


def test_addresses_carry_match_keys_and_fictional_postcodes(demo):
    for address in Address.objects.all():
        assert address.match_key == address_match_key(address.line1, address.postcode)
        assert address.postcode[0] in "QVX"  # never a real postcode area
        assert address.local_authority
    # No two seeded addresses are the same place written twice.
    assert Address.objects.values("force", "line1", "postcode").distinct().count() == Address.objects.count()


def test_markers_cover_every_kind_with_valid_dates(demo):
    kinds = set(Marker.objects.values_list("kind", flat=True))
    for kind in ("cp_plan", "looked_after", "exploitation", "violence", "rso", "repeat_missing"):
        assert kind in kinds, kind
    assert not Marker.objects.filter(review_date__lt=F("start_date")).exists()
    assert not Marker.objects.filter(end_date__lt=F("start_date")).exists()
    assert Marker.objects.due_for_review().exists()
    assert Marker.objects.filter(end_date__isnull=False).exists()
    rso = Person.objects.filter(markers__kind="rso")
    assert all(p.age() >= 18 for p in rso)


def test_looked_after_children_live_at_a_care_provider_home(demo):
    children = Person.objects.filter(markers__kind="looked_after", markers__end_date__isnull=True).distinct()
    assert children.exists()
    for child in children:
        placement = child.addresses.get(to_date__isnull=True)
        assert placement.kind == PersonAddress.Kind.CARE_PLACEMENT
        assert child.is_child()
    homes = {pa.address.line1 for c in children for pa in c.addresses.filter(kind="placement")}
    assert all(not line[0].isdigit() for line in homes)  # named homes, e.g. "Willow House"


def test_restricted_records_are_granted_to_the_ppu(demo):
    restricted = list(Person.objects.filter(restricted=True).values_list("pk", flat=True))
    assert 1 <= len(restricted) <= 20  # a handful
    ct = ContentType.objects.get_for_model(Person)
    grants = AccessGrant.objects.filter(content_type=ct)
    assert sorted(grants.values_list("object_id", flat=True)) == sorted(restricted)
    assert set(grants.values_list("team__name", flat=True)) == {"Public Protection Unit"}


def test_partner_shares_and_partner_tasks_match(demo):
    assert PartnerShare.objects.filter(revoked_at__isnull=True).count() >= 5
    for username in ("csc", "care_provider", "school"):
        user = User.objects.get(username=username)
        live = PartnerShare.objects.filter(organisation=user.organisation, revoked_at__isnull=True)
        assert live.exists(), username
        shared = set(live.values_list("person_id", flat=True))
        tasks = Task.objects.filter(owner=user)
        assert tasks.exists(), username
        assert {t.person_id for t in tasks} <= shared  # partners are only given work they can open
    assert PartnerShare.objects.filter(revoked_at__isnull=False).exists()


def test_my_work_shows_every_state_for_each_police_login(demo):
    now = timezone.now()
    for username in ("response", "investigator", "offender_manager", "missing_coordinator", "supervisor",
                     "senior", "csc"):
        tasks = Task.objects.filter(owner__username=username)
        assert tasks.overdue(now).exists(), username
        assert tasks.due_today(now).exists(), username
        assert tasks.upcoming(now).exists(), username
    assert Task.objects.filter(kind="people.marker_review").exists()
    assert Task.objects.filter(team__name="Public Protection Unit", owner__isnull=True).exists()
    assert Task.objects.filter(status="done", completed_at__isnull=False).exists()
    assert not Task.objects.filter(person__restricted=True).exists()


def test_near_duplicates_exist(demo):
    by_dob = {}
    pairs = 0
    for _pk, forenames, surname, dob in Person.objects.values_list("pk", "forenames", "surname", "date_of_birth"):
        for other in by_dob.get(dob, []):
            same_first = other[0].split()[0] == forenames.split()[0]
            if (same_first and other[1] != surname) or (other[1] == surname and not same_first):
                pairs += 1
        by_dob.setdefault(dob, []).append((forenames, surname))
    assert pairs >= 3


def test_nobody_is_born_in_the_future_or_too_long_ago(demo):
    today = timezone.localdate()
    assert not Person.objects.filter(Q(date_of_birth__gt=today) | Q(date_of_birth__lt=date(1920, 1, 1))).exists()
