from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "vigil.accounts"
    label = "accounts"
    verbose_name = "Accounts and organisation"

    def ready(self) -> None:
        from vigil.accounts import signals  # noqa: F401  (audit sign-in events)
