"""Render once: a report's PDF or workbook is made once per parameters and data, then served from storage.

The key of a file (`report_key`) holds everything its bytes depend on: the report
kind and format, every parameter (period, filters, the edits made before export),
the user's data scope (role and organisation, so colleagues with the same scope
share files, and a district officer never receives a province-wide file), the
data versions of the programmes it reads (bumped by database triggers in the
same transaction as every write, migration 0003), the renderer's code, the day
(the PDF prints today's date) and the language.

The versions are read *before* the report is built: the report's rows are then
at least as new as the key says, so a file is never older than its key. When two
users ask for the same missing file at once, a PostgreSQL advisory lock makes the
second wait for the first's file instead of rendering it again.

Files live in the default storage under `report-cache/`; `prune` removes the
files of earlier days and, over `REPORT_CACHE_MAX_BYTES`, the least recently
served (`manage.py prune_report_cache`, run beside `expire_imports`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from accounts.models import User
from policy.access import district_unit_id
from reports.models import CachedReportFile, DataVersion

logger = logging.getLogger(__name__)

CACHED_FORMATS = ("pdf", "xlsx")
PREFIX = "report-cache"
# What a rendered file is made from besides the data (globs under BASE_DIR): a change to any makes new keys.
# The whole reports package, so that modules split out of the selectors are counted without a list to keep.
RENDERER_SOURCES = (
    "reports/*.py",
    "reports/*/*.py",
    "khuyencong/formatting.py",
    "khuyencong/official.py",
    "policy/access.py",  # which rows a scope holds
    "programs/actuals.py",  # a target's actual, where it is computed outside the reports package
    "templates/reports/*.html",
    "static/reports/*",
)


@cache
def code_version() -> str:
    """A hash of the renderer's sources and templates, read once per process."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for pattern in RENDERER_SOURCES:
        for path in sorted(base.glob(pattern)):
            if path.is_file() and "migrations" not in path.parts:
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class CacheKey:
    digest: str
    kind: str
    fmt: str

    @property
    def lock_id(self) -> int:
        """The advisory lock of this key: its first 8 bytes as a signed bigint."""
        return int.from_bytes(bytes.fromhex(self.digest[:16]), "big", signed=True)

    @property
    def path(self) -> str:
        return f"{PREFIX}/{self.kind}/{self.digest}.{self.fmt}"


def report_parameters(
    *, programme: Any, year: Any = None, until: Any = None, filters: dict | None = None, edits: Mapping | None = None
) -> dict[str, Any]:
    """The parameters of one export, in the one shape the pages, the jobs and the key share."""
    if isinstance(until, dt.date):
        until = until.isoformat()
    return {
        "programme": int(getattr(programme, "pk", programme)),
        "year": int(year) if year not in (None, "") else None,
        "until": until or None,
        "filters": {str(k): str(v) for k, v in sorted((filters or {}).items()) if v not in (None, "")},
        "edits": dict(edits) if edits else None,
    }


def scope_identity(user: User) -> str:
    """Whose data a report holds and who issues it: role, organisation and confining unit, never the person."""
    return f"{user.role}:{user.organisation_id or ''}:{district_unit_id(user) or ''}"


def data_versions(programme_id: int | None) -> dict[int, int]:
    """Row 0 and the programme's version; every programme's for programme_id None (the trend report)."""
    rows = DataVersion.objects.all()
    if programme_id is not None:
        rows = rows.filter(programme_id__in=(0, programme_id))
    return dict(rows.values_list("programme_id", "version"))


def report_key(*, kind: str, fmt: str, parameters: dict[str, Any], user: User, variant: str = "") -> CacheKey | None:
    """The key of one export, or None for a format not kept (CSV, JSON and HTML are cheap to make)."""
    if fmt not in CACHED_FORMATS or not settings.REPORT_CACHE_ENABLED:
        return None
    parameters = report_parameters(**parameters)
    material = {
        "kind": kind,
        "format": fmt,
        "variant": variant,
        "parameters": parameters,
        "scope": scope_identity(user),
        "versions": data_versions(None if kind == "trend" else parameters["programme"]),
        "code": code_version(),
        "day": timezone.localdate().isoformat(),
        "language": translation.get_language(),
    }
    text = json.dumps(material, sort_keys=True, default=str, ensure_ascii=False)
    return CacheKey(hashlib.sha256(text.encode()).hexdigest(), kind, fmt)


