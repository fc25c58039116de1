"""The kinds of task this app creates, each with the rule behind its due time (shown on My work)."""

from vigil.core.deadlines import DeadlineKind, register
from vigil.offenders import statute

INITIAL = register(DeadlineKind(
    "rso.initial", "Initial notification (registered sex offender)",
    source=f"SOA 2003 {statute.INITIAL_DAYS.source}; custody, hospital and time abroad disregarded (s.83(6))",
    statutory=True,
))
CHANGE = register(DeadlineKind(
    "rso.change", "Notification of a change (registered sex offender)",
    source=f"SOA 2003 {statute.CHANGE_DAYS.source}",
    statutory=True,
))
PERIODIC = register(DeadlineKind(
    "rso.periodic", "Periodic re-notification (registered sex offender)",
    source=f"SOA 2003 {statute.ANNUAL_MONTHS.source}; weekly with no fixed abode ({statute.NFA_DAYS.source})",
    statutory=True,
))
BREACH = register(DeadlineKind(
    "rso.breach", "Breach of notification requirements: enquiry",
    source="SOA 2003 s.91 (domain.md C8 [V]); start the enquiry within VIGIL_RSO_BREACH_DAYS working days "
           "(default 1, local practice [U])",
))
CHILD_LINK = register(DeadlineKind(
    "rso.child_link", "Registered sex offender linked to a child: review risk, consider referral",
    source="Rule I7 / domain.md C6: household with a child or a link to an address with children; "
           "review within VIGIL_RSO_CHILD_LINK_HOURS (default 24, local practice [U])",
))
RISK_REVIEW = register(DeadlineKind(
    "rso.risk_review", "Reassess risk (registered sex offender)",
    source="domain.md C10: new intelligence or a change in circumstances should trigger a risk reassessment; "
           "within VIGIL_RSO_INTELLIGENCE_DAYS (default 7, local practice [U])",
))
WHEREABOUTS = register(DeadlineKind(
    "rso.whereabouts", "Registered sex offender not at notified address: establish whereabouts",
    source="APP Home visits (domain.md C10 [V]): action if the offender no longer lives at the notified address; "
           "possible s.84 / s.91 offence",
))
