import time
from typing import Any

from django.core.management.base import BaseCommand

from accounts.admin_units import admin_units_load
from khuyencong.formatting import format_number as n


class Command(BaseCommand):
    help = "Nạp hoặc cập nhật đơn vị hành chính (trước và từ 01/07/2025) từ gói vietnamadminunits; chạy lại không thay đổi gì."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        report = admin_units_load()
        seconds = time.perf_counter() - started
        c = report.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"Đơn vị hành chính: {n(c['provinces'])} tỉnh và {n(c['communes'])} xã, phường, đặc khu từ 01/07/2025; "
                f"{n(c['old_provinces'])} tỉnh, {n(c['old_districts'])} huyện và {n(c['old_communes'])} xã đến 30/06/2025; "
                f"{n(c['links'])} liên kết kế thừa."
            )
        )
        self.stdout.write(
            f"Thêm {n(report.created)}, sửa {n(report.updated)}, thêm {n(report.links_added)} và bỏ "
            f"{n(report.links_removed)} liên kết; {n(seconds, 1)} giây."
        )