@dataclass(frozen=True)
class CachedFile:
    content: bytes
    filename: str


def requested_key(
    request: HttpRequest, *, kind: str, programme: Any, user: User, data: dict, filters: dict
) -> CacheKey | None:
    """The key of the file a report page's request asks for (?format= or the export form), if one is kept."""
    from reports.forms import ExportForm

    edits = None
    if request.method == "POST":
        export = ExportForm(request.POST)
        if not export.is_valid():
            return None
        fmt, edits = export.cleaned_data["format"], export.edits()
    else:
        fmt = request.GET.get("format", "")
    # The summary's exported PDF opens with the leaders' overview; the ?format= one does not.
    variant = "overview" if kind == "summary" and request.method == "POST" and fmt == "pdf" else ""
    parameters = report_parameters(
        programme=programme, year=data.get("year"), until=data.get("until"), filters=filters, edits=edits
    )
    return report_key(kind=kind, fmt=fmt, parameters=parameters, user=user, variant=variant)


def file_response(found: CachedFile, fmt: str) -> HttpResponse:
    from reports.export import CONTENT_TYPES

    response = HttpResponse(found.content, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{found.filename}"'
    return response


def cached_response(key: CacheKey | None) -> HttpResponse | None:
    """The stored file of `key` as a download, or None when it is not stored yet."""
    found = lookup(key) if key else None
    return file_response(found, key.fmt) if key and found else None


def lookup(key: CacheKey) -> CachedFile | None:
    """The stored file of `key`, or None; a row whose file went missing is forgotten."""
    row = CachedReportFile.objects.filter(key=key.digest).first()
    if row is None:
        return None
    try:
        with default_storage.open(row.path, "rb") as stored:
            content = stored.read()
    except FileNotFoundError:
        CachedReportFile.objects.filter(pk=row.pk).delete()
        return None
    CachedReportFile.objects.filter(pk=row.pk).update(last_served_at=timezone.now())
    return CachedFile(content, row.filename)


def fetch_or_render(key: CacheKey, render: Callable[[], tuple[bytes, str]]) -> CachedFile:
    """The stored file of `key`, or `render()`'s (bytes, file name), stored; rendered once however many ask."""
    found = lookup(key)
    if found is not None:
        return found
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Held until this transaction ends, after the row below is committed.
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key.lock_id])
        found = lookup(key)
        if found is not None:
            return found
        content, filename = render()
        store(key, content, filename)
    prune_over_cap()
    return CachedFile(content, filename)


def store(key: CacheKey, content: bytes, filename: str) -> None:
    if default_storage.exists(key.path):
        default_storage.delete(key.path)  # left by a transaction that rolled back
    path = default_storage.save(key.path, ContentFile(content))
    CachedReportFile.objects.update_or_create(
        key=key.digest,
        defaults={
            "path": path,
            "filename": filename,
            "kind": key.kind,
            "format": key.fmt,
            "size": len(content),
            "made_on": timezone.localdate(),
        },
    )


def _delete(rows: Iterable[CachedReportFile]) -> int:
    removed = 0
    for row in rows:
        default_storage.delete(row.path)
        row.delete()
        removed += 1
    return removed


def prune_over_cap() -> int:
    """Least recently served files out until the total fits REPORT_CACHE_MAX_BYTES."""
    cap = settings.REPORT_CACHE_MAX_BYTES
    total = CachedReportFile.objects.aggregate(total=Sum("size"))["total"] or 0
    removed = 0
    for row in CachedReportFile.objects.order_by("last_served_at", "id").iterator():
        if total <= cap:
            break
        total -= row.size
        removed += _delete([row])
    return removed


def prune() -> int:
    """Files made on an earlier day (their key holds that day, so nobody asks for them again), then over the cap."""
    removed = _delete(CachedReportFile.objects.filter(made_on__lt=timezone.localdate()))
    return removed + prune_over_cap()
