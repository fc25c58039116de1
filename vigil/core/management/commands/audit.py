"""`vigil audit verify`: recompute the audit hash chain and name the first broken entry."""

from django.core.management.base import BaseCommand, CommandError

from vigil.core.audit import verify_chain


class Command(BaseCommand):
    help = "Audit trail tools."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Check the hash chain of the whole audit trail.")

    def handle(self, *args, **options):
        if options["action"] == "verify":
            result = verify_chain()
            if not result.ok:
                raise CommandError(
                    f"Audit chain BROKEN at entry {result.broken_seq}: {result.problem} "
                    f"({result.checked} entries before it verified)."
                )
            self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {result.checked} entries verified."))
