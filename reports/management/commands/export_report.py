"""Export a report to a file, so that reports can be scheduled (cron, a task queue)."""

import datetime as dt
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import User
from programs.models import Programme
from reports.export import CONTENT_TYPES, render_report
from reports.narrative import apply_edits
from reports.selectors import KINDS, UnknownReportKind, YearOutsideProgramme, build_overview, build_report

FILTERS = ("unit", "content", "source", "status", "target", "law_type")


class Command(BaseCommand):
    help = "Xuất báo cáo kế hoạch – thực hiện ra tệp (html, xlsx, pdf, csv, json)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--programme", required=True, help="Mã chương trình, ví dụ HN-2011-2015")
        parser.add_argument("--kind", default="summary", help=f"Loại báo cáo: {', '.join(KINDS)}")
        parser.add_argument("--year", type=int, help="Năm báo cáo (báo cáo năm)")
        parser.add_argument("--until", help="Số liệu đến ngày YYYY-MM-DD (báo cáo 6 tháng)")
        parser.add_argument("--format", required=True, help=f"Định dạng: {', '.join(CONTENT_TYPES)}")
        parser.add_argument("--output", required=True, help="Tệp ghi ra")
        parser.add_argument(
            "--user", default="", help="Tên đăng nhập: báo cáo chỉ gồm số liệu người này được xem (mặc định: toàn bộ)"
        )
        parser.add_argument("--number", default="", help="Số văn bản")
        parser.add_argument("--signer", default="", help="Họ tên người ký")
        for name in FILTERS:
            parser.add_argument(f"--{name.replace('_', '-')}", dest=name, default="", help=f"Lọc theo {name}")

    def handle(self, *args: Any, **options: Any) -> None:
        programme = Programme.objects.filter(code=options["programme"]).first()
        if programme is None:
            codes = ", ".join(Programme.objects.order_by("code").values_list("code", flat=True))
            raise CommandError(f"Không có chương trình mã «{options['programme']}». Các mã hiện có: {codes}.")
        fmt = options["format"]
        if fmt not in CONTENT_TYPES:
            raise CommandError(f"Định dạng không hợp lệ: «{fmt}». Chọn một trong: {', '.join(CONTENT_TYPES)}.")
        until = None
        if options["until"]:
            try:
                until = dt.date.fromisoformat(options["until"])
            except ValueError as error:
                raise CommandError(f"Ngày không hợp lệ: «{options['until']}» (cần dạng YYYY-MM-DD).") from error
        user = self._user(options["user"])
        filters = {name: options[name] for name in FILTERS if options.get(name)}
        try:
            report = build_report(
                options["kind"], programme=programme, user=user, year=options["year"], until=until, filters=filters
            )
        except (UnknownReportKind, YearOutsideProgramme) as error:
            raise CommandError(str(error)) from error
        apply_edits(report, narrative=report.narrative, number=options["number"], signer_name=options["signer"])
        overview = None
        if report.kind == "summary" and fmt in ("pdf", "html"):
            overview = build_overview(programme=programme, user=user, filters=filters)
        output = Path(options["output"])
        if not output.parent.is_dir():
            raise CommandError(f"Thư mục không tồn tại: {output.parent}")
        output.write_bytes(render_report(report, fmt, overview=overview))
        self.stdout.write(f"Đã ghi {output} ({output.stat().st_size} byte).")

    def _user(self, username: str) -> User:
        users = get_user_model().objects.select_related("organisation")
        if username:
            user = users.filter(username=username, is_active=True).first()
            if user is None:
                raise CommandError(f"Không có người dùng «{username}».")
            return user
        # A scheduled export without a named user reports province-wide, as the department does.
        user = users.filter(role__in=("department_staff", "administrator"), is_active=True).order_by("pk").first()
        if user is None:
            raise CommandError("Chưa có người dùng cấp Sở nào; dùng --user để chọn người dùng.")
        return user
