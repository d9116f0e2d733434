from django.apps import AppConfig


class ExecutionConfig(AppConfig):
    name = "execution"
    verbose_name = "Thực hiện đề án (thẩm định, tiến độ, kiểm tra, hiệu quả)"
