"""Everything Vigil knows that helps find a child, gathered the moment a report opens (issue 4 §1):
previous episodes (where, when and with whom found), the carer's profile and trigger plan, warning
markers, what was learnt in interviews, the child's addresses, linked people and their addresses.
Also turns that into candidate places for the search plan (vigil.missing.search)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import timezone

from vigil.missing import conf
from vigil.missing.models import CarerProfile, KnownPlace, MissingEpisode, PlaceKind
from vigil.missing.search import Place
from vigil.people.access import visible_people
from vigil.people.models import INVERSE_LABEL, Marker, PersonAddress, Relationship

PREVIOUS_LIMIT = 20
# Relationship -> the Grampian place kind of that person's address.
RELATIVE_KINDS = {Relationship.Kind.PARENT, Relationship.Kind.CHILD, Relationship.Kind.SIBLING,
                  Relationship.Kind.CARER, Relationship.Kind.HOUSEHOLD}


@dataclass
class Linked:
    label: str
    person: object
    addresses: list = field(default_factory=list)
    kind: str = PlaceKind.FRIEND


@dataclass
class Knowledge:
    person: object
    on: date
    markers: list = field(default_factory=list)
    raising: list = field(default_factory=list)
    profile: CarerProfile | None = None
    previous: list = field(default_factory=list)
    previous_total: int = 0
    learnt: list = field(default_factory=list)
    addresses: list = field(default_factory=list)
    past_addresses: list = field(default_factory=list)
    linked: list = field(default_factory=list)

    @property
    def profile_places(self):
        return list(self.profile.places.all()) if self.profile else []


def _current(rows, on):
    return [r for r in rows if (r.from_date is None or r.from_date <= on) and (r.to_date is None or r.to_date >= on)]


def knowledge_for(person, user, *, exclude=None, on: date | None = None) -> Knowledge:
    on = on or timezone.localdate()
    k = Knowledge(person=person, on=on)
    k.markers = list(Marker.objects.filter(person=person).active(on).order_by("kind"))
    k.raising = sorted({m.kind for m in k.markers} & conf.higher_minimum_markers())
    k.profile = (CarerProfile.objects.filter(person=person).select_related("organisation")
                 .prefetch_related("places").first())
    episodes = MissingEpisode.objects.filter(person=person).select_related("found_address")
    if exclude is not None:
        episodes = episodes.exclude(pk=exclude.pk)
    k.previous_total = episodes.count()
    k.previous = list(episodes.order_by("-reported_at")[:PREVIOUS_LIMIT])
    k.learnt = list(KnownPlace.objects.filter(person=person).select_related("episode")[:PREVIOUS_LIMIT])
    rows = list(PersonAddress.objects.filter(person=person).select_related("address"))
    k.addresses = _current(rows, on)
    k.past_addresses = [r for r in rows if r not in k.addresses]
    visible = visible_people(user)
    linked = []
    for rel in (Relationship.objects.filter(Q(person=person) | Q(other=person))
                .filter(Q(to_date__isnull=True) | Q(to_date__gte=on)).select_related("person", "other")):
        other = rel.other if rel.person_id == person.pk else rel.person
        if rel.person_id == person.pk:
            label = rel.get_kind_display()
        else:
            label = INVERSE_LABEL.get(rel.kind, rel.get_kind_display())
        linked.append(Linked(str(label), other, kind=PlaceKind.RELATIVE if rel.kind in RELATIVE_KINDS
                             else PlaceKind.FRIEND))
    ids = set(visible.filter(pk__in=[link.person.pk for link in linked]).values_list("pk", flat=True))
    linked = [link for link in linked if link.person.pk in ids]
    homes = {}
    for row in (PersonAddress.objects.filter(person_id__in=ids).select_related("address")):
        if row.is_current(on):
            homes.setdefault(row.person_id, []).append(row.address)
    for link in linked:
        link.addresses = homes.get(link.person.pk, [])
    k.linked = linked
    return k


def _coords(obj_lat, obj_lon):
    if obj_lat is None or obj_lon is None:
        return None, None
    return float(obj_lat), float(obj_lon)


def candidate_places(k: Knowledge) -> list[Place]:
    places: list[Place] = []
    for row in k.addresses:
        lat, lon = _coords(row.address.latitude, row.address.longitude)
        places.append(Place(f"{row.get_kind_display()}: {row.address}", PlaceKind.HOME, lat, lon,
                            key=f"a{row.address_id}", sources=[row.get_kind_display()]))
    for row in k.past_addresses:
        lat, lon = _coords(row.address.latitude, row.address.longitude)
        places.append(Place(f"Previous {row.get_kind_display().lower()}: {row.address}", PlaceKind.RELATIVE, lat, lon,
                            key=f"a{row.address_id}",
                            sources=["Previous address (children in new placements return to their old area)"]))
    for ep in k.previous:
        if ep.found_at is None or not (ep.found_place or ep.found_address_id):
            continue
        lat, lon = _coords(ep.found_lat, ep.found_lon)
        if lat is None and ep.found_address is not None:
            lat, lon = _coords(ep.found_address.latitude, ep.found_address.longitude)
        key = f"a{ep.found_address_id}" if ep.found_address_id else (
            f"p{lat:.4f},{lon:.4f}" if lat is not None else f"t{ep.found_place.lower()}")
        places.append(Place(str(ep.found_address or ep.found_place), ep.found_kind or PlaceKind.OTHER, lat, lon, key=key,
                            times_found=1, last_found=ep.found_at,
                            sources=[f"Found here {timezone.localtime(ep.found_at):%d/%m/%Y}"
                                     + (f" with {ep.found_with}" if ep.found_with else "")]))
    for kp in k.learnt:
        lat, lon = _coords(kp.latitude, kp.longitude)
        places.append(Place(kp.label, kp.kind, lat, lon, key=f"k{kp.label.lower()}", learnt=True,
                            sources=[f"{kp.get_source_display()} {timezone.localtime(kp.created_at):%d/%m/%Y}"]))
    for pp in k.profile_places:
        lat, lon = _coords(pp.latitude, pp.longitude)
        key = f"p{lat:.4f},{lon:.4f}" if lat is not None else f"k{pp.label.lower()}"
        places.append(Place(pp.label + (f", {pp.address}" if pp.address else ""), pp.kind, lat, lon, key=key,
                            profile=True, sources=["Carer's profile"]))
    for link in k.linked:
        for address in link.addresses:
            lat, lon = _coords(address.latitude, address.longitude)
            places.append(Place(f"{address} ({link.label.lower()} {link.person.full_name})", link.kind, lat, lon,
                                key=f"a{address.pk}", sources=[f"{link.label} {link.person.full_name}"]))
    return places
