from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "ops"
    verbose_name = "Vận hành"

    def ready(self) -> None:
        from ops import admin_widgets, security_log  # noqa: F401  (security_log connects the login signals)

        admin_widgets.install()
