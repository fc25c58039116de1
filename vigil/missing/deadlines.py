"""The kinds of task the missing module creates, each with the rule behind its due time (My work)."""

from vigil.core.deadlines import DeadlineKind, register
from vigil.missing.conf import DEFAULT_EARLY_ACTIONS

ACTION_PREFIX = "missing.action."
ACTIONS = {
    code: register(DeadlineKind(
        f"{ACTION_PREFIX}{code}", title,
        source="Early action from the moment of the report (domain.md B3/B4, rule I3); minutes from the report "
               "are local policy (VIGIL_MISSING_ACTION_MINUTES)",
    ))
    for code, title, _minutes in DEFAULT_EARLY_ACTIONS
}
SENIOR_OVERSIGHT = register(DeadlineKind(
    "missing.senior_oversight", "High-risk missing child: senior officer oversight and Child Rescue Alert decision",
    source="High risk: senior officer oversight (domain.md B2 [S]); consider Child Rescue Alert (APP supervisors, "
           "domain.md B3 [V]); rule I2",
))
PREVENTION = register(DeadlineKind(
    "missing.prevention_interview", "Prevention interview (safe and well check)",
    source="Every returned child (domain.md B5 [S]); hours after return are local policy "
           "(VIGIL_MISSING_PREVENTION_HOURS, default 24, 1 if high risk)",
))
RETURN_INTERVIEW = register(DeadlineKind(
    "missing.return_interview", "Return home interview (local authority)",
    source="DfE statutory guidance on children who run away or go missing (2014): normally within 72 hours of "
           "return (domain.md B5 [S])",
))
MEETING = register(DeadlineKind(
    "missing.repeat_meeting", "Convene a multi-agency meeting for a repeat-missing child",
    source="Repeat missing routed to the missing persons coordinator (domain.md B6, rule I4); the rule "
           "(VIGIL_MISSING_REPEAT_RULE, default 3 in 90 days) and the days to convene are local policy",
))
EXPLOITATION = register(DeadlineKind(
    "missing.exploitation_referral", "Exploitation referral after a missing episode",
    source="Exploitation indicators on return (domain.md A7, B6; issue 4 §6); hours are local policy "
           "(VIGIL_MISSING_REFERRAL_HOURS)",
))
