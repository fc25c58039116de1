"""Missing children: episodes, risk grading history, supervisor reviews, prevention interviews,
return home interviews, what was learnt, and carers' pre-planned profiles (Philomena Protocol).

Stored: what happened and when, and the due times set by the rules. Derived when read (querysets.py):
overdue reviews and their escalation, overdue actions, late return interviews, repeat children.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vigil.missing.querysets import EpisodeQuerySet, ReturnInterviewQuerySet

TEXT_MAX = 5000


class Grade(models.TextChoices):
    # domain.md B1 [V]: the APP continuum from very low to high risk.
    VERY_LOW = "very_low", _("Very low")
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class PlaceKind(models.TextChoices):
    # The place kinds of the Grampian 12–14 "where found" table (figures.md §2.1), plus "other".
    HOME = "home", _("Own home or placement")
    FRIEND = "friend", _("Friend's or associate's address")
    PUBLIC = "public", _("Public street or park")
    RELATIVE = "relative", _("Relative's address")
    SHOPS = "shops", _("Shops or community or leisure centre")
    POLICE = "police", _("Police station")
    TRANSPORT = "transport", _("Railway or bus station")
    ENTERTAINMENT = "entertainment", _("Place of entertainment")
    OTHER = "other", _("Somewhere else")


class CarerProfile(models.Model):
    """Philomena Protocol Part 1 (domain.md B4): kept by the care provider, one per child; it moves
    with the child to a new placement (the organisation changes, the profile stays)."""

    person = models.OneToOneField("people.Person", on_delete=models.PROTECT, related_name="carer_profile")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="carer_profiles",
                                     help_text=_("The care provider the child is placed with."))
    description = models.TextField(_("Physical description"), blank=True)
    photo = models.ImageField(_("Recent photograph"), upload_to="missing/profiles/", blank=True)
    photo_taken = models.DateField(_("Date the photograph was taken"), null=True, blank=True)
    associates = models.TextField(_("Friends and associates"), blank=True)
    phone = models.CharField(_("Child's mobile number"), max_length=40, blank=True)
    social_media = models.TextField(_("Social media accounts"), blank=True)
    medical = models.TextField(_("Medical needs and medication"), blank=True)
    finance = models.TextField(_("Money and bank cards"), blank=True)
    transport = models.TextField(_("Transport the child uses"), blank=True)
    previous_episodes = models.TextField(_("Previous missing episodes"), blank=True)
    trigger_plan = models.TextField(_("Trigger plan: actions to take at once if the child goes missing"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self) -> str:
        return f"Carer's profile for {self.person}"

    def merge_conflict_message(self, kept) -> str:
        """Why the person records of `kept` and this profile cannot be merged (people.services)."""
        return (f"Both records have a carer's profile (kept by {kept.organisation} and by {self.organisation}). "
                "A child can have only one: combine the profiles first, then merge the records.")


class ProfilePlace(models.Model):
    """Addresses and places the child visits, from the carer's profile (and its risk-assessed locations)."""

    profile = models.ForeignKey(CarerProfile, on_delete=models.CASCADE, related_name="places")
    label = models.CharField(_("Place"), max_length=200)
    kind = models.CharField(max_length=15, choices=PlaceKind.choices, default=PlaceKind.OTHER)
    address = models.CharField(max_length=300, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    notes = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.label


class ProfileMove(models.Model):
    """The profile moving with the child to a new care provider."""

    profile = models.ForeignKey(CarerProfile, on_delete=models.CASCADE, related_name="moves")
    from_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    to_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    moved_at = models.DateTimeField(default=timezone.now)
    moved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-moved_at"]

    def __str__(self) -> str:
        return f"Profile {self.profile_id} moved to {self.to_organisation_id}"


class MissingEpisode(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Missing")
        FOUND = "found", _("Found: not yet closed")
        CLOSED = "closed", _("Closed")

    class Placement(models.TextChoices):
        HOME = "home", _("Living at home")
        FOSTER = "foster", _("Foster care")
        RESIDENTIAL = "residential", _("Residential care (children's home)")
        SUPPORTED = "supported", _("Supported accommodation")
        OTHER = "other", _("Other")

    class FoundBy(models.TextChoices):
        POLICE = "police", _("Police")
        CARER = "carer", _("Parent or carer")
        RETURNED = "returned", _("Returned by themselves")
        AGENCY = "agency", _("Another agency")
        PUBLIC = "public", _("Member of the public")
        OTHER = "other", _("Other")

    class Condition(models.TextChoices):
        SAFE = "safe", _("Safe and well")
        HARMED = "harmed", _("Harmed")
        MEDICAL = "medical", _("Needed medical attention")
        CRIME = "crime", _("Victim of crime while missing")

    class RescueAlert(models.TextChoices):
        NOT_MET = "not_met", _("Child Rescue Alert criteria not met")
        REQUESTED = "requested", _("Child Rescue Alert requested")

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="missing_episodes")
    reference = models.CharField(max_length=30)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="missing_episodes")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)

    # The report (domain.md B3, APP Initial contact).
    reported_at = models.DateTimeField()
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reporter_name = models.CharField(_("Reporting person"), max_length=200)
    reporter_contact = models.CharField(_("Reporting person's phone or contact"), max_length=200)
    reporter_relationship = models.CharField(_("Relationship to the child"), max_length=100)
    last_seen_at = models.DateTimeField()
    last_seen_place = models.CharField(max_length=300)
    last_seen_address = models.ForeignKey("people.Address", null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="+")
    last_seen_lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    last_seen_lon = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    circumstances = models.TextField()
    description = models.TextField(blank=True)
    clothing = models.TextField(blank=True)
    placement = models.CharField(max_length=12, choices=Placement.choices, default=Placement.HOME)
    placing_authority = models.ForeignKey("accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="+", help_text=_("For looked-after children."))
    age_at_report = models.PositiveSmallIntegerField()
    age_estimated = models.BooleanField(default=False)
    home_area = models.CharField(max_length=120, blank=True, help_text=_("Local authority area of the child's home."))

    # Current grade (history in RiskAssessment) and supervision (rule I3).
    risk_grade = models.CharField(max_length=10, choices=Grade.choices, blank=True)
    graded_at = models.DateTimeField(null=True, blank=True)
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The next rank up the supervisor's chain of command: sees the episode once a review is overdue.
    escalate_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    next_review_due = models.DateTimeField(null=True, blank=True)
    rescue_alert = models.CharField(max_length=10, choices=RescueAlert.choices, blank=True)
    rescue_alert_reason = models.TextField(blank=True)
    rescue_alert_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+")
    rescue_alert_at = models.DateTimeField(null=True, blank=True)

    # Found (domain.md B5).
    found_at = models.DateTimeField(null=True, blank=True)
    found_place = models.CharField(max_length=300, blank=True)
    found_address = models.ForeignKey("people.Address", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    found_lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    found_lon = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    found_kind = models.CharField(max_length=15, choices=PlaceKind.choices, blank=True)
    found_by = models.CharField(max_length=10, choices=FoundBy.choices, blank=True)
    found_by_detail = models.CharField(max_length=200, blank=True)
    found_with = models.CharField(max_length=300, blank=True)
    found_condition = models.CharField(max_length=10, choices=Condition.choices, blank=True)
    found_notes = models.TextField(blank=True)
    found_distance_km = models.FloatField(null=True, blank=True)
    found_other_force = models.BooleanField(default=False)
    minutes_to_locate = models.PositiveIntegerField(null=True, blank=True)
    found_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="+")
    exploitation_indicators = models.JSONField(default=list, blank=True)

    # Closing: a prevention interview (PreventionInterview) or a supervisor's waiver (rule I4).
    waiver_reason = models.TextField(blank=True)
    waiver_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    waiver_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = EpisodeQuerySet.as_manager()

    class Meta:
        ordering = ["-reported_at"]
        indexes = [
            models.Index(fields=["force", "status", "risk_grade"], name="mep_force_status_grade"),
            models.Index(fields=["force", "status", "next_review_due"], name="mep_force_status_review"),
            models.Index(fields=["supervisor", "status", "next_review_due"], name="mep_supervisor_review"),
            models.Index(fields=["escalate_to", "status", "next_review_due"], name="mep_escalate_review"),
            models.Index(fields=["person", "reported_at"], name="mep_person_reported"),
            models.Index(fields=["force", "reported_at", "person"], name="mep_force_reported"),
            # Covering: the dashboard's 12-month aggregates read this index only (SQLite and PostgreSQL).
            models.Index(fields=["force", "found_at", "found_kind", "minutes_to_locate", "found_address"],
                         name="mep_force_found_cover"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["force", "reference"], name="mep_unique_reference"),
            # Rule I3: every open episode has a next review due (and a supervisor: non-null column).
            models.CheckConstraint(condition=~Q(status="open") | Q(next_review_due__isnull=False),
                                   name="mep_open_has_review"),
            models.CheckConstraint(condition=Q(status="open", found_at__isnull=True)
                                   | (~Q(status="open") & Q(found_at__isnull=False)), name="mep_found_iff_found"),
            models.CheckConstraint(condition=Q(found_at__isnull=True) | Q(found_at__gte=F("last_seen_at")),
                                   name="mep_found_after_last_seen"),
            models.CheckConstraint(condition=Q(status="closed", closed_at__isnull=False, closed_by__isnull=False)
                                   | Q(~Q(status="closed"), closed_at__isnull=True, closed_by__isnull=True),
                                   name="mep_closed_fields_paired"),
            models.CheckConstraint(condition=Q(waiver_at__isnull=True, waiver_by__isnull=True, waiver_reason="")
                                   | (Q(waiver_at__isnull=False, waiver_by__isnull=False) & ~Q(waiver_reason="")),
                                   name="mep_waiver_fields_paired"),
            models.CheckConstraint(condition=Q(rescue_alert="", rescue_alert_at__isnull=True)
                                   | (~Q(rescue_alert="") & Q(rescue_alert_at__isnull=False)),
                                   name="mep_rescue_alert_paired"),
        ]

    def __str__(self) -> str:
        return f"Missing episode {self.reference}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def origin(self) -> tuple[float, float] | None:
        """The last-seen point: a map point, else the last-seen address's coordinates."""
        if self.last_seen_lat is not None and self.last_seen_lon is not None:
            return float(self.last_seen_lat), float(self.last_seen_lon)
        address = self.last_seen_address
        if address is not None and address.latitude is not None and address.longitude is not None:
            return float(address.latitude), float(address.longitude)
        return None


class RiskAssessment(models.Model):
    """One grading: value, author, time, rationale and the information used, each item with who
    supplied it and when it was obtained (domain.md B3 [V]; rule I2). Never edited: a new grading
    is a new row."""

    episode = models.ForeignKey(MissingEpisode, on_delete=models.CASCADE, related_name="assessments")
    grade = models.CharField(max_length=10, choices=Grade.choices)
    factors = models.JSONField(default=list, blank=True)
    rationale = models.TextField()
    information = models.JSONField(default=list, help_text=_("[{detail, source, obtained_at}]"))
    minimum_grade = models.CharField(max_length=10, choices=Grade.choices)
    minimum_because = models.CharField(max_length=300, blank=True)
    override_reason = models.TextField(blank=True)
    markers = models.JSONField(default=list, blank=True, help_text=_("Warning markers shown at the time."))
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-assessed_at", "-pk"]
        constraints = [models.CheckConstraint(condition=~Q(rationale=""), name="risk_rationale_required")]

    def __str__(self) -> str:
        return f"{self.get_grade_display()} risk ({self.assessed_at:%d/%m/%Y %H:%M})"


class SupervisorReview(models.Model):
    episode = models.ForeignKey(MissingEpisode, on_delete=models.CASCADE, related_name="reviews")
    reviewed_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=10, choices=Grade.choices, blank=True)
    note = models.TextField()
    was_overdue = models.BooleanField(default=False)
    next_review_due = models.DateTimeField()
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reviewed_at", "-pk"]

    def __str__(self) -> str:
        return f"Review of {self.episode_id} at {self.reviewed_at:%d/%m/%Y %H:%M}"


