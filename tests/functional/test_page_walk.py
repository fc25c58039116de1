"""Accessibility walk: every GET page each role can reach, found by walking the URL resolver.

For each role a browser context signs in through the real sign-in page, then visits every page of
our namespaces (URL arguments filled from a small fictional data set made through the services).
Pages answering 403/404/405 for that role are skipped. Each page reached must have one <h1>, a
<title>, no Content Security Policy violation in the console, and no axe-core violation (WCAG 2.2 AA).
The HTML of every page is checked as fetched (with the context's cookies); the browser opens a page,
for axe and the console, once per distinct structure (URL name + the set of element classes in
<main>), so a page rendered the same way for several roles is not checked again: this keeps the walk
to about two and a half minutes.

Failures are collected and reported together as (role, page, problem) so one run lists them all.
"""

from __future__ import annotations

import functools
import hashlib
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.factories import (
    AddressFactory,
    OrganisationFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
)
from tests.functional.conftest import AXE_EXCLUDED, PASSWORD, login
from vigil.accounts.models import Organisation, TeamMembership
from vigil.accounts.roles import Role
from vigil.core import services as core_services
from vigil.people import services as people_services
from vigil.people.models import Marker, PartnerShare, Relationship

pytestmark = pytest.mark.functional

NAMESPACES = ("core", "people", "incidents", "missing", "offenders", "accounts")
EXTRA_PAGES = ["/accessibility/", "/api/v1/docs/", "/accounts/2fa/", "/accounts/logout/"]
SKIP_STATUSES = {403, 404, 405}
# Roles walked: the fixture users (one per role) plus partner users of the other organisation kinds,
# who see pages nobody else does (care-provider profiles, school notifications).
# The last two walk only the namespaces where their pages differ from the partner's, to save time.
WALKERS = {"supervisor": None, "response_officer": None, "partner": None, "auditor": None, "sysadmin": None,
           "offender_manager": None, "missing_coordinator": None, "carer": ("core", "missing"),
           "school_dsl": ("core", "incidents")}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CSP_WORDS = ("Content Security Policy", "Content-Security-Policy", "Refused to")
JSON_SCRIPT_TYPES = {"application/json", "application/ld+json", "importmap"}
# Pages whose scripts keep fetching after "load" (Swagger UI loads the schema): wait for them, so the
# next request does not race the fetch for the in-memory test database's session table.
WAIT_FOR_NETWORK = {"/api/v1/docs/"}
# Known problems in pages owned elsewhere, each with its reason (see docs/accessibility.md, "Known
# issues"). Keyed by (page, problem kind). Remove an entry when its page is fixed.
_SWAGGER = "Swagger UI (drf-spectacular's template and the sidecar's script), owned by the API module"
KNOWN_ISSUES: dict[tuple[str, str], str] = {
    ("/api/v1/docs/", "h1"): f"{_SWAGGER}: the API title is an <h2>",
    ("/api/v1/docs/", "axe html-has-lang"): f"{_SWAGGER}: the base template's <html> has no lang",
    ("/api/v1/docs/", "axe color-contrast"): f"{_SWAGGER}: grey version stamp and URL text",
    ("/api/v1/docs/", "axe nested-interactive"): f"{_SWAGGER}: operation summaries are buttons holding links",
    ("/api/v1/docs/", "axe target-size"): f"{_SWAGGER}: small copy and deep-link targets",
}


# ---------------------------------------------------------------------------------------------
# The data set: fictional people and one record of each kind, made through the services.


@dataclass
class Data:
    objects: dict = field(default_factory=dict)

    def __getitem__(self, key):
        return self.objects[key]

    def __setitem__(self, key, value):
        self.objects[key] = value


def _age(years: int) -> date:
    return timezone.localdate() - timedelta(days=int(365.25 * years) + 40)


