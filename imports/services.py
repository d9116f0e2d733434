"""Export a template; check an uploaded workbook; save it in one transaction.

`import_workbook(commit=False)` is the preview and the dry run: it runs every
check and every write inside a transaction that is then rolled back, so the
preview reports exactly what a confirmed import would do, including the
refusals of the money services, and nothing is kept.
"""

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import openpyxl
import pghistory
from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.utils import timezone
from openpyxl.utils import get_column_letter

from accounts.models import Role, User
from imports.kinds import COMMON_INSTRUCTIONS, KINDS, Comparison, Context, ImportKindSpec
from imports.models import ImportBatch, ImportStatus
from imports.safety import ImportRefused, check_workbook_file
from imports.spec import INSTRUCTIONS_SHEET, LISTS_SHEET, Issue, RowChange
from imports.workbook import build_workbook, open_workbook, read_meta, read_sheet
from khuyencong.official import in_official_language
from policy.access import visible_programmes
from programs.models import Programme, ProgrammeLevel
from programs.services import YearLocked, YearOutsideProgramme, ensure_year_open

logger = logging.getLogger(__name__)

ADVISORY_LOCK_NAMESPACE = 6_0601  # imports' own space of pg advisory lock keys
LOCK_TIMEOUT = "30s"
MAX_ISSUES_SHOWN = 1000
PLANNERS = (Role.DEPARTMENT_STAFF, Role.CENTRE_LEADER)
IMPORTING_ROLES = (
    Role.DEPARTMENT_STAFF,
    Role.CENTRE_LEADER,
    Role.DISTRICT_OFFICER,
    Role.COMMUNE_OFFICER,
    Role.MINISTRY_OFFICER,
    Role.ADMINISTRATOR,
)


class ImportNotAllowed(ImportRefused):
    pass


class _Rollback(Exception):
    pass


@dataclass
class ImportOutcome:
    file_name: str
    sha256: str
    kind: str = ""
    programme: Programme | None = None
    year: int | None = None
    changes: list[RowChange] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    saved: bool = False

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def unchanged(self) -> bool:
        """Every row read matches what is stored: nothing to save, whatever the year's lock."""
        return self.ok and all(change.action == "unchanged" for change in self.changes)

    def count(self, action: str) -> int:
        return sum(1 for change in self.changes if change.action == action)

    def summary(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "programme": self.programme.code if self.programme else "",
            "year": self.year,
            "counts": {action: self.count(action) for action in ("new", "changed", "unchanged")},
            "changes": [change.as_dict() for change in self.changes if change.action != "unchanged"][:MAX_ISSUES_SHOWN],
            "unchanged": [
                [change.sheet, change.row, change.label] for change in self.changes if change.action == "unchanged"
            ][:MAX_ISSUES_SHOWN],
            "issues": [issue.as_dict() for issue in self.issues[:MAX_ISSUES_SHOWN]],
            "issues_total": len(self.issues),
            "unchanged_file": self.unchanged,
        }