class PreventionInterview(models.Model):
    """The police prevention interview / safe and well check (domain.md B5 [S])."""

    episode = models.OneToOneField(MissingEpisode, on_delete=models.CASCADE, related_name="prevention_interview")
    held_at = models.DateTimeField()
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    where_child_was = models.TextField()
    with_whom = models.TextField(blank=True)
    why = models.TextField(_("Why the child went missing"), blank=True)
    harm_disclosed = models.BooleanField(default=False)
    indicators = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Prevention interview for {self.episode_id}"


class ReturnHomeInterview(models.Model):
    """The local authority's return home interview request: due 72 hours after return (DfE 2014,
    domain.md B5), sent automatically when the child is found; the partner records the outcome."""

    class Outcome(models.TextChoices):
        COMPLETED = "completed", _("Interview completed")
        DECLINED = "declined", _("Child declined the interview")
        NO_CONTACT = "no_contact", _("Could not contact the child")

    episode = models.OneToOneField(MissingEpisode, on_delete=models.CASCADE, related_name="return_interview")
    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT,
                                     related_name="return_interviews")
    requested_at = models.DateTimeField()
    due_at = models.DateTimeField()
    task = models.ForeignKey("core.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    where_child_was = models.TextField(blank=True)
    with_whom = models.TextField(blank=True)
    indicators = models.JSONField(default=list, blank=True)
    learning = models.TextField(_("What was learnt"), blank=True)

    objects = ReturnInterviewQuerySet.as_manager()

    class Meta:
        ordering = ["due_at"]
        indexes = [
            models.Index(fields=["organisation", "completed_at", "due_at"], name="rhi_org_due"),
            models.Index(fields=["force", "requested_at", "completed_at", "due_at"], name="rhi_force_requested_cover"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True, completed_by__isnull=True, outcome="")
                | (Q(completed_at__isnull=False, completed_by__isnull=False) & ~Q(outcome="")),
                name="rhi_completed_fields_paired"),
        ]

    def __str__(self) -> str:
        return f"Return home interview for {self.episode.reference}"


class KnownPlace(models.Model):
    """What was learnt for next time: where the child was and with whom, from a prevention or
    return home interview (where they were found is on the episode itself). Shown when the next report opens and ranked
    in the search plan."""

    class Source(models.TextChoices):
        PREVENTION = "prevention", _("Prevention interview")
        RHI = "rhi", _("Return home interview")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="missing_places")
    episode = models.ForeignKey(MissingEpisode, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="learnt_places")
    source = models.CharField(max_length=12, choices=Source.choices)
    label = models.CharField(max_length=300)
    kind = models.CharField(max_length=15, choices=PlaceKind.choices, default=PlaceKind.OTHER)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    with_whom = models.CharField(max_length=300, blank=True)
    indicators = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["person", "created_at"], name="knownplace_person")]

    def __str__(self) -> str:
        return self.label
