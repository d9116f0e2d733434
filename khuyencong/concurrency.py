"""Optimistic locking: a save is refused when the row changed since it was read.

Every editable model carries `lock_version`. A write names the version the
user saw; the UPDATE matches on it, so a concurrent save in between makes the
UPDATE touch no row, and the caller learns what changed meanwhile.
"""

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import F


class ConcurrentEditError(Exception):
    """Another user saved the object after this user loaded it."""

    def __init__(self, current: models.Model, changed_fields: dict[str, tuple[Any, Any]]):
        self.current = current
        self.changed_fields = changed_fields
        names = ", ".join(changed_fields) or "—"
        super().__init__(
            f"Dữ liệu đã được người khác thay đổi trong lúc bạn sửa (các trường: {names}). "
            "Hãy tải lại trang, xem thay đổi và nhập lại."
        )


class VersionedModel(models.Model):
    lock_version = models.PositiveIntegerField("phiên bản", default=1, editable=False)

    class Meta:
        abstract = True


def save_versioned(instance: VersionedModel, *, expected_version: int, fields: Iterable[str]) -> None:
    """Write `fields` of `instance` only if the row is still at `expected_version`."""
    fields = list(fields)
    model = type(instance)
    values = {name: getattr(instance, name) for name in fields}
    if hasattr(model, "updated_at"):
        from django.utils import timezone

        values["updated_at"] = timezone.now()
    updated = model._default_manager.filter(pk=instance.pk, lock_version=expected_version).update(
        lock_version=F("lock_version") + 1, **values
    )
    if updated == 0:
        current = model._default_manager.get(pk=instance.pk)
        changed = {
            name: (getattr(instance, name), getattr(current, name))
            for name in fields
            if getattr(current, name) != getattr(instance, name)
        }
        raise ConcurrentEditError(current, changed)
    instance.lock_version = expected_version + 1
