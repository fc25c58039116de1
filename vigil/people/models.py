"""People ("nominals"): one record of each person across every module."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vigil.core.clock import age_on
from vigil.people.querysets import MarkerQuerySet, PersonQuerySet


class Person(models.Model):
    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other")
        UNKNOWN = "unknown", _("Not known")

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="people")
    forenames = models.CharField(max_length=100)
    surname = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    gender = models.CharField(max_length=10, choices=Gender.choices, default=Gender.UNKNOWN)
    pnc_id = models.CharField(_("PNC ID"), max_length=20, blank=True, db_index=True)
    nhs_number = models.CharField(_("NHS number"), max_length=10, blank=True, db_index=True)
    restricted = models.BooleanField(
        default=False, help_text=_("Only named people or teams may open it, and each opening needs a reason.")
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_records"
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["surname", "forenames"]
        indexes = [models.Index(fields=["force", "date_of_birth"], name="person_force_dob")]
        constraints = [
            models.CheckConstraint(condition=~Q(merged_into=F("id")), name="person_not_merged_into_self"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.forenames} {self.surname.upper()}".strip()

    def age(self, on=None) -> int | None:
        if self.date_of_birth is None:
            return None
        return age_on(self.date_of_birth, on or timezone.localdate())

    def is_child(self, on=None) -> bool:
        age = self.age(on)
        return age is not None and age < 18


class PersonName(models.Model):
    """Every name a person is known by (the primary name and aliases), with search keys.

    Keys are computed by vigil.people.matching so search is an indexed lookup, not a scan.
    """

    class Kind(models.TextChoices):
        PRIMARY = "primary", _("Name")
        ALIAS = "alias", _("Alias")
        MAIDEN = "maiden", _("Previous name")
        NICKNAME = "nickname", _("Known as")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ALIAS)
    forenames = models.CharField(max_length=100)
    surname = models.CharField(max_length=100)
    # Search keys (lower-case, accents and punctuation stripped; phonetic codes).
    forename_norm = models.CharField(max_length=100, db_index=True)
    surname_norm = models.CharField(max_length=100, db_index=True)
    forename_key = models.CharField(max_length=20, db_index=True)
    surname_key = models.CharField(max_length=20)
    # Copies of the person's force and date of birth so a search filters on this table alone.
    force_id_copy = models.BigIntegerField(db_index=True)
    dob_copy = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["force_id_copy", "surname_key", "forename_key"], name="pname_force_keys"),
            models.Index(fields=["force_id_copy", "forename_key"], name="pname_force_fkey"),
            models.Index(fields=["force_id_copy", "surname_norm"], name="pname_force_surname"),
            models.Index(fields=["force_id_copy", "dob_copy"], name="pname_force_dob"),
            # Search: a forename key (nicknames included) with a surname prefix, to catch surname typos.
            models.Index(fields=["force_id_copy", "forename_key", "surname_norm"], name="pname_force_fkey_sn"),
        ]

    def __str__(self) -> str:
        return f"{self.forenames} {self.surname}"


class Address(models.Model):
    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="addresses")
    line1 = models.CharField(_("Address line 1"), max_length=200)
    line2 = models.CharField(_("Address line 2"), max_length=200, blank=True)
    town = models.CharField(max_length=100)
    postcode = models.CharField(max_length=10, blank=True)
    # Local authority area, used to route referrals to the right children's social care team.
    local_authority = models.CharField(max_length=120, blank=True)
    uprn = models.CharField(_("UPRN"), max_length=12, blank=True, db_index=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    # Normalised "line1|postcode" so two spellings of one address are matched.
    match_key = models.CharField(max_length=250, db_index=True)

    class Meta:
        ordering = ["postcode", "line1"]

    def __str__(self) -> str:
        parts = [self.line1, self.line2, self.town, self.postcode]
        return ", ".join(p for p in parts if p)


class PersonAddress(models.Model):
    class Kind(models.TextChoices):
        HOME = "home", _("Home")
        CARE_PLACEMENT = "placement", _("Care placement")
        TEMPORARY = "temporary", _("Temporary")
        OTHER = "other", _("Other")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    address = models.ForeignKey(Address, on_delete=models.PROTECT, related_name="residents")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.HOME)
    from_date = models.DateField(null=True, blank=True)
    to_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-from_date"]
        indexes = [models.Index(fields=["address", "to_date"], name="personaddr_addr_to")]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_date__isnull=True) | Q(from_date__isnull=True) | Q(to_date__gte=F("from_date")),
                name="person_address_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.address}"

    def is_current(self, on=None) -> bool:
        on = on or timezone.localdate()
        return (self.from_date is None or self.from_date <= on) and (self.to_date is None or self.to_date >= on)


class Relationship(models.Model):
    """A directed relationship: `person` is the `kind` of `other` (e.g. person is PARENT of other)."""

    class Kind(models.TextChoices):
        PARENT = "parent", _("Parent of")
        CARER = "carer", _("Carer of")
        CHILD = "child", _("Child of")
        SIBLING = "sibling", _("Sibling of")
        PARTNER = "partner", _("Partner of")
        EX_PARTNER = "ex_partner", _("Ex-partner of")
        HOUSEHOLD = "household", _("Household member with")
        ASSOCIATE = "associate", _("Associate of")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_from")
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_to")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    from_date = models.DateField(null=True, blank=True)
    to_date = models.DateField(null=True, blank=True)
    notes = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(person=F("other")), name="relationship_not_to_self"),
            models.UniqueConstraint(fields=["person", "other", "kind"], name="relationship_unique"),
            models.CheckConstraint(
                condition=Q(to_date__isnull=True) | Q(from_date__isnull=True) | Q(to_date__gte=F("from_date")),
                name="relationship_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.get_kind_display().lower()} {self.other_id}"


INVERSE_KIND = {
    Relationship.Kind.PARENT: Relationship.Kind.CHILD,
    Relationship.Kind.CHILD: Relationship.Kind.PARENT,
    Relationship.Kind.CARER: "cared_for",
}
INVERSE_LABEL = {
    Relationship.Kind.PARENT: _("Child of"),
    Relationship.Kind.CHILD: _("Parent of"),
    Relationship.Kind.CARER: _("Cared for by"),
}


class Marker(models.Model):
    """A warning marker with start and review dates. Active is derived from the dates."""

    class Kind(models.TextChoices):
        CP_PLAN = "cp_plan", _("Child subject of a child protection plan")
        LOOKED_AFTER = "looked_after", _("Looked-after child")
        RSO = "rso", _("Registered sex offender")
        VIOLENCE = "violence", _("Violence")
        WEAPONS = "weapons", _("Weapons")
        EXPLOITATION = "exploitation", _("Exploitation risk (CSE/CCE)")
        REPEAT_MISSING = "repeat_missing", _("Repeat missing")
        DOMESTIC_ABUSE = "domestic_abuse", _("Domestic abuse")
        MENTAL_HEALTH = "mental_health", _("Mental health")
        OTHER = "other", _("Other")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="markers")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    start_date = models.DateField()
    review_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    notes = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = MarkerQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["kind", "end_date"], name="marker_kind_end")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")), name="marker_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(review_date__isnull=True) | Q(review_date__gte=F("start_date")),
                name="marker_review_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    def is_active(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


class PartnerShare(models.Model):
    """A person's record shared with a partner organisation; partners see only what is shared."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="shares")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="shares")
    reason = models.CharField(max_length=300)
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    shared_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "person"], name="share_org_person")]

    def __str__(self) -> str:
        return f"Person {self.person_id} shared with {self.organisation_id}"


class MergeRecord(models.Model):
    """History of a merge: which record was folded into which, by whom, and what moved."""

    survivor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_received")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_given")
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    merged_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField()
    snapshot = models.JSONField(default=dict, help_text=_("The merged record as it was."))
    moved = models.JSONField(default=dict, help_text=_("How many linked rows moved, by kind."))

    class Meta:
        constraints = [models.CheckConstraint(condition=~Q(survivor=F("merged")), name="merge_not_self")]

    def __str__(self) -> str:
        return f"Record {self.merged_id} merged into {self.survivor_id}"


class DuplicateDecision(models.Model):
    """What a user decided when shown probable duplicates before creating a person."""

    class Decision(models.TextChoices):
        CREATED_NEW = "created_new", _("Created a new record")
        USED_EXISTING = "used_existing", _("Used an existing record")

    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)
    decision = models.CharField(max_length=20, choices=Decision.choices)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="duplicate_decisions")
    candidates = models.JSONField(default=list, help_text=_("Candidates shown, with scores and reasons."))
    reason = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return f"{self.get_decision_display()} ({self.person_id})"
