from django.apps import AppConfig


class PolicyConfig(AppConfig):
    """Who sees and changes what: above the domain apps it scopes, so `accounts` stays the ground."""

    name = "policy"
    verbose_name = "Phân quyền"
