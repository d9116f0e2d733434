from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "ops"
    verbose_name = "Vận hành"

    def ready(self) -> None:
        from ops import security_log  # noqa: F401  (connects the login signals)