def _people(data: Data, force, users) -> None:
    officer, supervisor = users["response_officer"], users["supervisor"]
    today = timezone.localdate()
    mother = people_services.create_person(force=force, by=officer, forenames="Amelia", surname="Hartwell",
                                           date_of_birth=date(1990, 3, 14), gender="female")
    child = people_services.create_person(force=force, by=officer, forenames="Oliver", surname="Hartwell",
                                          date_of_birth=_age(9), gender="male")
    people_services.add_alias(person=mother, by=officer, forenames="Amy", surname="Hartwell")
    home = people_services.add_address(person=mother, by=officer, line1="14 Elm Grove", town="Midtown",
                                       postcode="MD1 2AB", local_authority="Midtown",
                                       from_date=today - timedelta(days=900))
    people_services.add_address(person=child, by=officer, line1="14 Elm Grove", town="Midtown", postcode="MD1 2AB",
                                local_authority="Midtown", from_date=today - timedelta(days=900))
    people_services.add_address(person=mother, by=officer, line1="3 Old Mill Lane", town="Midtown",
                                postcode="MD2 9ZZ", local_authority="Midtown",
                                from_date=today - timedelta(days=2000), to_date=today - timedelta(days=901))
    people_services.add_relationship(person=mother, other=child, kind=Relationship.Kind.PARENT, by=officer)
    marker = people_services.add_marker(person=mother, kind=Marker.Kind.DOMESTIC_ABUSE, by=officer,
                                        start_date=today - timedelta(days=30), review_date=today + timedelta(days=60),
                                        notes="Victim of domestic abuse; see incidents.")
    people_services.add_marker(person=child, kind=Marker.Kind.CP_PLAN, by=officer,
                               start_date=today - timedelta(days=60), review_date=today - timedelta(days=1))
    restricted = people_services.create_person(force=force, by=supervisor, forenames="Rowan", surname="Ashby",
                                               date_of_birth=date(1985, 7, 2), restricted=True)
    duplicate = people_services.create_person(force=force, by=officer, forenames="Amelia", surname="Hartwel",
                                              date_of_birth=date(1990, 3, 14))
    data.objects.update(person=mother, child=child, home_link=home, marker=marker, restricted=restricted,
                        duplicate=duplicate)


def _tasks(data: Data, force, users) -> None:
    now = timezone.now()
    data["task"] = core_services.create_task(
        force=force, kind="general", title="Check on Oliver Hartwell after the school visit",
        due_at=now + timedelta(hours=3), by=users["supervisor"], owner=users["response_officer"],
        person=data["child"], detail="Ring the school's safeguarding lead.")
    core_services.create_task(force=force, kind="general", title="Review the Hartwell household",
                              due_at=now - timedelta(hours=5), by=users["supervisor"], team=data["team"],
                              person=data["person"])


def _incidents(data: Data, force, users, csc, school) -> None:
    try:
        from vigil.incidents import importers, safeguarding, services
        from vigil.incidents.models import IncidentPerson, IncidentType, SchoolEnrolment
        from vigil.incidents.reference import ensure_incident_types
    except ImportError:
        return
    ensure_incident_types()
    officer = users["response_officer"]
    occurred = timezone.now() - timedelta(hours=2)
    role = IncidentPerson.Role
    SchoolEnrolment.objects.create(person=data["child"], school=school, from_date=date(2022, 9, 1))
    incident = services.create_incident(
        force=force, by=officer, reference="MID-26-000101", incident_type=IncidentType.objects.get(code="domestic_abuse"),
        occurred_at=occurred, attending_officer=officer, location="14 Elm Grove",
        narrative=("Called to a verbal and physical argument between partners at the address. The female IP has a "
                   "red mark to her cheek. Their son, aged 9, was upstairs and heard the shouting."),
        people=[(data["person"], role.VICTIM), (data["child"], role.CHILD_PRESENT)])
    assessment = safeguarding.complete_assessment(
        child=incident.children.get(person=data["child"]), by=officer, organisation=csc,
        seen_and_heard="Shouting heard from the street; broken glass in the kitchen.", child_spoken_to=True,
        child_said="I hid under my bed.", immediate_needs="Needs a safe place tonight.", risk_grade="high",
        immediate_action="police_protection", referral_decision="refer",
        referral_rationale="Child exposed to domestic abuse.", where_child_was="Upstairs",
        protection=safeguarding.ProtectionDetails(taken_at=occurred + timedelta(minutes=30),
                                                  accommodation="Emergency foster placement",
                                                  designated_officer=users["supervisor"]))
    # A second incident, its child not yet assessed, so the assessment page and the queue have work.
    baby = PersonFactory(force=force, forenames="Maisie", surname="Holloway", date_of_birth=_age(1))
    pending = services.create_incident(
        force=force, by=officer, reference="MID-26-000102",
        incident_type=IncidentType.objects.get(code="drink_drug_driving"), occurred_at=occurred,
        attending_officer=officer, narrative=("Driver arrested for drug-driving on the A61. His one-year-old "
                                              "daughter was in a child seat in the rear."),
        people=[(baby, role.CHILD_PRESENT)])
    batch, _ = importers.start(force=force, by=users["supervisor"], filename="cad-export.csv", raw=(
        b"reference,type,occurred_at,location,address_line1,address_town,address_postcode,narrative,officer\n"
        b'CAD-77,asb,2026-01-10 21:10,Market Square,,,,"Group of adults shouting outside a shop. Dispersed.",\n'
    ))
    data.objects.update(
        incident=incident, incident_link=IncidentPerson.objects.filter(incident=incident).first(),
        referral=assessment.referral, encompass=assessment.encompass_notification,
        protection=assessment.police_protection,
        pending=pending, pending_child=pending.children.get(), batch=batch)


