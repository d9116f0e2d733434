"""A report's document particulars: version, issuer, place, symbol, recipients, amounts in words."""

from __future__ import annotations

import datetime as dt
from typing import Any

from accounts.models import OrganisationKind, User
from policy.access import is_unit_confined
from programs.models import (
    Programme,
    ProgrammeVersion,
)
from reports.rows import Report
from reports.sql import Part


def _official(name: str) -> str:
    return name.replace("Ủy ban nhân dân", "UBND")


def _metadata_parts(programme: Programme, user: User, unit_id: int | None) -> dict[str, Part]:
    """The programme's current version, the issuing organisation and the report's unit, as statement parts."""
    issuer = programme.owner_id
    if is_unit_confined(user) and user.organisation_id is not None:
        # A district or commune officer's copy is issued by their own office.
        issuer = user.organisation_id
    parts: dict[str, Part] = {
        "version": (
            "SELECT number, decision_number, decision_date FROM programs_programmeversion "
            "WHERE programme_id = %s ORDER BY number DESC LIMIT 1",
            [programme.pk],
        ),
        "issuer": (
            "SELECT o.name, o.short_name, o.kind, p.name AS parent_name, u.name AS place "
            "FROM accounts_organisation o LEFT JOIN accounts_organisation p ON p.id = o.parent_id "
            "JOIN accounts_administrativeunit u ON u.id = o.administrative_unit_id WHERE o.id = %s",
            [issuer],
        ),
    }
    if unit_id:
        parts["unit"] = ("SELECT name FROM accounts_administrativeunit WHERE id = %s", [unit_id])
    return parts


def _version_from(programme: Programme, rows: list[dict[str, Any]]) -> ProgrammeVersion | None:
    if not rows:
        return None
    row = rows[0]
    return ProgrammeVersion(
        programme=programme,
        number=row["number"],
        decision_number=row["decision_number"],
        decision_date=dt.date.fromisoformat(row["decision_date"]),
    )


def _issuer(organisation: dict[str, Any]) -> dict[str, str]:
    """Who issues the official copy, from the `issuer` part of `_metadata_parts`."""
    parent_name = organisation["parent_name"]
    place = organisation["place"]
    for prefix in ("Thành phố ", "Tỉnh ", "Huyện ", "Quận ", "Thị xã "):
        place = place.removeprefix(prefix)
    place = place.split(" (")[0]
    name = organisation["name"]
    short = organisation["short_name"] or "".join(word[0] for word in name.split()).upper()
    is_department = organisation["kind"] == OrganisationKind.DEPARTMENT
    return {
        "issuer_parent": _official(parent_name) if parent_name else "",
        "issuer": name,
        "symbol": f"BC-{short}",
        "place": place,
        "signer_title": "GIÁM ĐỐC" if is_department else "THỦ TRƯỞNG ĐƠN VỊ",
        "recipients": "\n".join(
            [
                f"- {_official(parent_name)} (để báo cáo);" if parent_name else "- Bộ Công Thương;",
                "- Bộ Công Thương (Cục Công Thương địa phương);",
                "- Trung tâm Khuyến công;",
                f"- Lưu: VT, {short}.",
            ]
        ),
    }


def _amounts(report: Report) -> list[tuple[str, int]]:
    """The money totals an official copy also writes in words."""
    amounts = []
    labels = {
        "planned": "Tổng kinh phí kế hoạch",
        "allocated": "Tổng dự toán giao",
        "disbursed": "Tổng kinh phí giải ngân",
    }
    for table in report.tables:
        for total in table.totals:
            for key, label in labels.items():
                value = total.cells.get(key)
                if isinstance(value, int) and value:
                    amounts.append((label, value))
        if amounts:
            break
    return amounts
