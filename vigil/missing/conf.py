"""Configurable values for missing children, each with its documented default and its status.

domain.md §0: a value tagged [U] (unverified) or [S] (secondary / local practice) is configuration with
a documented default, never presented as law. Every default below is LOCAL POLICY unless it says
otherwise. A force overrides them in settings (VIGIL_MISSING_*). The "Local policy" page
(/missing/policy/) and `vigil missing policy` list every value with its status and source.
Read through these functions, never settings directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

GRADES = ("very_low", "low", "medium", "high")

# Hours between reviews of an open episode, by current grade ("" = not yet graded).
# domain.md B3: fixed review intervals are [U] nationally, set by force policy -> local policy.
DEFAULT_REVIEW_HOURS = {"": 1, "high": 1, "medium": 4, "low": 8, "very_low": 24}

# Early actions due from the moment of the report (minutes). Which actions: domain.md B3/B4 and the
# Thames Valley case (call the phone, search the room, PNC/PND checks) [V]; the minutes are local policy [U].
DEFAULT_EARLY_ACTIONS = (
    ("call_phone", "Call the child's phone", 30),
    ("search_home", "Search the home and the child's bedroom", 60),
    ("check_intelligence", "Check intelligence systems (PNC, PND, local)", 60),
    ("contact_associates", "Contact friends and associates", 120),
    ("check_hospitals", "Check hospitals", 120),
)


@dataclass(frozen=True)
class EarlyAction:
    code: str
    title: str
    minutes: int


def _setting(name, default):
    return getattr(settings, name, default)


def minimum_grade_for_children() -> str:
    """Lowest grade a child may get without an override reason. domain.md B1: whether APP bars
    "very low" for children is [U]; many local protocols treat every missing child as at least
    medium [S, local] -> default "medium" (local policy)."""
    return str(_setting("VIGIL_MISSING_CHILD_MIN_GRADE", "medium"))


def minimum_grade_with_markers() -> str:
    """Higher minimum for children with the markers below. domain.md B4 / rule I2: flags require an
    override reason below HIGH (threshold configurable) -> default "high" (local policy)."""
    return str(_setting("VIGIL_MISSING_MARKER_MIN_GRADE", "high"))


def higher_minimum_markers() -> frozenset[str]:
    """Marker kinds that raise the minimum grade. Default: child protection plan and exploitation
    (the issue's rule); domain.md B4 also names looked-after and repeat missing, which a force may add."""
    return frozenset(_setting("VIGIL_MISSING_MARKER_KINDS", ("cp_plan", "exploitation")))


def review_hours() -> dict[str, int]:
    """Review interval per grade in hours (local policy, domain.md B3 [U])."""
    hours = dict(DEFAULT_REVIEW_HOURS)
    hours.update(_setting("VIGIL_MISSING_REVIEW_HOURS", {}))
    return hours


def escalation_step_hours() -> int:
    """Hours after an overdue review when it escalates a second rank, to senior officers. The rank
    required for oversight is [U] nationally (domain.md B2) -> local policy, default 2."""
    return int(_setting("VIGIL_MISSING_ESCALATION_STEP_HOURS", 2))


def early_actions() -> tuple[EarlyAction, ...]:
    """The early actions and their minutes from the report (local policy; see DEFAULT_EARLY_ACTIONS)."""
    minutes = _setting("VIGIL_MISSING_ACTION_MINUTES", {})
    return tuple(EarlyAction(code, title, int(minutes.get(code, default)))
                 for code, title, default in DEFAULT_EARLY_ACTIONS)


def prevention_interview_hours() -> dict[str, int]:
    """Hours after the child is found within which the prevention interview is due. National timing is
    [U]; the Met uses 24 h, or 1 h if high risk (domain.md B5 [S, local]) -> those defaults."""
    hours = {"": 24, "very_low": 24, "low": 24, "medium": 24, "high": 1}
    hours.update(_setting("VIGIL_MISSING_PREVENTION_HOURS", {}))
    return hours


def rhi_hours() -> int:
    """Return home interview due this many hours after return. DfE 2014 statutory guidance: "normally
    within 72 hours of return" (domain.md B5 [S, multiple sources]). Default 72."""
    return int(_setting("VIGIL_MISSING_RHI_HOURS", 72))


def repeat_rule() -> tuple[int, int]:
    """(episodes, days): no national definition (domain.md B6 [U]) -> local policy, default 3 in 90."""
    count, days = _setting("VIGIL_MISSING_REPEAT_RULE", (3, 90))
    return int(count), int(days)


def far_from_home_km() -> float:
    """Found further than this from home counts as an exploitation indicator (issue 4, rule 6).
    No published threshold [U] -> local policy, default 20 km."""
    return float(_setting("VIGIL_MISSING_FAR_KM", 20))


def referral_hours() -> int:
    """Hours for children's social care to receive an exploitation referral raised on return.
    Local policy [U], default 24 (as the force's PPN, domain.md A3)."""
    return int(_setting("VIGIL_MISSING_REFERRAL_HOURS", 24))


def meeting_days() -> int:
    """Days for the coordinator to convene a multi-agency meeting for a repeat-missing child.
    Local policy [U], default 10."""
    return int(_setting("VIGIL_MISSING_MEETING_DAYS", 10))


def dashboard_cache_seconds() -> int:
    """How long the dashboard's 12-month figures (time to locate, where found, hotspots, return
    interviews within 72 hours) are reused before being counted again. Overdue reviews and actions,
    open episodes and repeat children are always counted live. Default 300 seconds; 0 turns it off."""
    return int(_setting("VIGIL_MISSING_DASHBOARD_CACHE_SECONDS", 300))


def policy_rows() -> list[tuple[str, str, str]]:
    """(setting, value, status) for the pages and `vigil missing policy`."""
    from vigil.missing.rules import GRADE_LABELS

    count, days = repeat_rule()
    markers = ", ".join(k.replace("_", " ") for k in sorted(higher_minimum_markers()))
    rows = [
        ("Minimum grade for a missing child", GRADE_LABELS[minimum_grade_for_children()],
         "Local policy (domain.md B1 [U])"),
        (f"Minimum grade with markers ({markers})", GRADE_LABELS[minimum_grade_with_markers()],
         "Local policy (domain.md B4)"),
        ("Review interval, not yet graded", f"{review_hours()['']} h", "Local policy (domain.md B3 [U])"),
    ]
    for grade in reversed(GRADES):
        rows.append((f"Review interval, {grade.replace('_', ' ')}", f"{review_hours()[grade]} h",
                     "Local policy (domain.md B3 [U])"))
    rows.append(("Second escalation after an overdue review", f"{escalation_step_hours()} h",
                 "Local policy (domain.md B2 [U])"))
    for action in early_actions():
        rows.append((f"Early action: {action.title}", f"{action.minutes} min from the report",
                     "Local policy (domain.md B3/B4; timing [U])"))
    rows += [
        ("Prevention interview after return (high risk)", f"{prevention_interview_hours()['high']} h",
         "Local policy (domain.md B5 [S, local])"),
        ("Prevention interview after return (other grades)", f"{prevention_interview_hours()['medium']} h",
         "Local policy (domain.md B5 [S, local])"),
        ("Return home interview due after return", f"{rhi_hours()} h", "DfE 2014 statutory guidance (domain.md B5 [S])"),
        ("Repeat missing", f"{count} episodes in {days} days", "Local policy (domain.md B6 [U])"),
        ("Found far from home", f"over {far_from_home_km():g} km", "Local policy [U]"),
        ("Exploitation referral due", f"{referral_hours()} h", "Local policy [U]"),
        ("Multi-agency meeting for a repeat-missing child", f"{meeting_days()} days", "Local policy [U]"),
    ]
    return rows
