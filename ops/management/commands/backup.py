import datetime as dt
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from ops.postgres import PostgresToolMissing, command_env, command_line_args, find_tool, server_major_version


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu bằng pg_dump (định dạng custom) — Back up the database with pg_dump."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", "-o", help="Tệp sao lưu (mặc định: BACKUP_DIR/khuyencong-<UTC>.dump)")
        parser.add_argument("--database", default="default", help="Bí danh cơ sở dữ liệu trong settings")
        parser.add_argument(
            "--keep", type=int, default=0, help="Giữ lại N bản sao lưu mới nhất trong BACKUP_DIR (0: giữ tất cả)"
        )

    def handle(self, *args, **options) -> None:
        db = connections[options["database"]].settings_dict
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        output = Path(options["output"] or Path(settings.BACKUP_DIR) / f"khuyencong-{stamp}.dump")
        output.parent.mkdir(parents=True, exist_ok=True)
        try:
            pg_dump = find_tool("pg_dump", server_major_version(db))
        except PostgresToolMissing as error:
            raise CommandError(str(error)) from error
        partial = output.with_name(output.name + ".partial")
        # A backup is written aside and renamed when complete, so a crash never leaves a file that looks whole.
        result = subprocess.run(
            [str(pg_dump), "--format=custom", "--no-owner", "--no-privileges", "--file", str(partial)]
            + command_line_args(db),
            env=command_env(db),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            partial.unlink(missing_ok=True)
            raise CommandError(f"pg_dump thất bại: {result.stderr.strip()}")
        partial.rename(output)
        output.chmod(0o600)
        if options["keep"] > 0:
            self._prune(output.parent, options["keep"])
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu vào {output} ({output.stat().st_size:,} bytes)."))

    def _prune(self, folder: Path, keep: int) -> None:
        backups = sorted(folder.glob("khuyencong-*.dump"), reverse=True)
        for old in backups[keep:]:
            old.unlink()
            self.stdout.write(f"Đã xóa bản cũ {old.name}.")
