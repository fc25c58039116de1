from django.conf import settings
from django.urls import reverse

from vigil.accounts.roles import Cap

# (label, url name, capability needed). Modules append their own entries in AppConfig.ready.
NAV_ITEMS: list[tuple[str, str, str | None]] = [
    ("My work", "core:my_work", Cap.TASK_WORK),
    ("Team", "core:team_work", Cap.TEAM_VIEW),
    ("People", "people:search", Cap.PERSON_SEARCH),
    ("Audit", "core:audit_search", Cap.AUDIT_SEARCH),
    ("Users", "accounts:user_list", Cap.ADMIN_USERS),
]


def vigil(request):
    user = getattr(request, "user", None)
    nav = []
    if user is not None and user.is_authenticated:
        for label, name, cap in NAV_ITEMS:
            if cap is None or user.can(cap):
                url = reverse(name)
                nav.append({"label": label, "url": url, "active": request.path.startswith(url) and url != "/"
                            or request.path == url})
    return {
        "service_name": settings.VIGIL_SERVICE_NAME,
        "demo_mode": settings.VIGIL_ENV in {"demo", "development"},
        "nav": nav,
    }
