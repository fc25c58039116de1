"""`vigil demo-logins`: the seeded demo users of force "midshire" and how to sign in as them."""

import os

from django.core.management.base import BaseCommand

from vigil.accounts.models import User
from vigil.accounts.roles import Role

DEMO_FORCE = "midshire"
DEFAULT_PASSWORD = "demo-password-123"


class Command(BaseCommand):
    help = "List the demo users (force 'midshire') with their roles and the demo password."

    def handle(self, *args, **options):
        users = list(
            User.objects.filter(force__code=DEMO_FORCE, is_active=True).exclude(password__startswith="!")
            .prefetch_related("role_assignments").order_by("username")
        )
        if not users:
            self.stdout.write("No demo users: run `make demo`")
            return
        password = os.environ.get("VIGIL_DEMO_PASSWORD") or DEFAULT_PASSWORD
        labels = dict(Role.choices)
        rows = [
            (u.username, ", ".join(str(labels.get(ra.role, ra.role)) for ra in u.role_assignments.all()) or "-")
            for u in users
        ]
        width = max(len(name) for name, _ in rows) + len(password) + len(" / password: ")
        self.stdout.write("Demo sign-ins (fictional data only):")
        for username, roles in rows:
            self.stdout.write(f"  {f'{username} / password: {password}'.ljust(width)}  {roles}")
