"""Expected GET status for every platform page and endpoint, by role.

Columns, in order: response officer, public protection investigator, offender manager, missing
persons coordinator, supervisor, senior officer, partner (children's social care), performance and
audit, system administrator, outsider (a supervisor in another force), anonymous.
302 for anonymous means "sent to sign in"; 401 is the API's answer. 405 marks POST-only URLs.
The person used is in the users' force, not restricted and not shared with the partner.

A module adds a file matrix_<module>.py with MATRIX and, for pages that need records,
`build(*, force, users, csc, team, base) -> dict` and `url_kwargs(name, data) -> dict | None`
(None: not one of its names).
"""

MATRIX = {
    # name                          resp pp   om   mc   sup  sen  part aud  sys  out  anon
    "accessibility":               "200 200 200 200 200 200 200 200 200 200 200",
    "core:my_work":                "200 200 200 200 200 200 200 200 302 200 302",
    "core:team_work":              "403 403 403 200 200 200 403 200 403 200 302",
    "core:task_detail":            "200 404 404 404 200 200 404 200 404 404 302",
    "core:task_complete":          "405 405 405 405 405 405 405 405 405 405 302",
    "core:audit_search":           "403 403 403 403 200 200 403 200 403 200 302",
    "people:search":               "200 200 200 200 200 200 403 200 403 200 302",
    "people:create":               "200 200 200 200 200 200 403 403 403 200 302",
    "people:detail":               "200 200 200 200 200 200 404 200 404 404 302",
    "people:edit":                 "200 200 200 200 200 200 403 403 403 404 302",
    "people:merge":                "403 403 403 403 200 200 403 403 403 404 302",
    "people:restricted_reason":    "302 302 302 302 302 302 404 302 404 404 302",
    "people:alias_add":            "200 200 200 200 200 200 403 403 403 404 302",
    "people:address_add":          "200 200 200 200 200 200 403 403 403 404 302",
    "people:address_end":          "200 200 200 200 200 200 403 403 403 404 302",
    "people:relationship_add":     "200 200 200 200 200 200 403 403 403 404 302",
    "people:marker_add":           "200 200 200 200 200 200 403 403 403 404 302",
    "people:marker_end":           "200 200 200 200 200 200 403 403 403 404 302",
    "accounts:user_list":          "403 403 403 403 403 403 403 403 200 403 302",
    "accounts:user_create":        "403 403 403 403 403 403 403 403 200 403 302",
    "accounts:user_edit":          "403 403 403 403 403 403 403 403 200 403 302",
    "accounts:user_mfa_reset":     "403 403 403 403 403 403 403 403 200 403 302",
    "accounts:user_password_link": "403 403 403 403 403 403 403 403 200 403 302",
    "accounts:team_list":          "403 403 403 403 403 403 403 403 200 403 302",
    "accounts:team_create":        "403 403 403 403 403 403 403 403 200 403 302",
    "accounts:team_edit":          "403 403 403 403 403 403 403 403 200 403 302",
    "accounts:team_member_add":    "405 405 405 405 405 405 405 405 405 405 302",
    "accounts:team_member_change": "405 405 405 405 405 405 405 405 405 405 302",
    "api-me":                      "200 200 200 200 200 200 200 200 200 200 401",
    "api-schema":                  "200 200 200 200 200 200 200 200 200 200 200",
    "api-docs":                    "200 200 200 200 200 200 200 200 200 200 200",
    "api-person-list":             "200 200 200 200 200 200 200 200 403 200 401",
    "api-person-detail":           "200 200 200 200 200 200 404 200 403 404 401",
    "api-person-names":            "200 200 200 200 200 200 404 200 403 404 401",
    "api-person-addresses":        "200 200 200 200 200 200 403 200 403 404 401",
    "api-person-markers":          "200 200 200 200 200 200 403 200 403 404 401",
    "api-person-relationships":    "200 200 200 200 200 200 403 200 403 404 401",
    "api-task-list":               "200 200 200 200 200 200 200 200 403 200 401",
    "api-task-detail":             "200 404 404 404 200 200 404 200 403 404 401",
    "api-task-complete":           "405 405 405 405 405 405 405 405 403 405 401",
    "api-audit-event-list":        "403 403 403 403 200 200 403 200 403 200 401",
}
