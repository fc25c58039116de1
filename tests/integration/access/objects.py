"""Records for the access matrix, and how each URL's kwargs are filled from them.

Every URL name in Vigil's own namespaces must be covered here and in the matrix: a new page
without an entry fails the test, so no page ships without its access rules being stated.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from tests.factories import AddressFactory, PersonFactory
from vigil.core import services as core_services
from vigil.core.models import AccessGrant
from vigil.people import services as people_services
from vigil.people.models import Marker, PartnerShare, Person

OUR_NAMESPACES = {"core", "people", "incidents", "missing", "offenders", "accounts"}


def our_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, ns):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or ns)
            elif isinstance(p, URLPattern) and p.name:
                if ns in OUR_NAMESPACES:
                    names.add(f"{ns}:{p.name}")
                elif ns is None and p.name.startswith("api-"):
                    names.add(p.name)

    walk(get_resolver().url_patterns, None)
    names.add("accessibility")
    return names


def build_objects(*, force, users, csc, team):
    o = {}
    o["person"] = PersonFactory(force=force, forenames="Maisie", surname="Trelawney",
                                date_of_birth=dt.date(2014, 3, 9))
    address = AddressFactory(force=force)
    o["address_link"] = people_services.add_address(
        person=o["person"], by=users["supervisor"], line1=address.line1, line2="", town=address.town,
        postcode=address.postcode, local_authority="Midtown", from_date=dt.date(2020, 1, 1), to_date=None,
        kind="home",
    )
    o["marker"] = people_services.add_marker(
        person=o["person"], kind=Marker.Kind.CP_PLAN, start_date=dt.date(2025, 1, 1),
        review_date=dt.date(2026, 1, 1), end_date=None, notes="Fictional", by=users["supervisor"],
    )
    o["restricted"] = PersonFactory(force=force, forenames="Ida", surname="Quennell", restricted=True)
    AccessGrant.objects.create(content_type=ContentType.objects.get_for_model(Person),
                               object_id=o["restricted"].pk, user=users["pp_investigator"])
    o["shared"] = PersonFactory(force=force, forenames="Tobias", surname="Wren")
    PartnerShare.objects.create(person=o["shared"], organisation=csc, reason="Referral", shared_by=users["supervisor"])
    o["task"] = core_services.create_task(force=force, kind="general", title="Visit", owner=users["response_officer"],
                                          due_at=timezone.now() + dt.timedelta(hours=2), person=o["person"])
    o["team"] = team
    o["user"] = users["response_officer"]
    return o


def url_kwargs(name: str, o) -> dict | None:
    """kwargs for reversing `name`, or None when the URL takes none."""
    ns, _, short = name.rpartition(":")
    if ns == "people":
        kw = {"pk": o["person"].pk}
        if short == "address_end":
            kw["link_pk"] = o["address_link"].pk
        if short == "marker_end":
            kw["marker_pk"] = o["marker"].pk
        return None if short in {"search", "create"} else kw
    if ns == "core" and short.startswith("task_"):
        return {"pk": o["task"].pk}
    if ns == "accounts" and short.startswith("user_") and short not in {"user_list", "user_create"}:
        return {"pk": o["user"].pk}
    if ns == "accounts" and short.startswith("team_") and short not in {"team_list", "team_create"}:
        kw = {"pk": o["team"].pk}
        if short == "team_member_change":
            kw["user_pk"] = o["user"].pk
        return kw
    if name.startswith("api-person-") and name != "api-person-list":
        return {"pk": o["person"].pk}
    if name.startswith("api-task-") and name != "api-task-list":
        return {"pk": o["task"].pk}
    return {}
