import subprocess
from pathlib import Path

import dj_database_url
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from ops.postgres import PostgresToolMissing, command_env, command_line_args, find_tool, server_major_version


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu bằng pg_restore, thay thế dữ liệu hiện có — "
        "Restore a backup with pg_restore, replacing what is there."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("backup", help="Tệp do `manage.py backup` tạo ra")
        parser.add_argument(
            "--database-url", help="Khôi phục vào cơ sở dữ liệu này (mặc định: cơ sở dữ liệu của ứng dụng)"
        )
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="Không hỏi xác nhận"
        )

    def handle(self, *args, **options) -> None:
        backup = Path(options["backup"])
        if not backup.is_file():
            raise CommandError(f"Không thấy tệp sao lưu {backup}.")
        if options["database_url"]:
            db = {k: v for k, v in dj_database_url.parse(options["database_url"]).items() if v not in (None, "")}
        else:
            db = connections["default"].settings_dict
        if options["interactive"]:
            answer = input(
                f"Mọi dữ liệu trong cơ sở dữ liệu «{db['NAME']}» sẽ bị thay bằng bản sao lưu. Gõ 'yes' để tiếp tục: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Đã hủy khôi phục.")
        try:
            pg_restore = find_tool("pg_restore", server_major_version(db))
        except PostgresToolMissing as error:
            raise CommandError(str(error)) from error
        # One transaction: either the whole backup is in place, or nothing changed.
        result = subprocess.run(
            [
                str(pg_restore),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
            ]
            + command_line_args(db)
            + [str(backup)],
            env=command_env(db),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise CommandError(f"pg_restore thất bại, cơ sở dữ liệu không thay đổi: {result.stderr.strip()}")
        self.stdout.write(self.style.SUCCESS(f"Đã khôi phục {backup} vào «{db['NAME']}»."))