def file_sha256(path: Path | str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def check_may_import(*, user: User, kind: ImportKindSpec, programme: Programme | None = None) -> None:
    if not user.is_active or user.role not in IMPORTING_ROLES:
        raise ImportNotAllowed("Tài khoản của bạn không có quyền nhập số liệu.")
    if kind.province_only and user.role in (Role.DISTRICT_OFFICER, Role.COMMUNE_OFFICER):
        level = "huyện" if user.role == Role.DISTRICT_OFFICER else "xã"
        raise ImportNotAllowed(f"Cán bộ cấp {level} không được nhập «{kind.label}»; đề nghị Sở Công Thương nhập.")
    if programme is None:
        return
    # The ministry manages the national programme only; a province reads the national plan.
    if user.role == Role.MINISTRY_OFFICER and programme.level == ProgrammeLevel.LOCAL:
        raise ImportNotAllowed("Cục không nhập số liệu của chương trình khuyến công địa phương.")
    if kind.province_only and user.role in PLANNERS and programme.level == ProgrammeLevel.NATIONAL:
        raise ImportNotAllowed(f"Chỉ Cục nhập «{kind.label}» của chương trình khuyến công quốc gia.")


@in_official_language
def export_workbook(*, programme: Programme, year: int, kind: str, user: User, output: IO[bytes] | str) -> None:
    """The template for `kind`, pre-filled with what `user` may see of the programme's year."""
    spec = KINDS[kind]
    if year not in programme.years:
        raise YearOutsideProgramme(programme, year)
    ctx = Context(programme=programme, year=year, user=user)
    rows = spec.export_rows(ctx)
    title = f"{spec.label} năm {year} — {programme.code}"
    instructions = [
        f"Chương trình: {programme.name} ({programme.code}). Năm: {year}. Mẫu: {spec.label}.",
        *spec.instructions(),
        *[f"• {line}" for line in COMMON_INSTRUCTIONS],
    ]
    for sheet in spec.sheets:
        instructions.append(f"Trang «{sheet.title}», các cột:")
        for index, column in enumerate(sheet.columns, start=2):
            need = "chỉ để xem" if column.info else ("bắt buộc" if column.required else "không bắt buộc")
            offered = f"; chọn trong danh sách «{column.list_name}»" if column.list_name else ""
            instructions.append(f"   {get_column_letter(index)} — {column.header} ({need}{offered})")
    build_workbook(
        kind=kind,
        title=title,
        programme_code=programme.code,
        year=year,
        sheets=[(sheet, rows[sheet.title]) for sheet in spec.sheets],
        lists=spec.lists(ctx),
        instructions=instructions,
        output=output,
    )


def _identify(workbook: openpyxl.Workbook) -> ImportKindSpec:
    names = list(workbook.sheetnames)
    hidden = [sheet.title for sheet in workbook.worksheets if getattr(sheet, "sheet_state", "visible") != "visible"]
    if hidden:
        raise ImportRefused(
            f"Tệp có trang tính bị ẩn ({', '.join(hidden)}); không được nhận. Hãy bỏ ẩn hoặc xóa trang đó, dùng đúng mẫu tải về."
        )
    for spec in KINDS.values():
        wanted = [sheet.title for sheet in spec.sheets]
        if all(title in names for title in wanted):
            extra = [name for name in names if name not in wanted and name not in (INSTRUCTIONS_SHEET, LISTS_SHEET)]
            if extra:
                raise ImportRefused(f"Tệp có trang tính lạ: {', '.join(extra)}. Không thêm trang vào mẫu.")
            return spec
    expected = "; ".join(f"{spec.label}: «{'», «'.join(s.title for s in spec.sheets)}»" for spec in KINDS.values())
    raise ImportRefused(
        f"Không nhận ra mẫu: tệp có các trang «{'», «'.join(names[:10])}». Tệp phải có các trang tính của một mẫu ({expected})."
    )


def _meta(workbook: openpyxl.Workbook, spec: ImportKindSpec, user: User) -> tuple[Programme, int]:
    found = {read_meta(workbook, sheet.title) for sheet in spec.sheets}
    if len(found) != 1:
        raise ImportRefused("Dòng 2 của các trang tính ghi chương trình hoặc năm khác nhau; không sửa dòng 2 của mẫu.")
    code, year, kind = found.pop()
    if kind != spec.code:
        raise ImportRefused(f"Ô G2 phải ghi loại mẫu «{spec.code}»; không sửa dòng 2 của mẫu.")
    # Another province's programme is answered as if it did not exist.
    programme = visible_programmes(user).filter(code=code).first()
    if programme is None:
        raise ImportRefused(f"Ô C2: không có chương trình mã «{code}».")
    try:
        year = int(year)
    except (TypeError, ValueError) as error:
        raise ImportRefused("Ô E2 phải ghi năm (ví dụ 2020).") from error
    return programme, year


def _lock_year(programme: Programme, year: int) -> None:
    """Serialise imports of one programme's year: the second waits, or is refused after LOCK_TIMEOUT."""
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
        try:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", [ADVISORY_LOCK_NAMESPACE, programme.pk * 10_000 + year]
            )
        except OperationalError as error:
            raise ImportRefused(
                f"Đang có một lần nhập khác cho chương trình {programme.code} năm {year}; hãy thử lại sau ít phút."
            ) from error


def _ensure_year_open_or_unchanged(outcome: ImportOutcome) -> YearLocked | None:
    """A locked year refuses changes only: the lock is returned, to refuse the file once it is known to change something."""
    assert outcome.programme is not None  # noqa: S101  typing narrowing: the caller checked the header
    assert outcome.year is not None  # noqa: S101  typing narrowing, as above
    try:
        ensure_year_open(programme=outcome.programme, year=outcome.year)
    except YearLocked as error:
        return error
    return None


