"""Expected GET status for every missing-children page and API endpoint (/api/v1/missing/), by role
(columns as in tests/integration/access/matrix_platform.py). The platform's access test runs it
through tests/integration/access/matrix_missing.py.

The records (build) are in the users' force: an open episode with its early actions, a found episode
with its return home interview sent to the partner's organisation (children's social care, Midtown),
and a carer's profile kept by a care provider. Rules: police see their own force's episodes; the
offender manager and performance and audit read them but change nothing; grading, found and interviews
are for the response, investigation, missing and supervising roles; reviews, waivers and Child Rescue
Alert decisions for supervisors and senior officers; partners see only what is addressed to their
organisation; system administrators have no case access; the outsider (supervisor and investigator in
another force) gets 404 for this force's records. 405 marks POST-only URLs. The API refuses partners
and system administrators the episodes outright (403); interviews and profiles are filtered lists
(200, possibly empty) and 404 for a record not addressed to the caller.
"""

import datetime as dt

from django.utils import timezone

from tests.factories import AddressFactory, OrganisationFactory, PersonFactory, UserFactory
from vigil.accounts.models import Organisation
from vigil.accounts.roles import Role
from vigil.missing import profiles, services
from vigil.missing.models import MissingEpisode
from vigil.people.models import PersonAddress

PAGES = {
    # name                            resp pp   om   mc   sup  sen  part aud  sys  out  anon
    "missing:list":                  "200 200 200 200 200 200 403 200 403 200 302",
    "missing:report":                "200 200 403 200 200 200 403 403 403 200 302",
    "missing:report_form":           "200 200 403 200 200 200 403 403 403 200 302",
    "missing:policy":                "200 200 200 200 200 200 403 200 403 200 302",
    "missing:queue":                 "403 403 403 403 200 200 403 403 403 200 302",
    "missing:dashboard":             "403 403 403 200 200 200 403 200 403 200 302",
    "missing:detail":                "200 200 200 200 200 200 403 200 403 404 302",
    # Changing an episode: the capability first (403), then the episode (404 for the outsider).
    "missing:grade":                 "200 200 403 200 200 200 403 403 403 404 302",
    "missing:found":                 "200 200 403 200 200 200 403 403 403 404 302",
    "missing:prevention":            "200 200 403 200 200 200 403 403 403 404 302",
    "missing:action_done":           "405 405 403 405 405 405 403 403 403 404 302",
    "missing:close":                 "405 405 403 405 405 405 403 403 403 404 302",
    "missing:review":                "403 403 403 403 200 200 403 403 403 404 302",
    "missing:rescue_alert":          "403 403 403 403 200 200 403 403 403 404 302",
    "missing:supervisor":            "403 403 403 403 200 200 403 403 403 404 302",
    "missing:waiver":                "403 403 403 403 200 200 403 403 403 404 302",
    "missing:search":                "200 200 200 200 200 200 403 200 403 404 302",
    "missing:briefing":              "200 200 200 200 200 200 403 200 403 404 302",
    "missing:briefing_pdf":          "200 200 200 200 200 200 403 200 403 404 302",
    # Partners: children's social care goes to its return interviews; police have no partner page.
    "missing:partner_home":          "403 403 403 403 403 403 302 403 403 403 302",
    "missing:rhi_inbox":             "403 403 403 403 403 403 200 403 403 403 302",
    "missing:rhi_detail":            "200 200 200 200 200 200 200 200 403 404 302",
    # Carers' profiles: police read them; only the care provider keeping one changes it (403 for
    # police; 404 for whoever may not see it). The record has no photograph (404).
    "missing:profiles":              "200 200 200 200 200 200 403 200 403 200 302",
    "missing:profile":               "200 200 200 200 200 200 403 200 403 404 302",
    "missing:profile_create":        "403 403 403 403 403 403 403 403 403 403 302",
    "missing:profile_edit":          "403 403 403 403 403 403 404 403 404 404 302",
    "missing:profile_move":          "403 403 403 403 403 403 404 403 404 404 302",
    "missing:profile_photo":         "404 404 404 404 404 404 403 404 403 404 302",
    "missing:profile_place_add":     "405 405 405 405 405 405 405 405 405 405 302",
    "missing:profile_place_remove":  "405 405 405 405 405 405 405 405 405 405 302",
}

