"""Incidents, the children they involve, child safeguarding assessments, referrals to children's
social care (the force's PPN), Operation Encompass notifications and police protection.

Time-derived states (overdue, late, expired) are computed when read (querysets.py, rules.py);
what is stored is what happened and when.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vigil.incidents.querysets import (
    EncompassQuerySet,
    IncidentChildQuerySet,
    IncidentQuerySet,
    ReferralQuerySet,
)

NARRATIVE_MAX = 50_000


class IncidentType(models.Model):
    """The maintained list of incident types: reference data the system administrator edits in the
    admin, so a force can add or retire types without a code change."""

    code = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=100, unique=True)
    # Domestic abuse types bring the Operation Encompass duty (domain.md A4) and DA risk fields (I10).
    is_domestic_abuse = models.BooleanField(default=False)
    active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label


class Incident(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Source(models.TextChoices):
        WEB = "web", _("Recorded in Vigil")
        API = "api", _("API")
        IMPORT = "import", _("Imported")

    class RiskTool(models.TextChoices):
        DASH = "dash", _("DASH")
        DARA = "dara", _("DARA")

    class RiskLevel(models.TextChoices):
        STANDARD = "standard", _("Standard")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="incidents")
    reference = models.CharField(max_length=40)
    incident_type = models.ForeignKey(IncidentType, on_delete=models.PROTECT, related_name="incidents")
    occurred_at = models.DateTimeField(db_index=True)
    location = models.CharField(max_length=300, blank=True, help_text=_("Where it happened, in words."))
    address = models.ForeignKey(
        "people.Address", null=True, blank=True, on_delete=models.PROTECT, related_name="incidents"
    )
    narrative = models.TextField(validators=[MaxLengthValidator(NARRATIVE_MAX)])
    attending_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="attended_incidents"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closure_note = models.TextField(blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.WEB)

    # Domestic abuse risk assessment (domain.md A4, I10): DASH or DARA, with its result.
    da_risk_tool = models.CharField(max_length=5, choices=RiskTool.choices, blank=True)
    da_risk_level = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    marac_referral = models.BooleanField(default=False, help_text=_("Referred to MARAC."))

    # Latest child screening. The flag is sticky: once raised only a supervisor's override
    # (below) lifts the closure block; rescreening never clears it (issue 3, rule I1).
    child_flag = models.BooleanField(default=False, db_index=True)
    child_flagged_at = models.DateTimeField(null=True, blank=True)
    screened_at = models.DateTimeField(null=True, blank=True)
    screening_reasons = models.JSONField(default=list, blank=True)
    screening_evidence = models.JSONField(default=list, blank=True)  # [{start, end, text, reason}]
    screening_ages = models.JSONField(default=list, blank=True)
    screening_indicators = models.JSONField(default=list, blank=True)

    # A supervisor's record of why no assessment is needed (rule I1). Shown in the missed queue.
    override_reason = models.TextField(blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    override_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at"]
        indexes = [
            models.Index(fields=["force", "child_flag", "occurred_at"], name="incident_force_flag"),
            models.Index(fields=["force", "status", "occurred_at"], name="incident_force_status"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["force", "reference"], name="incident_unique_reference"),
            models.CheckConstraint(condition=~Q(narrative=""), name="incident_narrative_required"),
            models.CheckConstraint(
                condition=Q(status="open", closed_at__isnull=True, closed_by__isnull=True)
                | Q(status="closed", closed_at__isnull=False, closed_by__isnull=False),
                name="incident_closed_fields_paired",
            ),
            models.CheckConstraint(
                condition=Q(override_at__isnull=True, override_by__isnull=True, override_reason="")
                | (Q(override_at__isnull=False, override_by__isnull=False) & ~Q(override_reason="")),
                name="incident_override_fields_paired",
            ),
            models.CheckConstraint(
                condition=Q(child_flag=False) | Q(child_flagged_at__isnull=False), name="incident_flag_has_time"
            ),
        ]

    def __str__(self) -> str:
        return f"Incident {self.reference}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_overridden(self) -> bool:
        return self.override_at is not None

    @property
    def is_domestic_abuse(self) -> bool:
        return self.incident_type.is_domestic_abuse


class IncidentPerson(models.Model):
    class Role(models.TextChoices):
        SUSPECT = "suspect", _("Suspect")
        VICTIM = "victim", _("Victim")
        WITNESS = "witness", _("Witness")
        PRESENT = "present", _("Person present")
        ARRESTED = "arrested", _("Arrested person")
        CHILD_PRESENT = "child_present", _("Child present")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="incident_links")
    role = models.CharField(max_length=20, choices=Role.choices)
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "person", "role"], name="incident_person_role_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class IncidentChild(models.Model):
    """A child the incident involves, found by screening or linked by an officer. Each needs a
    completed safeguarding assessment before the incident can close (rule I1). A child found
    only in the narrative has no person record until the assessment links or creates one."""

    class Basis(models.TextChoices):
        LINKED = "linked", _("Linked to the incident")
        RESIDENT = "resident", _("Lives at the incident address")
        DEPENDANT = "dependant", _("Child of an arrested person")
        NARRATIVE = "narrative", _("Mentioned in the narrative")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="children")
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="incident_child_rows"
    )
    basis = models.CharField(max_length=12, choices=Basis.choices)
    age = models.PositiveSmallIntegerField(null=True, blank=True, help_text=_("Age on the incident date."))
    # Never names anyone (a restricted record's name would show to all who see the incident):
    # the person the child was found through is `related_person`, named per reader on display.
    reason = models.CharField(max_length=300)
    related_person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("found through"), help_text=_("The arrested parent or carer the child was found through."),
    )
    found_at = models.DateTimeField(default=timezone.now)

    objects = IncidentChildQuerySet.as_manager()

    class Meta:
        ordering = ["found_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "person"], condition=Q(person__isnull=False), name="incident_child_person_unique"
            ),
        ]

    def __str__(self) -> str:
        if self.person_id:
            return str(self.person)
        return f"Child aged {self.age}" if self.age is not None else "Child of unknown age"

    def merge_conflict_message(self, kept) -> str:
        """Why the person records of `kept` and this row cannot be merged (people.services): both
        are the same child at one incident and each has its own assessment."""
        return (f"Both records are children at incident {self.incident.reference}, each with its own "
                "safeguarding assessment. A child has one assessment per incident: combine the assessments "
                "first, then merge the records.")


class SafeguardingAssessment(models.Model):
    """The child safeguarding assessment (domain.md A2, A5, I1): what was seen and heard, the
    child's voice, immediate safety and needs, a risk grade, immediate action and the referral
    decision with its rationale."""

    class RiskGrade(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        STANDARD = "standard", _("Standard")

    class Action(models.TextChoices):
        NONE = "none", _("No immediate action needed")
        SAFE_ADULT = "safe_adult", _("Left with a named safe adult")
        MEDICAL = "medical", _("Medical attention")
        POLICE_PROTECTION = "police_protection", _("Police protection (Children Act 1989 s.46)")
        OTHER = "other", _("Other action")

    class Referral(models.TextChoices):
        REFER = "refer", _("Refer to children's social care")
        NO_REFERRAL = "no_referral", _("No referral")

    child = models.OneToOneField(IncidentChild, on_delete=models.PROTECT, related_name="assessment")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="safeguarding_assessments")
    seen_and_heard = models.TextField(_("What was seen and heard"))
    child_spoken_to = models.BooleanField()
    child_said = models.TextField(blank=True)
    child_demeanour = models.TextField(blank=True)
    not_spoken_reason = models.TextField(blank=True)
    immediate_needs = models.TextField(_("Immediate safety and needs"))
    risk_grade = models.CharField(max_length=10, choices=RiskGrade.choices)
    immediate_action = models.CharField(max_length=20, choices=Action.choices)
    safe_adult_name = models.CharField(max_length=200, blank=True)
    action_detail = models.TextField(blank=True)
    not_independently_mobile = models.BooleanField(default=False)
    injury_seen = models.BooleanField(default=False, help_text=_("Any bruise, injury or mark that might be one."))
    referral_decision = models.CharField(max_length=12, choices=Referral.choices)
    referral_rationale = models.TextField()
    completed_at = models.DateTimeField(default=timezone.now)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-completed_at"]
        constraints = [
            # The child's voice: what they said, or why they could not be spoken to (A4, I1).
            models.CheckConstraint(
                condition=(Q(child_spoken_to=True) & (~Q(child_said="") | ~Q(child_demeanour="")))
                | (Q(child_spoken_to=False) & ~Q(not_spoken_reason="")),
                name="assessment_voice_of_child",
            ),
            models.CheckConstraint(
                condition=~Q(immediate_action="safe_adult") | ~Q(safe_adult_name=""),
                name="assessment_safe_adult_named",
            ),
            # A non-mobile baby with any injury forces a referral (domain.md A6).
            models.CheckConstraint(
                condition=~Q(not_independently_mobile=True, injury_seen=True) | Q(referral_decision="refer"),
                name="assessment_nim_injury_referred",
            ),
        ]

    def __str__(self) -> str:
        return f"Safeguarding assessment for {self.person}"


class Referral(models.Model):
    """The force's public protection notice to children's social care (domain.md A3)."""

    class Decision(models.TextChoices):
        NFA = "nfa", _("No further action")
        INFORMATION = "information", _("Information recorded")
        EARLY_HELP = "early_help", _("Early help")
        ASSESSMENT = "assessment", _("Children and family assessment (s.17)")
        STRATEGY = "strategy", _("Strategy discussion (s.47)")
        OPEN_CASE = "open_case", _("Passed to the allocated social worker")

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="referrals")
    assessment = models.OneToOneField(SafeguardingAssessment, on_delete=models.PROTECT, related_name="referral")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="safeguarding_referrals")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="referrals")
    grade = models.CharField(max_length=10, choices=SafeguardingAssessment.RiskGrade.choices)
    summary = models.TextField()
    urgent = models.BooleanField(default=False, help_text=_("Immediate referral (e.g. injury to a non-mobile baby)."))
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decision_note = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["organisation", "acknowledged_at"], name="referral_org_ack")]
        constraints = [
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True, acknowledged_by__isnull=True)
                | Q(acknowledged_at__isnull=False, acknowledged_by__isnull=False),
                name="referral_ack_paired",
            ),
            models.CheckConstraint(
                condition=Q(decided_at__isnull=True, decided_by__isnull=True, decision="")
                | (Q(decided_at__isnull=False, decided_by__isnull=False, acknowledged_at__isnull=False)
                   & ~Q(decision="")),
                name="referral_decision_paired",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral {self.pk} for {self.person}"


class SchoolEnrolment(models.Model):
    """Which school a child attends, so an Operation Encompass notification reaches it (A4).
    (It may move to the people app once other modules need it.)"""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="school_enrolments")
    school = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="enrolments",
        limit_choices_to={"kind": "school"},
    )
    from_date = models.DateField(null=True, blank=True)
    to_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-from_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_date__isnull=True) | Q(from_date__isnull=True) | Q(to_date__gte=models.F("from_date")),
                name="enrolment_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.school}"


class EncompassNotification(models.Model):
    """Operation Encompass: the child's school told about a domestic abuse incident before the next
    school day (DA Act 2021 s.49A [V]; timing practice [S], domain.md A4)."""

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="encompass_notifications")
    assessment = models.OneToOneField(
        SafeguardingAssessment, on_delete=models.PROTECT, related_name="encompass_notification"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="encompass_notifications")
    school = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="encompass_notifications"
    )
    child_present = models.BooleanField()
    where_child_was = models.CharField(max_length=300, blank=True)
    voice_of_child = models.TextField(blank=True)
    circumstances = models.TextField()
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = EncompassQuerySet.as_manager()

    class Meta:
        ordering = ["-due_at"]
        indexes = [models.Index(fields=["school", "sent_at"], name="encompass_school_sent")]
        constraints = [
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True, sent_by__isnull=True)
                | Q(sent_at__isnull=False, sent_by__isnull=False, school__isnull=False),
                name="encompass_sent_to_a_school",
            ),
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True, acknowledged_by__isnull=True)
                | Q(acknowledged_at__isnull=False, acknowledged_by__isnull=False, sent_at__isnull=False),
                name="encompass_ack_paired",
            ),
        ]

    def __str__(self) -> str:
        return f"Operation Encompass notification for {self.person}"


class PoliceProtection(models.Model):
    """A child taken into police protection (Children Act 1989 s.46; domain.md D5, I8). The police
    do not gain parental responsibility (s.46(9)(a)). expires_at is taken_at + 72 elapsed hours:
    a fixed limit set once, not a status."""

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="police_protections")
    assessment = models.OneToOneField(SafeguardingAssessment, on_delete=models.PROTECT,
                                      related_name="police_protection")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="police_protections")
    taken_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    accommodation = models.CharField(max_length=300)
    found_authority = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text=_("Local authority where the child was found."),
    )
    home_authority = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text=_("Appropriate authority: where the child ordinarily lives."),
    )
    designated_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)
    release_reason = models.TextField(blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-taken_at"]
        constraints = [
            models.CheckConstraint(condition=Q(expires_at__gt=models.F("taken_at")), name="pp_expires_after_taken"),
            models.CheckConstraint(
                condition=Q(released_at__isnull=True, released_by__isnull=True, release_reason="")
                | (Q(released_at__isnull=False, released_by__isnull=False) & ~Q(release_reason="")),
                name="pp_release_paired",
            ),
        ]

    def __str__(self) -> str:
        return f"Police protection of {self.person}"

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.released_at is None and now < self.expires_at


class ImportBatch(models.Model):
    """An uploaded CSV kept between preview and confirmation. Importing is idempotent on the
    incident reference, so confirming the same file twice changes nothing the second time."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Awaiting confirmation")
        IMPORTED = "imported", _("Imported")
        CANCELLED = "cancelled", _("Cancelled")

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    content = models.TextField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEW)
    result = models.JSONField(default=dict, blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"Import {self.filename} ({self.uploaded_at:%Y-%m-%d %H:%M})"


class DailySummary(models.Model):
    """One "child to notice" summary per force per London day, so the cron job is safe to run
    more than once: the row is claimed before any email goes out."""

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    window_start = models.DateTimeField()
    window_end = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)
    recipients = models.JSONField(default=list, blank=True)
    body = models.TextField(blank=True)

    class Meta:
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["force", "day"], name="daily_summary_unique_day")]

    def __str__(self) -> str:
        return f"Child to notice summary {self.day}"