@in_official_language
def import_workbook(*, path: Path | str, file_name: str, user: User, commit: bool) -> ImportOutcome:
    """Check the file and, when `commit` and nothing is wrong, save every row in one transaction."""
    outcome = ImportOutcome(file_name=file_name, sha256=file_sha256(path))
    try:
        check_workbook_file(path, file_name)
        workbook = open_workbook(str(path))
        try:
            spec = _identify(workbook)
            outcome.kind = spec.code
            check_may_import(user=user, kind=spec)
            outcome.programme, outcome.year = _meta(workbook, spec, user)
            check_may_import(user=user, kind=spec, programme=outcome.programme)
            _ensure_year_open_or_unchanged(outcome)
            rows = {sheet.title: read_sheet(workbook, sheet, outcome.issues) for sheet in spec.sheets}
        finally:
            workbook.close()
    except (ImportRefused, YearLocked, YearOutsideProgramme) as error:
        outcome.issues.append(Issue(message=str(error)))
        return outcome
    except Exception:  # a sheet's XML broken further in than the checks read: refuse, never crash
        logger.warning("Unreadable workbook %s (%s)", file_name, outcome.sha256, exc_info=True)
        outcome.issues.append(Issue(message="Không đọc được tệp Excel: nội dung trang tính bị hỏng."))
        return outcome
    ctx = Context(programme=outcome.programme, year=outcome.year, user=user)
    try:
        with transaction.atomic():
            _lock_year(outcome.programme, outcome.year)
            # Checked again under the lock: the year may have been locked while the file was read.
            locked = _ensure_year_open_or_unchanged(outcome)
            comparison: Comparison = spec.compare(ctx, rows)
            outcome.changes = comparison.changes
            outcome.issues.extend(comparison.issues)
            if outcome.unchanged:
                raise _Rollback  # a file that changes nothing saves nothing, locked year or not
            if locked is not None:
                outcome.changes, outcome.issues = [], [Issue(message=str(locked))]
            if outcome.issues:
                raise _Rollback
            with pghistory.context(import_file=file_name, import_sha256=outcome.sha256, user=user.pk):
                spec.apply(ctx, comparison)
            outcome.issues.extend(comparison.issues)  # refusals of the money services, row by row
            if outcome.issues or not commit:
                raise _Rollback
            outcome.saved = True
    except _Rollback:
        outcome.saved = False
    except (ImportRefused, YearLocked, YearOutsideProgramme) as error:
        outcome.issues.append(Issue(message=str(error)))
    return outcome


def record_batch(*, outcome: ImportOutcome, user: User, size: int, stored_path: str = "") -> ImportBatch:
    if outcome.saved:
        status = ImportStatus.IMPORTED
    elif outcome.issues:
        status = ImportStatus.REFUSED
    else:
        status = ImportStatus.PREVIEWED
    return ImportBatch.objects.create(
        file_name=outcome.file_name[:255],
        sha256=outcome.sha256,
        size=size,
        kind=outcome.kind,
        programme=outcome.programme,
        year=outcome.year,
        status=status,
        summary=outcome.summary(),
        stored_path=stored_path,
        user=user,
        imported_at=timezone.now() if outcome.saved else None,
    )


@dataclass
class Expiry:
    batches: int
    files: int


def upload_directory() -> Path:
    """Where uploaded workbooks wait between preview and confirmation."""
    directory = Path(settings.MEDIA_ROOT) / "imports"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def expire_previews(*, older_than: dt.timedelta, now: dt.datetime | None = None) -> Expiry:
    """Drop the stored workbooks of previews nobody confirmed within `older_than`.

    The batch stays, marked expired, with its check summary: what was uploaded and by
    whom is kept, only the file goes. A file in the upload folder that no waiting
    preview names (left by a request that died between storing and recording it) goes
    too once it is as old.
    """
    cut_off = (now or timezone.now()) - older_than
    stale = ImportBatch.objects.filter(status=ImportStatus.PREVIEWED, created_at__lt=cut_off)
    files = 0
    batches = 0
    with transaction.atomic():
        # A preview being confirmed right now holds its row: skipped, not expired under it.
        for batch in stale.select_for_update(skip_locked=True):
            if batch.stored_path:
                path = Path(batch.stored_path)
                if path.exists():
                    path.unlink()
                    files += 1
            batch.status, batch.stored_path = ImportStatus.EXPIRED, ""
            batch.save(update_fields=["status", "stored_path"])
            batches += 1
    waiting = set(
        ImportBatch.objects.filter(status=ImportStatus.PREVIEWED)
        .exclude(stored_path="")
        .values_list("stored_path", flat=True)
    )
    for path in upload_directory().glob("*.xlsx"):
        modified = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
        if str(path) not in waiting and modified < cut_off:
            path.unlink(missing_ok=True)
            files += 1
    return Expiry(batches=batches, files=files)
