from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from vigil.accounts.roles import Role, capabilities_for


class Force(models.Model):
    """A territorial police force (43 in England and Wales)."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """A partner agency that receives shared records: children's social care, a care provider, a school."""

    class Kind(models.TextChoices):
        CHILDRENS_SOCIAL_CARE = "csc", _("Children's social care")
        CARE_PROVIDER = "care_provider", _("Care provider")
        SCHOOL = "school", _("School")
        HEALTH = "health", _("Health")
        OTHER = "other", _("Other agency")

    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="organisations")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The local authority area an agency serves (children's social care) or sits in (schools).
    area = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["force", "name"], name="organisation_unique_name")]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=120)
    # The team above this one, for escalation up the chain of command.
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["force", "name"], name="team_unique_name")]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    class Rank(models.IntegerChoices):
        # Ordered so that "next rank up" is a comparison; staff and partners have no rank.
        NONE = 0, _("No rank")
        CONSTABLE = 10, _("Constable")
        SERGEANT = 20, _("Sergeant")
        INSPECTOR = 30, _("Inspector")
        CHIEF_INSPECTOR = 40, _("Chief inspector")
        SUPERINTENDENT = 50, _("Superintendent")
        CHIEF_SUPERINTENDENT = 60, _("Chief superintendent")

    force = models.ForeignKey(Force, null=True, blank=True, on_delete=models.PROTECT, related_name="users")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="users",
        help_text=_("Partner agency users only."),
    )
    rank = models.IntegerField(choices=Rank.choices, default=Rank.NONE)
    collar_number = models.CharField(max_length=20, blank=True)
    teams = models.ManyToManyField(Team, through="TeamMembership", related_name="members", blank=True)

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        full = self.get_full_name()
        return full or self.username

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(self.role_assignments.values_list("role", flat=True))

    @cached_property
    def capabilities(self) -> set[str]:
        return capabilities_for(self.roles)

    def can(self, cap: str) -> bool:
        return self.is_active and cap in self.capabilities

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def is_partner(self) -> bool:
        return Role.PARTNER in self.roles


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=30, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="role_assignment_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class TeamMembership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    is_supervisor = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "team"], name="team_membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} in {self.team}{' (supervisor)' if self.is_supervisor else ''}"
