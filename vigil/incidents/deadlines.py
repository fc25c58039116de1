"""The kinds of task this app creates, each with the rule behind its due time (shown on My work)."""

from vigil.core.deadlines import DeadlineKind, register

ASSESSMENT = register(DeadlineKind(
    "incidents.assessment", "Child safeguarding assessment",
    source="Rule I1 / domain.md A3, A5: due with the PPN, 24 hours after the incident by default "
           "(VIGIL_REFERRAL_DUE_HOURS, local practice [S]); for domestic abuse, by the next school day",
))
REFERRAL_DECISION = register(DeadlineKind(
    "incidents.referral_decision", "Referral: acknowledge and decide",
    source="Working Together: referral decision within one working day (domain.md D1 [S])",
))
ENCOMPASS_SEND = register(DeadlineKind(
    "incidents.encompass_send", "Operation Encompass notification to school",
    source="Domestic Abuse Act 2021 s.49A [V]; before the start of the next school day (domain.md A4 [S])",
    statutory=True,
))
NIM_PAEDIATRIC = register(DeadlineKind(
    "incidents.nim_paediatric", "Same-day paediatric assessment (non-mobile infant)",
    source="Bruising in non-mobile infants: same-day paediatric assessment (domain.md A6 [S], rule I9)",
))
PP_NOTIFY = register(DeadlineKind(
    "incidents.pp_notify", "Police protection notification",
    source="Children Act 1989 s.46(3)-(4): as soon as reasonably practicable (domain.md D5); "
           "hours set by VIGIL_PP_NOTIFY_HOURS [U]",
    statutory=True,
))
PP_INQUIRY = register(DeadlineKind(
    "incidents.pp_inquiry", "Police protection: designated officer inquiry",
    source="Children Act 1989 s.46(3)(e), (5): the designated officer inquires into the case (domain.md D5)",
    statutory=True,
))
PP_STRATEGY = register(DeadlineKind(
    "incidents.pp_strategy", "Strategy discussion after police protection",
    source="Working Together / local procedures: a strategy discussion as soon as possible (domain.md D5 [S], I8)",
))
PP_WARNING = register(DeadlineKind(
    "incidents.pp_warning", "Police protection about to expire: release or EPO",
    source="Rule I8: warn before the 72-hour limit (VIGIL_PP_WARNING_HOURS, default 12 hours before)",
))
PP_EXPIRY = register(DeadlineKind(
    "incidents.pp_expiry", "Police protection ends (72 hours, cannot be extended)",
    source="Children Act 1989 s.46(6): no child kept in police protection for more than 72 hours (domain.md D5)",
    statutory=True,
))
