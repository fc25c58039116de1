"""What the Django admin may show (ADR 0006).

Case records (people, incidents, episodes, registrants...) are never read through the Django admin:
it would bypass need-to-know checks and the read audit. The admin is for reference data and the
system administrator only; case data is read and changed through Vigil's own pages and services.
"""

from django.contrib import admin

from vigil.accounts.roles import Cap

# Models the admin may keep: reference data and account plumbing. Everything else is unregistered.
ALLOWED = {
    "incidents.incidenttype",
    "auth.group",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "socialaccount.socialapp",
}


class _ReferenceDataPermissions:
    """System administrators manage the allowed models; nobody else enters the admin."""

    @staticmethod
    def has_permission(request) -> bool:
        user = request.user
        return bool(user.is_active and user.is_authenticated and user.can(Cap.ADMIN_USERS))


def apply() -> None:
    for model in list(admin.site._registry):
        if model._meta.label_lower not in ALLOWED:
            admin.site.unregister(model)
    admin.site.has_permission = _ReferenceDataPermissions.has_permission
    for model_admin in admin.site._registry.values():
        for name in ("has_view_permission", "has_change_permission", "has_add_permission", "has_module_permission"):
            original = getattr(model_admin, name)
            setattr(model_admin, name, _guarded(original))


def _guarded(original):
    def check(request, *args, **kwargs):
        if not _ReferenceDataPermissions.has_permission(request):
            return False
        if getattr(original, "__func__", None) in _DEFAULT_PERMISSION_METHODS:
            return True  # Django's default asks for model permissions we do not hand out
        return original(request, *args, **kwargs)

    return check


_DEFAULT_PERMISSION_METHODS = {
    admin.ModelAdmin.has_view_permission,
    admin.ModelAdmin.has_change_permission,
    admin.ModelAdmin.has_add_permission,
    admin.ModelAdmin.has_module_permission,
}
