"""Import a workbook from the command line.

Exit codes: 0 imported (with --dry-run: would import); 1 the file was refused
(every problem printed, nothing written); 2 bad arguments (no such file or user).
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import User
from imports.services import import_workbook, record_batch

EXIT_REFUSED = 1
EXIT_USAGE = 2


class Command(BaseCommand):
    help = "Nhập số liệu từ tệp Excel lập theo mẫu (import a workbook made from a template)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--user", required=True, help="tên đăng nhập của người nhập; quyền của người này được áp dụng"
        )
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không lưu")

    def handle(self, *args: Any, file: str, user: str, dry_run: bool, **options: Any) -> None:
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {file}.", returncode=EXIT_USAGE)
        account = User.objects.filter(username=user).select_related("organisation").first()
        if account is None:
            raise CommandError(f"Không có người dùng «{user}».", returncode=EXIT_USAGE)
        outcome = import_workbook(path=path, file_name=path.name, user=account, commit=not dry_run)
        if not dry_run or outcome.issues:
            record_batch(outcome=outcome, user=account, size=path.stat().st_size)
        counts = f"{outcome.count('new')} dòng mới, {outcome.count('changed')} dòng sửa, {outcome.count('unchanged')} dòng không đổi"
        if outcome.issues:
            for issue in outcome.issues:
                self.stderr.write(issue.as_text())
            raise CommandError(
                f"Không nhập tệp {path.name}: {len(outcome.issues)} lỗi. Không có gì được lưu.", returncode=EXIT_REFUSED
            )
        if dry_run:
            self.stdout.write(f"Kiểm tra xong, có thể nhập: {counts}. (--dry-run: chưa lưu gì)")
        else:
            self.stdout.write(f"Đã nhập {path.name} (SHA-256 {outcome.sha256}): {counts}.")