API = {
    # name                              resp pp   om   mc   sup  sen  part aud  sys  out  anon
    "api-missing-episode-list":         "200 200 200 200 200 200 403 200 403 200 401",
    "api-missing-episode-detail":       "200 200 200 200 200 200 403 200 403 404 401",
    "api-missing-episode-grade":        "405 405 405 405 405 405 403 405 403 405 401",
    "api-missing-episode-review":       "405 405 405 405 405 405 403 405 403 405 401",
    "api-missing-episode-found":        "405 405 405 405 405 405 403 405 403 405 401",
    "api-missing-episode-prevention-interview": "405 405 405 405 405 405 403 405 403 405 401",
    "api-missing-episode-waiver":       "405 405 405 405 405 405 403 405 403 405 401",
    "api-missing-episode-close":        "405 405 405 405 405 405 403 405 403 405 401",
    "api-missing-episode-search-plan":  "200 200 200 200 200 200 403 200 403 404 401",
    "api-missing-episode-queue":        "403 403 403 403 200 200 403 403 403 200 401",
    "api-missing-episode-dashboard":    "403 403 403 200 200 200 403 200 403 200 401",
    "api-missing-rhi-list":             "200 200 200 200 200 200 200 200 200 200 401",
    "api-missing-rhi-detail":           "200 200 200 200 200 200 200 200 404 404 401",
    "api-missing-rhi-complete":         "405 405 405 405 405 405 405 405 405 405 401",
    "api-missing-profile-list":         "200 200 200 200 200 200 200 200 200 200 401",
    "api-missing-profile-detail":       "200 200 200 200 200 200 404 200 404 404 401",
    "api-missing-profile-places":       "405 405 405 405 405 405 405 405 405 405 401",
}
MATRIX = {**PAGES, **API}

_EPISODE = {"detail", "grade", "found", "prevention", "close", "review", "rescue_alert", "supervisor", "waiver",
            "search", "briefing", "briefing_pdf"}
_PROFILE = {"profile", "profile_edit", "profile_move", "profile_photo", "profile_place_add"}


def build(*, force, users, csc, team, base) -> dict:
    officer, supervisor = users["response_officer"], users["supervisor"]
    on = timezone.localdate()
    child = PersonFactory(force=force, forenames="Tilly", surname="Marchbank", date_of_birth=on - dt.timedelta(days=13 * 366))
    home = AddressFactory(force=force, line1="Rowan House", town="Midtown", local_authority="Midtown")
    PersonAddress.objects.create(person=child, address=home, kind=PersonAddress.Kind.CARE_PLACEMENT)
    now = timezone.now()

    def report(hours):
        return services.report_missing(
            force=force, by=officer, person=child, reporter_name="A carer", reporter_contact="07700 900000",
            reporter_relationship="Carer", reported_at=now - dt.timedelta(hours=hours),
            last_seen_at=now - dt.timedelta(hours=hours + 1), last_seen_place="Rowan House",
            circumstances="Did not come back.", placement=MissingEpisode.Placement.RESIDENTIAL, supervisor=supervisor)

    earlier = report(30)
    services.record_found(episode=earlier, by=officer, found_at=now - dt.timedelta(hours=20), place="Park",
                          kind="public", found_by="police", condition="safe")
    episode = report(2)
    provider = OrganisationFactory(force=force, name="Rowan Care", kind=Organisation.Kind.CARE_PROVIDER, area="")
    carer = UserFactory(username="rowan_carer", force=force, organisation=provider, roles=[Role.PARTNER])
    profile = profiles.create_profile(person=child, organisation=provider, by=carer, phone="07700 900111")
    place = profiles.add_place(profile=profile, by=carer, label="Skate park")
    return {
        "missing_episode": episode,
        "missing_action": services.episode_tasks(episode).get(kind="missing.action.call_phone"),
        "missing_rhi": earlier.return_interview,
        "missing_profile": profile,
        "missing_place": place,
    }


def url_kwargs(name: str, data) -> dict | None:
    ns, _, short = name.rpartition(":")
    if ns == "missing":
        if short in _EPISODE:
            return {"pk": data["missing_episode"].pk}
        if short == "action_done":
            return {"pk": data["missing_episode"].pk, "task_pk": data["missing_action"].pk}
        if short == "rhi_detail":
            return {"pk": data["missing_rhi"].pk}
        if short in _PROFILE:
            return {"pk": data["missing_profile"].pk}
        if short == "profile_place_remove":
            return {"pk": data["missing_profile"].pk, "place_pk": data["missing_place"].pk}
        return {}
    for prefix, key in (("api-missing-episode-", "missing_episode"), ("api-missing-rhi-", "missing_rhi"),
                        ("api-missing-profile-", "missing_profile")):
        if name.startswith(prefix):
            if name.endswith(("-list", "-queue", "-dashboard")):
                return {}
            return {"pk": data[key].pk}
    return None
