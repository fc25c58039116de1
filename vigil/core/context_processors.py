from collections.abc import Callable

from django.conf import settings
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vigil.accounts.roles import Cap

# Who gets a link: a capability, a callable(user) -> bool for rules a capability cannot state
# (a partner's organisation kind, police only), or None for everyone signed in.
NavRule = str | Callable[..., bool] | None


def opens_my_work(user) -> bool:
    """As core.views.my_work: task workers, and team overseers such as performance and audit."""
    return user.can(Cap.TASK_WORK) or user.can(Cap.TEAM_VIEW)


# (label, url name, who gets it). Modules append their own entries in AppConfig.ready.
NAV_ITEMS: list[tuple[str | Promise, str, NavRule]] = [
    (_("My work"), "core:my_work", opens_my_work),
    (_("Team"), "core:team_work", Cap.TEAM_VIEW),
    (_("People"), "people:search", Cap.PERSON_SEARCH),
    (_("Audit"), "core:audit_search", Cap.AUDIT_SEARCH),
    (_("Users"), "accounts:user_list", Cap.ADMIN_USERS),
]


def shows(user, rule: NavRule) -> bool:
    if rule is None:
        return True
    if callable(rule):
        return bool(rule(user))
    return user.can(rule)


def vigil(request):
    user = getattr(request, "user", None)
    nav = []
    if user is not None and user.is_authenticated:
        for label, name, rule in NAV_ITEMS:
            if shows(user, rule):
                url = reverse(name)
                nav.append({"label": label, "url": url, "active": request.path.startswith(url) and url != "/"
                            or request.path == url})
    return {
        "service_name": settings.VIGIL_SERVICE_NAME,
        "demo_mode": settings.VIGIL_ENV in {"demo", "development"},
        "nav": nav,
    }
