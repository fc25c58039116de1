"""The seed extension: two years of episodes with repeat patterns and every current state."""

from collections import Counter

import pytest
from django.utils import timezone

from vigil.core.models import Task
from vigil.missing.models import CarerProfile, MissingEpisode, ReturnHomeInterview
from vigil.people.models import Marker

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def seeded(db):
    from vigil.seed.core import seed

    return seed(scale="demo", seed=3, people=2000, progress=False)


def test_seeded_missing_children(seeded):
    now = timezone.now()
    episodes = MissingEpisode.objects.all()
    per_child = Counter(episodes.values_list("person_id", flat=True))
    assert len(per_child) >= 15
    # Repeat patterns: more than one episode per missing child on average; looked-after children more.
    looked_after = set(Marker.objects.filter(kind="looked_after").values_list("person_id", flat=True))
    lac = [n for pid, n in per_child.items() if pid in looked_after]
    others = [n for pid, n in per_child.items() if pid not in looked_after]
    assert sum(per_child.values()) / len(per_child) > 2
    if lac and others:
        assert sum(lac) / len(lac) > sum(others) / len(others)
    assert all(now - ep.reported_at <= timezone.timedelta(days=731) for ep in episodes)
    # Every state, with the current ones made through the services.
    states = Counter(episodes.values_list("status", flat=True))
    assert states["open"] >= 2 and states["found"] >= 1 and states["closed"] >= 50
    open_ = episodes.filter(status="open")
    assert open_.filter(next_review_due__lt=now).exists() and open_.filter(next_review_due__gte=now).exists()
    assert Task.objects.filter(kind__startswith="missing.action.", status="open", due_at__lt=now).exists()
    assert ReturnHomeInterview.objects.filter(completed_at__isnull=True, due_at__lt=now).exists()
    assert ReturnHomeInterview.objects.filter(completed_at__isnull=False).exists()
    assert episodes.exclude(found_kind="").values("found_kind").distinct().count() >= 4
    assert CarerProfile.objects.exists() and Marker.objects.filter(kind="repeat_missing").exists()
    # Stored facts are consistent: found after last seen, closed only with an interview or a waiver.
    for ep in episodes.filter(status="closed").select_related("prevention_interview")[:200]:
        assert ep.found_at >= ep.last_seen_at
        assert hasattr(ep, "prevention_interview") or ep.waiver_at
