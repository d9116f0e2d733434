"""Writes an import makes, through the existing models and services.

Each function runs inside the import's transaction (see imports/services.py),
so a refusal of any row rolls back every row. New rows are bulk-inserted:
the history triggers record bulk writes like any other.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import models

from accounts.models import User
from budgets.models import Disbursement
from budgets.services import disbursement_create
from imports.progress import NO_PROGRESS, WRITE, Progress
from programs.models import Content, Programme
from projects.models import Project

CHUNK = 1000


def create_rows(model: type[models.Model], rows: Iterable[models.Model], progress: Progress = NO_PROGRESS) -> int:
    rows = list(rows)
    created = 0
    # One INSERT per chunk, as bulk_create(batch_size=CHUNK) would, with the rows counted between them.
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        created += len(model._default_manager.bulk_create(chunk))
        progress.advance(WRITE, len(chunk))
    return created


def update_row(instance: models.Model, values: dict[str, Any]) -> None:
    """Set the imported values and bump the optimistic-lock version so open edit forms notice."""
    for name, value in values.items():
        setattr(instance, name, value)
    fields = list(values)
    if hasattr(instance, "lock_version"):
        instance.lock_version += 1
        fields.append("lock_version")
    if hasattr(instance, "updated_at"):
        fields.append("updated_at")
    instance.save(update_fields=fields)


def disbursement_from_row(
    *,
    programme: Programme,
    year: int,
    content: Content,
    funding_source: str,
    date: dt.date,
    voucher_number: str,
    amount: int,
    project: Project | None,
    is_advance: bool,
    note: str,
    user: User,
) -> Disbursement:
    """A new payment goes through the same checks as one typed in a form (allocation, approval, advances)."""
    return disbursement_create(
        programme=programme,
        year=year,
        content=content,
        funding_source=funding_source,
        date=date,
        voucher_number=voucher_number,
        amount=amount,
        user=user,
        project=project,
        is_advance=is_advance,
        note=note,
    )