def _missing(data: Data, force, users, csc, care_provider, carer) -> None:
    try:
        from vigil.missing import profiles, services
        from vigil.missing.deadlines import ACTION_PREFIX
        from vigil.missing.models import MissingEpisode
    except ImportError:
        return
    officer, supervisor = users["response_officer"], users["supervisor"]
    chloe = PersonFactory(force=force, forenames="Chloe", surname="Brannigan", date_of_birth=_age(13),
                          gender="female")
    home = AddressFactory(force=force, line1="Willow House", line2="12 Mill Road", town="Midtown",
                          postcode="MD1 4AB", local_authority="Midtown", latitude=Decimal("52.460000"),
                          longitude=Decimal("-1.620000"))
    people_services.add_address(person=chloe, by=officer, line1=home.line1, line2=home.line2, town=home.town,
                                postcode=home.postcode, local_authority="Midtown", kind="placement",
                                from_date=timezone.localdate() - timedelta(days=200))
    profile = profiles.create_profile(person=chloe, organisation=care_provider, by=carer, phone="07700 900123",
                                      description="Slim, shoulder-length dyed red hair, nose stud.",
                                      associates="Jade Okoro", trigger_plan="Ring her mobile at once.")
    place = profiles.add_place(profile=profile, by=carer, label="Retail park", kind="shops", latitude="52.450000",
                               longitude="-1.600000")
    # A second child placed with the provider, shared but with no profile yet (the "new profile" page).
    placed = PersonFactory(force=force, forenames="Tyler", surname="Benson", date_of_birth=_age(14), gender="male")
    PartnerShare.objects.create(person=placed, organisation=care_provider, shared_by=officer,
                                reason="Placed at Willow House (looked-after child).")
    now = timezone.now()

    def report(hours_ago: float, **extra):
        reported = now - timedelta(hours=hours_ago)
        return services.report_missing(
            force=force, by=officer, person=chloe, reporter_name="Dawn Pike", reporter_contact="07700 900456",
            reporter_relationship="Residential care worker", reported_at=reported,
            last_seen_at=reported - timedelta(hours=1), last_seen_place="Leaving Willow House by the back gate",
            circumstances="Did not return after school.", placement=MissingEpisode.Placement.RESIDENTIAL,
            supervisor=supervisor, **extra)

    returned = report(30)
    services.record_found(episode=returned, by=officer, found_at=now - timedelta(hours=20),
                          place="Friend's flat, Canal Street", kind="friend", found_by="police", condition="safe",
                          found_with="Jade Okoro")
    episode = report(2)
    services.grade_risk(episode=episode, by=supervisor, grade="high", rationale="Child on a protection plan.",
                        information=[{"detail": "Carer says she has been meeting older males",
                                      "source": "Dawn Pike", "obtained_at": now - timedelta(minutes=30)}])
    action = services.episode_tasks(episode).filter(kind__startswith=ACTION_PREFIX, status="open").first()
    returned.refresh_from_db()
    data.objects.update(episode=episode, returned=returned, action=action, profile=profile, place=place,
                        rhi=getattr(returned, "return_interview", None), placed_child=placed)


