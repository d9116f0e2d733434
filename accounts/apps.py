from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Người dùng, tổ chức và đơn vị hành chính"
