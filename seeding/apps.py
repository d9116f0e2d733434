from django.apps import AppConfig


class SeedingConfig(AppConfig):
    """Demo data and the synthetic national dataset: above every domain app, imported by none."""

    name = "seeding"
    verbose_name = "Dữ liệu minh họa"