def _offenders(data: Data, force, users) -> None:
    try:
        from vigil.offenders import services
        from vigil.offenders.models import Breach, CustodyPeriod, Notification
    except ImportError:
        return
    manager = users["offender_manager"]
    person = PersonFactory(force=force, forenames="Dennis", surname="Thorne", date_of_birth=date(1978, 11, 5))
    people_services.add_address(person=person, by=manager, line1="22 Quarry Road", town="Midtown",
                                postcode="MD3 1QR", local_authority="Midtown", from_date=date(2021, 5, 1))
    registrant = services.register_offender(
        person=person, by=manager, manager=manager, managed_from=timezone.localdate() - timedelta(days=400),
        initial_notified_on=timezone.localdate() - timedelta(days=395),
        conviction=dict(kind="conviction", offence="Sexual assault (SOA 2003 s.3)", relevant_date=date(2020, 1, 15),
                        age_on_relevant_date=None, disposal="imprisonment", term_months=12, discharge_months=None,
                        court="Midtown Crown Court"))
    period = services.add_custody(registrant=registrant, by=manager, kind=CustodyPeriod.Kind.ABROAD,
                                  from_date=timezone.localdate() - timedelta(days=10))
    breach = services.open_breach(registrant=registrant, by=manager, kind=Breach.Kind.values[0],
                                  summary="Did not attend the annual re-notification.",
                                  opened_on=timezone.localdate() - timedelta(days=3))
    data.objects.update(registrant=registrant, period=period, breach=breach,
                        notification_kind=Notification.Kind.CHANGE)


@pytest.fixture
def data(transactional_db, users, force, team, csc):
    care_provider = OrganisationFactory(force=force, name="Brightpath Children's Homes",
                                        kind=Organisation.Kind.CARE_PROVIDER, area="")
    school = OrganisationFactory(force=force, name="Midtown Primary School", kind=Organisation.Kind.SCHOOL,
                                 area="Midtown")
    carer = UserFactory(username="carer", force=force, organisation=care_provider, roles=[Role.PARTNER])
    UserFactory(username="school_dsl", force=force, organisation=school, roles=[Role.PARTNER])
    made = Data()
    made.objects.update(team=team, user=users["response_officer"], other_team=TeamFactory(force=force, name="CAIT"))
    TeamMembership.objects.create(user=users["pp_investigator"], team=made["other_team"])
    _people(made, force, users)
    _tasks(made, force, users)
    _incidents(made, force, users, csc, school)
    _missing(made, force, users, csc, care_provider, carer)
    _offenders(made, force, users)
    return made


# Pages the walk cannot open, with why.
NOT_REACHED = {"missing:profile_photo": "an image, and the data set has no photograph"}


# ---------------------------------------------------------------------------------------------
# The pages: every named URL in our namespaces, arguments filled from the data set.

# Which object fills `pk` by default, per namespace; then the exceptions, per URL name.
DEFAULT_PK = {"core": "task", "people": "person", "incidents": "incident", "missing": "episode",
              "offenders": "registrant", "accounts": "user"}
KWARGS = {
    "people:address_end": {"link_pk": "home_link"},
    "people:marker_end": {"marker_pk": "marker"},
    "incidents:unlink_person": {"link_pk": "incident_link"},
    "incidents:assess": {"pk": "pending", "child_pk": "pending_child"},
    "incidents:referral": {"pk": "referral"},
    "incidents:referral_acknowledge": {"pk": "referral"},
    "incidents:referral_decide": {"pk": "referral"},
    "incidents:encompass": {"pk": "encompass"},
    "incidents:encompass_acknowledge": {"pk": "encompass"},
    "incidents:encompass_send": {"pk": "encompass"},
    "incidents:protection": {"pk": "protection"},
    "incidents:import_preview": {"pk": "batch"},
    "missing:action_done": {"task_pk": "action"},
    "missing:rhi_detail": {"pk": "rhi"},
    "missing:profile": {"pk": "profile"},
    "missing:profile_edit": {"pk": "profile"},
    "missing:profile_photo": {"pk": "profile"},
    "missing:profile_place_add": {"pk": "profile"},
    "missing:profile_place_remove": {"pk": "profile", "place_pk": "place"},
    "missing:profile_move": {"pk": "profile"},
    "offenders:custody_end": {"period_pk": "period"},
    "offenders:notification_add": {"kind": "notification_kind"},
    "offenders:breach_close": {"breach_pk": "breach"},
    "accounts:team_edit": {"pk": "team"},
    "accounts:team_member_add": {"pk": "team"},
    "accounts:team_member_change": {"pk": "team", "user_pk": "user"},
}


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", list(getattr(entry.pattern, "converters", {}))


