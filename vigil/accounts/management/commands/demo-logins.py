"""`vigil demo-logins` (the name the Makefile uses): the same command as demo_logins."""

from vigil.accounts.management.commands.demo_logins import Command

__all__ = ["Command"]
