"""Sign-in, sign-out and failed sign-in go into the audit trail."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from vigil.core import audit


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    audit.record(action=audit.AuditEvent.Action.LOGIN, actor=user, object_type="accounts.user",
                 object_id=user.pk, object_label=user.username, request=request)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit.record(action=audit.AuditEvent.Action.LOGOUT, actor=user, object_type="accounts.user",
                     object_id=user.pk, object_label=user.username, request=request)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    audit.record(action=audit.AuditEvent.Action.LOGIN_FAILED, object_type="accounts.user",
                 object_label=username, request=request)