def named_urls() -> list[tuple[str, list[str]]]:
    root = get_resolver()
    found = []
    for namespace in NAMESPACES:
        if namespace in root.namespace_dict:
            _, sub = root.namespace_dict[namespace]
            found.extend(_patterns(sub, f"{namespace}:"))
    return found


def pages(data: Data) -> tuple[list[tuple[str, str]], list[str]]:
    """(URL name, path) for every page, and the names whose arguments the data set cannot fill."""
    urls, unfilled = [], []
    for name, args in named_urls():
        namespace = name.split(":")[0]
        spec = {"pk": DEFAULT_PK[namespace], **KWARGS.get(name, {})}
        kwargs = {}
        for arg in args:
            value = data.objects.get(spec.get(arg, ""))
            if value is None:
                break
            kwargs[arg] = getattr(value, "pk", value)
        else:
            urls.append((name, reverse(name, kwargs=kwargs)))
            continue
        unfilled.append(name)
    states = [
        ("people:search", "/people/?surname=Hartwell"),  # results, with reasons
        ("people:detail", reverse("people:detail", args=[data["child"].pk])),  # shared with the partner
        ("people:detail", reverse("people:detail", args=[data["restricted"].pk])),  # asks for a reason
        ("core:audit_search", f"/work/audit/?person={data['person'].pk}"),
    ]
    if "placed_child" in data.objects:
        states.append(("missing:profile_create", f"/missing/profiles/new/?person={data['placed_child'].pk}"))
    return urls + states + [(path, path) for path in EXTRA_PAGES], unfilled


# ---------------------------------------------------------------------------------------------
# The checks.

