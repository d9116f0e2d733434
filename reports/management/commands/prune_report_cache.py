"""Remove rendered report files nobody will ask for again, and the least recently served over the size cap."""

from typing import Any

from django.core.management.base import BaseCommand

from reports.cache import prune


class Command(BaseCommand):
    help = "Xóa các tệp báo cáo đã tạo không còn dùng (của ngày trước) và các tệp cũ nhất khi vượt dung lượng."

    def handle(self, *args: Any, **options: Any) -> None:
        removed = prune()
        self.stdout.write(f"Đã xóa {removed} tệp báo cáo.")
