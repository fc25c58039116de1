"""Registered sex offenders (SOA 2003 Part 2, domain.md C): the registrant, convictions, orders,
custody spells, notifications and the obligations they create, breaches (s.91), risk
assessments, home visits, intelligence, links to children and the overdue trend.

What is stored is what happened. What time changes - a visit or assessment being overdue, an
obligation being missed, the notification period having ended - is derived when read
(querysets.py, rules.py, visits.py). Registrant keeps three facts copied from its history so the
dashboards can use indexes: the current risk level, the next review date of the latest risk
assessment, and the date the visit clock runs from (the last completed visit).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vigil.offenders.querysets import ObligationQuerySet, RegistrantQuerySet
from vigil.offenders.statute import Disposal

ACTIVE = Q(ended_on__isnull=True)


class RiskLevel(models.TextChoices):
    NOT_ASSESSED = "not_assessed", _("Not yet assessed")
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    VERY_HIGH = "very_high", _("Very high")


class Registrant(models.Model):
    class Management(models.TextChoices):
        ACTIVE = "active", _("Active (home visits)")
        REACTIVE = "reactive", _("Reactive (no home visits)")

    class EndReason(models.TextChoices):
        PERIOD_ENDED = "period_ended", _("Notification period ended")
        DISCHARGED = "discharged", _("Indefinite requirements discharged on review (s.91C)")
        MOVED = "moved", _("Moved to another force area")
        DIED = "died", _("Died")
        OTHER = "other", _("Other")

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="registrants")
    person = models.OneToOneField("people.Person", on_delete=models.PROTECT, related_name="registrant")
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="rso_caseload",
        help_text=_("The named offender manager (MOSOVO officer), domain.md C10."),
    )
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="registrants")
    visor_ref = models.CharField(_("ViSOR reference"), max_length=40, blank=True)
    mappa_category = models.PositiveSmallIntegerField(
        _("MAPPA category"), default=1, choices=[(1, "1"), (2, "2"), (3, "3"), (4, "4")])
    mappa_level = models.PositiveSmallIntegerField(
        _("MAPPA level"), default=1, choices=[(1, "1"), (2, "2"), (3, "3")])
    managed_from = models.DateField(help_text=_("When this force started managing the registrant."))
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)
    # From the latest notification: no sole or main residence means weekly notification (s.85).
    no_fixed_abode = models.BooleanField(default=False)
    home_address = models.ForeignKey("people.Address", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="registrants")
    # Copies of facts from the history, maintained by services.py in the same transaction.
    risk_level = models.CharField(max_length=12, choices=RiskLevel.choices, default=RiskLevel.NOT_ASSESSED)
    risk_review_due = models.DateField(null=True, blank=True)
    visit_clock_from = models.DateField(
        help_text=_("The last completed home visit, or the start of management if there has been none."))
    management = models.CharField(max_length=10, choices=Management.choices, default=Management.ACTIVE)
    reactive_since = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    objects = RegistrantQuerySet.as_manager()

    class Meta:
        # No default ordering: it would join people into every count and dashboard query.
        indexes = [
            models.Index(fields=["manager", "visit_clock_from"], condition=ACTIVE, name="rso_manager_clock"),
            models.Index(fields=["manager", "risk_review_due"], condition=ACTIVE, name="rso_manager_review"),
            models.Index(fields=["force", "risk_level", "visit_clock_from"], condition=ACTIVE,
                         name="rso_force_level_clock"),
            models.Index(fields=["force", "risk_review_due"], condition=ACTIVE, name="rso_force_review"),
            models.Index(fields=["team", "risk_level", "visit_clock_from"], condition=ACTIVE,
                         name="rso_team_level_clock"),
            models.Index(fields=["home_address"], condition=ACTIVE, name="rso_home_address"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(management="active", reactive_since__isnull=True)
                | Q(management="reactive", reactive_since__isnull=False),
                name="rso_reactive_since_paired",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, end_reason="") | (Q(ended_on__isnull=False) & ~Q(end_reason="")),
                name="rso_end_paired",
            ),
        ]

    def __str__(self) -> str:
        return f"Registrant {self.person}"

    @property
    def reference(self) -> str:
        return f"R-{self.pk}" + (f" (ViSOR {self.visor_ref})" if self.visor_ref else "")

    def merge_conflict_message(self, kept) -> str:
        """Why the person records of `kept` and this registration cannot be merged (people.services)."""
        return (f"Both records are registered sex offenders (registrations {kept.reference} and {self.reference}). "
                "A person can have only one registration, even after it ends: combine the registrations first, "
                "then merge the records.")

    @property
    def is_active(self) -> bool:
        return self.ended_on is None

    @property
    def is_reactive(self) -> bool:
        return self.management == self.Management.REACTIVE


class Conviction(models.Model):
    """A conviction, finding or caution that makes the person a relevant offender (s.80)."""

    class Kind(models.TextChoices):
        CONVICTION = "conviction", _("Conviction")
        FINDING = "finding", _("Finding (not guilty by reason of insanity, or under a disability)")
        CAUTION = "caution", _("Caution")

    DISPOSALS = [
        (Disposal.IMPRISONMENT.value, _("Imprisonment")),
        (Disposal.DTO.value, _("Detention and training order")),
        (Disposal.LIFE.value, _("Imprisonment for life")),
        (Disposal.IPP.value, _("Imprisonment for public protection")),
        (Disposal.HOSPITAL.value, _("Hospital order without a restriction order")),
        (Disposal.HOSPITAL_RESTRICTION.value, _("Hospital order with a restriction order")),
        (Disposal.CAUTION.value, _("Caution")),
        (Disposal.CONDITIONAL_DISCHARGE.value, _("Conditional discharge")),
        (Disposal.OTHER.value, _("Other (for example a fine or community order)")),
    ]

    registrant = models.ForeignKey(Registrant, on_delete=models.CASCADE, related_name="convictions")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.CONVICTION)
    offence = models.CharField(max_length=300)
    relevant_date = models.DateField(help_text=_("Date of the conviction, finding or caution (s.82(6))."))
    age_on_relevant_date = models.PositiveSmallIntegerField()
    disposal = models.CharField(max_length=24, choices=DISPOSALS)
    term_months = models.PositiveSmallIntegerField(null=True, blank=True)
    discharge_months = models.PositiveSmallIntegerField(null=True, blank=True)
    court = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-relevant_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(disposal__in=["imprisonment", "dto"], term_months__gte=1)
                | (~Q(disposal__in=["imprisonment", "dto"]) & Q(term_months__isnull=True)),
                name="rso_conviction_term_iff_custody",
            ),
            models.CheckConstraint(
                condition=Q(disposal="conditional-discharge", discharge_months__gte=1)
                | (~Q(disposal="conditional-discharge") & Q(discharge_months__isnull=True)),
                name="rso_conviction_discharge_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offence} ({self.relevant_date})"


class CustodyPeriod(models.Model):
    """Time in custody, hospital or outside the UK, disregarded when counting notification
    periods (s.83(6), s.84(5), s.85(3)-(4))."""

    class Kind(models.TextChoices):
        CUSTODY = "custody", _("Remanded or serving a sentence")
        HOSPITAL = "hospital", _("Detained in hospital")
        ABROAD = "abroad", _("Outside the United Kingdom")

    registrant = models.ForeignKey(Registrant, on_delete=models.CASCADE, related_name="custody_periods")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    from_date = models.DateField()
    released_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-from_date"]
        constraints = [
            models.CheckConstraint(condition=Q(released_on__isnull=True) | Q(released_on__gte=models.F("from_date")),
                                   name="rso_custody_release_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.from_date}"


class Order(models.Model):
    class Kind(models.TextChoices):
        SHPO = "shpo", _("Sexual harm prevention order")
        INTERIM_SHPO = "interim_shpo", _("Interim sexual harm prevention order")
        SRO = "sro", _("Sexual risk order")
        SOPO = "sopo", _("Sexual offences prevention order (historical)")
        NOTIFICATION = "notification", _("Notification order")
        OTHER = "other", _("Other order")

    registrant = models.ForeignKey(Registrant, on_delete=models.CASCADE, related_name="orders")
    kind = models.CharField(max_length=14, choices=Kind.choices)
    made_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text=_("Leave blank if it runs until further order."))
    conditions = models.TextField()
    court = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-made_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("made_on")),
                                   name="rso_order_ends_after_made"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    def is_active(self, on) -> bool:
        return self.made_on <= on and (self.ends_on is None or self.ends_on >= on)


class Notification(models.Model):
    """A notification given by the registrant in person at a police station (s.87)."""

    class Kind(models.TextChoices):
        INITIAL = "s83", _("Initial notification (s.83)")
        CHANGE = "s84", _("Notification of a change (s.84)")
        PERIODIC = "s85", _("Periodic re-notification (s.85)")
        TRAVEL = "s86", _("Foreign travel (s.86)")
        HOUSEHOLD = "reg10", _("Staying in a household with a child (2012 Regulations reg.10)")
        OTHER = "other", _("Other information (does not move the annual date)")

    class Change(models.TextChoices):
        NAME = "name", _("Using a name not previously notified")
        HOME_ADDRESS = "home_address", _("Change of home address")
        OTHER_PREMISES = "other_premises", _("Staying at premises not notified (qualifying period)")
        RELEASE = "release", _("Release from custody, imprisonment or hospital")
        PRESCRIBED = "prescribed", _("Other prescribed change")

    registrant = models.ForeignKey(Registrant, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=6, choices=Kind.choices)
    notified_at = models.DateTimeField()
    change = models.CharField(max_length=16, choices=Change.choices, blank=True)
    event_on = models.DateField(null=True, blank=True, help_text=_("When the change happened."))
    address = models.ForeignKey("people.Address", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="rso_notifications")
    no_fixed_abode = models.BooleanField(default=False)
    departure_at = models.DateTimeField(null=True, blank=True)
    details_known_on = models.DateField(null=True, blank=True)
    destination = models.CharField(max_length=200, blank=True)
    return_on = models.DateField(null=True, blank=True)
    stay_began_at = models.DateTimeField(null=True, blank=True)
    station = models.CharField(max_length=200, blank=True)
    details = models.TextField(blank=True)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-notified_at", "-pk"]
        indexes = [models.Index(fields=["registrant", "kind", "notified_at"], name="rso_notification_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {timezone.localtime(self.notified_at):%d %b %Y}"


class Obligation(models.Model):
    """A statutory notification deadline. Missed is derived: still open after its last day."""

    class Kind(models.TextChoices):
        INITIAL = "initial", _("Initial notification (s.83)")
        CHANGE = "change", _("Notification of a change (s.84)")
        PERIODIC = "periodic", _("Periodic re-notification (s.85)")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        MET = "met", _("Met")
        CANCELLED = "cancelled", _("No longer required")

    registrant = models.ForeignKey(Registrant, on_delete=models.CASCADE, related_name="obligations")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    event_on = models.DateField(help_text=_("The day the clock starts from."))
    due_on = models.DateField(null=True, blank=True, help_text=_("Last day; blank while in custody or abroad."))
    source = models.CharField(max_length=300)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    met_by = models.ForeignKey(Notification, null=True, blank=True, on_delete=models.PROTECT, related_name="meets")
    met_on = models.DateField(null=True, blank=True)
    closed_note = models.CharField(max_length=300, blank=True)
    task = models.ForeignKey("core.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ObligationQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="rso_obligation_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="met", met_on__isnull=False) | (~Q(status="met") & Q(met_on__isnull=True)),
                name="rso_obligation_met_paired",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} due {self.due_on or 'on release'}"


class Breach(models.Model):
    """A suspected offence under s.91: a workflow opened by the system when a deadline is missed
    (or by an officer), closed with a recorded outcome."""

    class Kind(models.TextChoices):
        MISSED = "missed", _("Failed to notify by the deadline")
        LATE = "late", _("Notified after the deadline")
        FALSE_INFORMATION = "false_information", _("Knowingly gave false information")
        TRAVEL = "travel", _("Foreign travel not notified in time")
        HOUSEHOLD = "household", _("Stay with a child not notified in time")
        ORDER = "order", _("Breach of an order (SHPO/SRO)")
        OTHER = "other", _("Other")

    class Outcome(models.TextChoices):
        REASONABLE_EXCUSE = "reasonable_excuse", _("Reasonable excuse accepted")
        WORDS_OF_ADVICE = "words_of_advice", _("Words of advice")
        CAUTIONED = "cautioned", _("Cautioned")
        CHARGED = "charged", _("Charged")
        NFA = "nfa", _("No further action")

    registrant = models.ForeignKey(Registrant, on_delete=models.CASCADE, related_name="breaches")
    obligation = models.ForeignKey(Obligation, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="breaches")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    summary = models.TextField()
    opened_on = models.DateField(help_text=_("The first day of the failure (a continuing offence, s.91)."))
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+", help_text=_("Blank when the system opened it."))
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_notes = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    task = models.ForeignKey("core.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True, closed_by__isnull=True, outcome="")
                | (Q(closed_at__isnull=False, closed_by__isnull=False) & ~Q(outcome="")),
                name="rso_breach_closed_paired",
            ),
            models.UniqueConstraint(fields=["obligation"], condition=Q(obligation__isnull=False),
                                    name="rso_one_breach_per_obligation"),
        ]

    def __str__(self) -> str:
        return f"Breach: {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class RiskAssessment(models.Model):
    class Tool(models.TextChoices):
        # domain.md C11: the tools named in the data model note.
        ARMS = "arms", _("ARMS")
        RM2000_S = "rm2000_s", _("Risk Matrix 2000/S")
        RM2000_V = "rm2000_v", _("Risk Matrix 2000/V")
        RM2000_C = "rm2000_c", _("Risk Matrix 2000/C")
        OSP_C = "osp_c", _("OSP/C")
        OSP_I = "osp_i", _("OSP/I")
        OASYS_ROSH = "oasys_rosh", _("OASys risk of serious harm")
        OTHER = "other", _("Other")

    LEVELS = [c for c in RiskLevel.choices if c[0] != RiskLevel.NOT_ASSESSED]

    registrant = models.ForeignKey(Registrant, on_delete=models.CASCADE, related_name="risk_assessments")
    tool = models.CharField(max_length=12, choices=Tool.choices)
    level = models.CharField(max_length=12, choices=LEVELS)
    assessed_on = models.DateField()
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    next_review_due = models.DateField()
    notes = models.TextField(blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        indexes = [models.Index(fields=["registrant", "assessed_on"], name="rso_risk_registrant")]
        constraints = [
            models.CheckConstraint(condition=Q(next_review_due__gt=models.F("assessed_on")),
                                   name="rso_risk_review_after_assessment"),
            models.CheckConstraint(condition=~Q(level="not_assessed"), name="rso_risk_level_assessed"),
        ]

    def __str__(self) -> str:
        return f"{self.get_tool_display()}: {self.get_level_display()} ({self.assessed_on})"


class HomeVisit(models.Model):
    class Kind(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNANNOUNCED = "unannounced", _("Unannounced")

    class Outcome(models.TextChoices):
        SEEN = "seen", _("Seen")
        NO_REPLY = "no_reply", _("No reply")
        ACCESS_REFUSED = "access_refused", _("Access refused")
        NOT_RESIDENT = "not_resident", _("Not resident at the address")

    registrant = models.ForeignKey(Registrant, on_delete=models.CASCADE, related_name="visits")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    visited_at = models.DateTimeField()
    address = models.ForeignKey("people.Address", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="rso_visits")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    second_officer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+")
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    children_seen = models.BooleanField(default=False)
    children = models.ManyToManyField("people.Person", blank=True, related_name="rso_visit_sightings")
    children_details = models.TextField(blank=True)
    observations = models.TextField(blank=True)
    concerns = models.TextField(blank=True)
    actions = models.TextField(blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-visited_at", "-pk"]
        indexes = [models.Index(fields=["registrant", "visited_at"], name="rso_visit_registrant")]
        constraints = [
            models.CheckConstraint(condition=~Q(second_officer=models.F("officer")), name="rso_visit_two_officers"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} visit, {timezone.localtime(self.visited_at):%d %b %Y %H:%M}"

    @property
    def two_officer(self) -> bool:
        return self.second_officer_id is not None


class Intelligence(models.Model):
    """New information about a registrant (domain.md C10: intelligence on anyone with a ViSOR
    marker goes to their offender manager and should trigger a risk reassessment)."""

    registrant = models.ForeignKey(Registrant, on_delete=models.CASCADE, related_name="intelligence")
    received_on = models.DateField()
    summary = models.TextField()
    source = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name_plural = "intelligence"

    def __str__(self) -> str:
        return f"Intelligence received {self.received_on}"


class ChildLink(models.Model):
    """A link between a registrant and a child (rule I7), each with the high-priority task it raised."""

    class Kind(models.TextChoices):
        ADDRESS = "address", _("A child lives at the registrant's notified address")
        HOUSEHOLD = "household", _("Household-with-child notification")
        VISIT = "visit", _("Child seen at the address on a home visit")
        INCIDENT = "incident", _("Linked to an incident involving a child")
        MISSING = "missing", _("Linked to a missing episode involving a child")

    registrant = models.ForeignKey(Registrant, on_delete=models.CASCADE, related_name="child_links")
    child = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="rso_child_links")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    address = models.ForeignKey("people.Address", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="rso_child_links")
    # What raised it: ("visit", 12), ("incident", 7), ("notification", 3), ("address", 4) ...
    source_type = models.CharField(max_length=20)
    source_id = models.BigIntegerField()
    detail = models.CharField(max_length=500)
    found_at = models.DateTimeField(default=timezone.now)
    task = models.ForeignKey("core.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-found_at"]
        indexes = [models.Index(fields=["child", "found_at"], name="rso_childlink_child")]
        constraints = [
            # One link per child per event, so a rescan or a repeated signal raises nothing new.
            models.UniqueConstraint(fields=["registrant", "child", "source_type", "source_id"],
                                    name="rso_childlink_once"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class OverdueSnapshot(models.Model):
    """The overdue figures of one team (or unallocated: team blank) on one day, per risk level,
    kept for the trend chart. A past figure never goes stale; today's is computed live."""

    force = models.ForeignKey("accounts.Force", on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    taken_on = models.DateField()
    risk_level = models.CharField(max_length=12, choices=RiskLevel.choices)
    caseload = models.PositiveIntegerField(default=0)
    visits_overdue = models.PositiveIntegerField(default=0)
    visits_overdue_90 = models.PositiveIntegerField(default=0)
    assessments_overdue = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["taken_on"]
        indexes = [models.Index(fields=["force", "taken_on"], name="rso_snapshot_force_day")]
        constraints = [
            models.UniqueConstraint(fields=["force", "team", "taken_on", "risk_level"], name="rso_snapshot_once"),
        ]

    def __str__(self) -> str:
        return f"{self.taken_on} {self.risk_level}"


class ManagerCapacity(models.Model):
    """A manager's own home-visit capacity for the forecast (part-time, other duties)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rso_capacity")
    visits_per_day = models.DecimalField(max_digits=4, decimal_places=2)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name_plural = "manager capacities"
        constraints = [models.CheckConstraint(condition=Q(visits_per_day__gte=0), name="rso_capacity_not_negative")]

    def __str__(self) -> str:
        return f"{self.user}: {self.visits_per_day} visits a working day"