class PageFacts(HTMLParser):
    """What the server sent: <h1> count, <title>, the structure of <main>, and anything the strict
    CSP would block (inline scripts, style attributes, event-handler attributes)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.h1 = 0
        self.title = ""
        self.structure: set[str] = set()
        self.csp: list[str] = []
        self._main = 0
        self._in_title = False
        self._inline_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "h1":
            self.h1 += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "main":
            self._main += 1
        elif tag == "script" and "src" not in values and values.get("type") not in JSON_SCRIPT_TYPES:
            self._inline_script = True
        if self._main:
            self.structure.add(f"{tag}.{values.get('class') or ''}")
        if "style" in values:
            self.csp.append(f"style attribute on <{tag}>")
        self.csp += [f"{name} attribute on <{tag}>" for name in values if name.startswith("on")]

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "main":
            self._main -= 1
        elif tag == "script":
            self._inline_script = False

    def handle_data(self, text):
        if self._in_title:
            self.title += text
        if self._inline_script and text.strip():
            self.csp.append("inline <script>")


@functools.cache
def _axe_script() -> str:
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


def axe_violations(page) -> list[tuple[str, str]]:
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    if AXE_EXCLUDED:
        options["rules"] = {rule: {"enabled": False} for rule in AXE_EXCLUDED}
    found = []
    for violation in page.evaluate("options => axe.run(document, options)", options)["violations"]:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
        found.append((violation["id"], "; ".join(targets)))
    return found


class Walk:
    """Visits pages as one signed-in user, collecting problems instead of stopping at the first.

    Every page is fetched (with the browser context's cookies) and its HTML checked; the browser
    opens it, for axe and the console, only when its structure has not been checked before."""

    def __init__(self, page, role: str, checked: set, post_only: set | None = None, outcomes: dict | None = None):
        self.page, self.role, self.checked = page, role, checked
        self.outcomes = outcomes if outcomes is not None else {}
        self.post_only = post_only if post_only is not None else set()
        self.problems: list[str] = []
        self.reached: list[str] = []
        self.axe_runs = 0

    def problem(self, where: str, what: str) -> None:
        if (where, what.split(":")[0]) in KNOWN_ISSUES:
            return
        self.problems.append(f"{self.role:<20} {where}: {what}")

    def check(self, name: str, path: str, *, force_axe: bool = False) -> None:
        if path in self.post_only:
            return
        answer = self.page.request.get(path)  # follows redirects, as the browser would
        self.outcomes.setdefault(name, set()).add(answer.status)
        if answer.status == 405:  # POST-only for everyone: no need to ask again as the next role
            self.post_only.add(path)
        if answer.status in SKIP_STATUSES:
            return
        if answer.status >= 400:
            self.problem(path, f"answered {answer.status}")
            return
        if "text/html" not in (answer.headers.get("content-type") or ""):
            return
        self.reached.append(path)
        landed = answer.url.split("://", 1)[-1].split("/", 1)[-1]
        where = path if f"/{landed}" == path else f"{path} -> /{landed}"
        facts = PageFacts(answer.text())
        if facts.h1 != 1:
            self.problem(where, f"h1: {facts.h1} <h1> elements (need exactly one)")
        title = " ".join(facts.title.split())
        if not title or title.startswith("–"):
            self.problem(where, f"title: empty or missing <title> ({title!r})")
        for what in sorted(set(facts.csp)):
            self.problem(where, f"csp: {what}")
        signature = hashlib.sha256("|".join([name, *sorted(facts.structure)]).encode()).hexdigest()
        if signature in self.checked and not force_axe:
            return
        self.checked.add(signature)
        self.browse(path, where)

    def browse(self, path: str, where: str, *, status: int = 200) -> None:
        page = self.page
        del page.console_errors[:]
        response = page.goto(path)
        if path in WAIT_FOR_NETWORK:
            page.wait_for_load_state("networkidle")
        if response is None or response.status != status:
            self.problem(where, f"answered {response and response.status} in the browser, not {status}")
            return
        self.axe_runs += 1
        for rule, elements in axe_violations(page):
            self.problem(where, f"axe {rule}: {elements}")
        for error in page.console_errors:
            if any(word in error for word in CSP_WORDS):
                self.problem(where, f"csp: console: {error[:200]}")


def new_page(browser, base_url, **options):
    context = browser.new_context(base_url=base_url, locale="en-GB", timezone_id="Europe/London", **options)
    context.add_init_script(script=_axe_script())  # loaded with each page, not sent again for each run
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    return context, page


# ---------------------------------------------------------------------------------------------
# The tests.


def _walk_anonymous(browser, base_url, checked) -> list[str]:
    """Signed out: the sign-in page and the error pages, as anyone would first meet them."""
    context, page = new_page(browser, base_url)
    # First, that axe is running at all: a page with known faults must fail.
    page.set_content('<html><body><img src="x.png"><a href="/x"></a></body></html>')
    assert {"html-has-lang", "image-alt", "link-name"} <= {rule for rule, _ in axe_violations(page)}
    walk = Walk(page, "anonymous", checked)
    walk.check("account_login", "/accounts/login/")
    walk.browse("/no-such-page/", "/no-such-page/", status=404)
    context.close()
    return walk.problems


def test_every_page_every_role_can_reach(_browser, live_server, data):
    urls, unfilled = pages(data)
    assert not unfilled, f"add these URL names to KWARGS (or the data set) in {__name__}: {unfilled}"
    checked: set[str] = set()
    post_only: set[str] = set()
    outcomes: dict[str, set[int]] = {}
    problems = _walk_anonymous(_browser, live_server.url, checked)
    reached = {}
    for role, scope in WALKERS.items():
        started = time.monotonic()
        context, page = new_page(_browser, live_server.url)
        login(page, role, PASSWORD)
        assert "/accounts/login/" not in page.url, f"{role} could not sign in"
        walk = Walk(page, role, checked, post_only, outcomes)
        for name, path in urls:
            if scope is None or name.split(":")[0] in scope:
                walk.check(name, path)
        # The 403 and 404 pages, as a signed-in user meets them.
        if role == "partner":
            walk.browse("/work/audit/", "/work/audit/", status=403)
            walk.browse("/people/999999/", "/people/999999/", status=404)
        reached[role] = len(walk.reached)
        problems += walk.problems
        context.close()
        print(f"WALK {role}: {len(walk.reached)} pages, {walk.axe_runs} axe runs, {time.monotonic() - started:.1f}s")

    # Each role reaches its own work; a walk that reached almost nothing is itself a failure.
    assert all(count >= 3 for count in reached.values()), reached
    # Every page was opened by someone, unless it is POST-only: else its URL arguments are wrong.
    unreached = {name: sorted(codes) for name, codes in outcomes.items()
                 if 200 not in codes and codes != {405} and name not in NOT_REACHED}
    assert not unreached, f"pages no role could open (fix KWARGS or the data set): {unreached}"
    assert not problems, "accessibility walk found problems:\n" + "\n".join(problems)


WIDEST_JS = """() => {
  const limit = document.documentElement.clientWidth + 1;
  const over = Array.from(document.body.querySelectorAll('*')).filter(
    el => el.getBoundingClientRect().right > limit && el.getClientRects().length);
  // The innermost elements that stick out: those with no child that sticks out too.
  // A table inside its scroll region ({% scroll_table %}) may stick out of the screen: the region scrolls.
  const inner = over.filter(el => !Array.from(el.children).some(child => over.includes(child))
    && !el.closest('.vigil-table-scroll'));
  return inner.slice(0, 3).map(el => {
    const name = el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim().split(/\\s+/).join('.') : '');
    return name + ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
  });
}"""


def _reflow_problem(page) -> str:
    """WCAG 1.4.10 Reflow: at 320 CSS px nothing may need scrolling sideways (we check 375, a phone).
    Data tables are exempt, but only the table should scroll, in its own region, never the page."""
    wide = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if wide <= 1:
        return ""
    sticking_out = page.evaluate(WIDEST_JS)
    return f"reflow: the page is {wide}px wider than the screen; sticking out: {'; '.join(sticking_out) or '?'}"


def test_key_pages_on_a_phone(_browser, live_server, data):
    paths = ["/work/", "/people/?surname=Hartwell", reverse("people:detail", args=[data["person"].pk])]
    for key, name in (("incident", "incidents:detail"), ("episode", "missing:detail"),
                      ("registrant", "offenders:detail")):
        if key in data.objects:
            paths.append(reverse(name, args=[data[key].pk]))
    problems = []
    context, page = new_page(_browser, live_server.url, viewport={"width": 375, "height": 812})
    walk = Walk(page, "anonymous @375px", set())
    walk.browse("/accounts/login/", "/accounts/login/")
    problem = _reflow_problem(page)
    if problem:
        walk.problem("/accounts/login/", problem)
    login(page, "supervisor", PASSWORD)
    walk.role = "supervisor @375px"
    for path in paths:
        walk.browse(path, path)
        problem = _reflow_problem(page)
        if problem:
            walk.problem(path, problem)
    # A form with errors: the error summary, at phone width.
    walk.browse("/people/?forenames=&surname=", "/people/ (with errors)", status=400)
    problems += walk.problems
    context.close()
    assert not problems, "problems on a 375px-wide screen:\n" + "\n".join(problems)


def test_key_forms_work_by_keyboard_without_javascript(_browser, live_server, data):
    context, page = new_page(_browser, live_server.url, java_script_enabled=False)
    login(page, "response_officer", PASSWORD)
    assert page.url.endswith("/work/"), "signing in needs no JavaScript"

    # Keyboard only: the skip link comes first and jumps to the content.
    page.goto("/people/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main-content")

    # People search, by keyboard: a GET form with a typo still finds the person.
    page.get_by_label("Surname").focus()
    page.keyboard.type("Hartwel")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "surname=Hartwel" in page.url
    assert page.get_by_role("link", name="Amelia Hartwell").first.is_visible()

    # The same form, empty: the error summary links to the field, and the title says there is an error.
    page.goto("/people/")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible() and "There is a problem" in summary.inner_text()
    assert summary.locator("a").first.get_attribute("href").startswith("#")
    assert page.title().startswith("Error:")

    # A POST form: mark the task done.
    page.goto(reverse("core:task_detail", args=[data["task"].pk]))
    page.get_by_label("What was done").fill("Spoke to the school's safeguarding lead; no new concerns.")
    page.get_by_role("button", name="Mark as done").click()
    page.wait_for_load_state()
    assert page.url.endswith("/work/")
    data["task"].refresh_from_db()
    assert data["task"].status == "done"

    # The language switch and sign-out are plain forms too.
    page.get_by_role("button", name="Cymraeg").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Fy ngwaith"
    assert page.locator("html").get_attribute("lang") == "cy"
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "My work"
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert "/accounts/login/" in page.url and page.get_by_role("button", name="Sign out").count() == 0
    context.close()
