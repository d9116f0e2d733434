"""Drop the stored workbooks of import previews nobody confirmed in time (run hourly)."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from imports.services import expire_previews


class Command(BaseCommand):
    help = (
        "Xóa tệp Excel đã tải lên mà không được xác nhận nhập sau một thời gian (expire unconfirmed import previews)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--hours", type=int, default=24, help="số giờ một bản xem trước được chờ xác nhận (mặc định 24)"
        )

    def handle(self, *args: Any, hours: int, **options: Any) -> None:
        if hours < 1:
            raise CommandError("Số giờ phải từ 1 trở lên.")
        expiry = expire_previews(older_than=dt.timedelta(hours=hours))
        self.stdout.write(
            f"Đã hủy {expiry.batches} lần nhập chờ xác nhận quá {hours} giờ; đã xóa {expiry.files} tệp lưu tạm."
        )
