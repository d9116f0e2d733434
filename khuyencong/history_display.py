"""An object's history, read from the pghistory event tables, in readable Vietnamese."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

from khuyencong.formatting import format_number

# Bookkeeping columns nobody needs to read about.
HIDDEN_FIELDS = {"id", "lock_version", "updated_at", "created_at", "sort_key", "status_changed_at"}
# Fields declared without a Vietnamese name.
LABELS = {
    "created_by": _("Người tạo"),
    "entered_by": _("Người nhập"),
    "locked_by": _("Người khóa"),
    "actor": _("Người thực hiện"),
}
VERBS = {"insert": _("đã tạo"), "update": _("đã sửa"), "delete": _("đã xóa")}


@dataclass
class Change:
    label: str
    old: str | None
    new: str


@dataclass
class HistoryEntry:
    at: datetime
    who: str
    verb: str
    changes: list[Change] = field(default_factory=list)


def _display(model_field: models.Field, value: Any, related: dict) -> str:
    if value is None or value == "":
        return str(_("(trống)"))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        return related.get((model_field.related_model, value), f"#{value}")
    if isinstance(value, bool):
        return str(_("có") if value else _("không"))
    if isinstance(value, Decimal):
        return format_number(value, 4)
    if isinstance(model_field, models.PositiveSmallIntegerField):
        return str(value)  # years and small counters read without a thousands separator
    if isinstance(value, int):
        return format_number(value)
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def object_history(obj: models.Model, *, limit: int = 50) -> list[HistoryEntry]:
    """Newest first: who changed which field from what to what."""
    model = type(obj)
    event_model = model.pgh_event_model  # type: ignore[attr-defined]
    fields = [f for f in model._meta.concrete_fields if f.name not in HIDDEN_FIELDS]
    events = list(event_model.objects.filter(pgh_obj_id=obj.pk).select_related("pgh_context").order_by("pgh_id"))
    events = events[-(limit + 1) :]

    user_ids = {
        e.pgh_context.metadata.get("user") for e in events if e.pgh_context and e.pgh_context.metadata.get("user")
    }
    users = {
        u.pk: f"{u.last_name} {u.first_name}".strip() or u.username
        for u in get_user_model().objects.filter(pk__in=user_ids)
    }
    related: dict = {}
    for f in fields:
        if isinstance(f, models.ForeignKey):
            ids = {getattr(e, f.attname) for e in events} - {None}
            if ids and f.related_model is not get_user_model():
                for pk, rel in f.related_model._default_manager.in_bulk(ids).items():
                    related[(f.related_model, pk)] = str(rel)
            elif ids:
                for pk, name in users.items():
                    related[(f.related_model, pk)] = name
                for pk, account in get_user_model()._default_manager.in_bulk(ids - set(users)).items():
                    related[(f.related_model, pk)] = (
                        f"{account.last_name} {account.first_name}".strip() or account.username
                    )

    entries = []
    previous = None
    for event in events:
        context = event.pgh_context.metadata if event.pgh_context else {}
        who = users.get(context.get("user") or 0) or str(_("Hệ thống (nhập dữ liệu hoặc lệnh quản trị)"))
        entry = HistoryEntry(at=event.pgh_created_at, who=who, verb=str(VERBS.get(event.pgh_label, event.pgh_label)))
        for f in fields:
            new = getattr(event, f.attname)
            old: Any = getattr(previous, f.attname) if previous is not None else None
            if previous is not None and old == new:
                continue
            if previous is None and event.pgh_label == "insert" and new in (None, "", 0, False):
                continue
            entry.changes.append(
                Change(
                    label=str(LABELS.get(f.name, str(f.verbose_name).capitalize())),
                    old=_display(f, old, related) if previous is not None else None,
                    new=_display(f, new, related),
                )
            )
        if event.pgh_label != "update" or entry.changes:
            entries.append(entry)
        previous = event
    if len(events) > limit:
        entries = entries[1:]
    return list(reversed(entries))
