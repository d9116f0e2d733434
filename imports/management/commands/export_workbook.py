from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import User
from imports.kinds import KINDS
from imports.services import export_workbook
from programs.models import Programme
from programs.services import YearOutsideProgramme


class Command(BaseCommand):
    help = "Xuất mẫu Excel điền sẵn số liệu (export a pre-filled import template)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--programme", required=True, help="mã chương trình, ví dụ HN-2016-2020")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--kind", required=True, choices=list(KINDS))
        parser.add_argument("--output", required=True, help="tệp .xlsx sẽ ghi")
        parser.add_argument("--user", default="", help="xuất trong phạm vi của người dùng này (mặc định: toàn tỉnh)")

    def handle(self, *args: Any, programme: str, year: int, kind: str, output: str, user: str, **options: Any) -> None:
        found = Programme.objects.filter(code=programme).first()
        if found is None:
            raise CommandError(f"Không có chương trình mã «{programme}».", returncode=2)
        if user:
            account = User.objects.filter(username=user).select_related("organisation").first()
            if account is None:
                raise CommandError(f"Không có người dùng «{user}».", returncode=2)
        else:
            # Province-wide scope: the command is run by the people who run the server.
            account = User(username="__command__", role="department_staff", is_active=True)
        try:
            export_workbook(programme=found, year=year, kind=kind, user=account, output=output)
        except YearOutsideProgramme as error:
            raise CommandError(str(error), returncode=2) from error
        self.stdout.write(f"Đã ghi {output}")
