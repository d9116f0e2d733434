"""The four kinds of import: what each template holds, how rows match, what a change writes.

Every kind follows the same steps: `export_rows` fills the template with the
user's visible data; `compare` matches each read row to the database by its
key (the hidden column A for rows that came from the template, the visible
key columns for rows the user added), checks it, and returns the changes;
`apply` writes them. An import never deletes: a row left out of the file
stays as it is.
"""

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import Any

from django.db.models import Q, QuerySet

from accounts.models import AdministrativeUnit, Organisation, User
from budgets.models import Disbursement, FundingSource, PlannedBudget
from budgets.services import AdvanceNeedsConfirmation, DisbursementRefused
from imports import writers
from imports.cells import CellError, is_blank, parse_code, parse_date, parse_money, parse_quantity, parse_text
from imports.spec import Column, Issue, RowChange, SheetRow, SheetSpec, row_key
from khuyencong.formatting import format_money, format_number
from policy.access import district_unit_id, visible_disbursements, visible_projects, visible_results, visible_units
from programs.models import AnnualPlan, AnnualPlanTarget, Content, Programme, Result
from programs.services import YearLocked, YearOutsideProgramme
from programs.validation import plan_budget_problems
from projects.lifecycle import EDITABLE_BY_PROPOSER
from projects.models import Project, ProjectKind, ProjectStatus
from projects.validation import ProjectRules

MONEY_FORMAT = "#,##0"
QUANTITY_FORMAT = "#,##0.####"
DATE_FORMAT = "DD/MM/YYYY"
TEXT_FORMAT = "@"

YES, NO = "Có", "Không"

# Results and projects are matched to their administrative unit by its code, chosen from a list.
UNIT_CODE_COLUMN = Column(
    "unit", "Mã địa bàn", parse=parse_code, required=True, width=12, list_name="Mã địa bàn", number_format=TEXT_FORMAT
)


def _choice(value: Any, choices: Any, what: str) -> str | None:
    if is_blank(value):
        return None
    text = str(value).strip()
    for code, label in choices.choices:
        if text.lower() in (code.lower(), label.lower()):
            return code
    raise CellError(f"«{text[:40]}» không phải {what} hợp lệ; hãy chọn trong danh sách.")


def _yes_no(value: Any) -> bool:
    if is_blank(value):
        return False
    text = str(value).strip().lower()
    if text in ("có", "co", "x", "1", "true"):
        return True
    if text in ("không", "khong", "0", "false"):
        return False
    raise CellError("Ghi «Có» hoặc «Không».")


parse_source = partial(_choice, choices=FundingSource, what="nguồn kinh phí")
parse_project_kind = partial(_choice, choices=ProjectKind, what="loại đề án")


def show(value: Any) -> str:
    """A value as the preview prints it, Vietnamese style."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, int):
        return format_money(value)
    if isinstance(value, Decimal):
        return format_number(value, 4)
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


@dataclass
class Context:
    programme: Programme
    year: int
    user: User

    @property
    def scope_unit_id(self) -> int | None:
        return district_unit_id(self.user)

    def units(self) -> dict[str, AdministrativeUnit]:
        """The user's units by code as they were during the year (see `units_of_year`)."""
        units = visible_units(self.user)
        if self.scope_unit_id is not None:
            units = units.filter(pk=self.scope_unit_id)
        return units_of_year(units, self.year)

    def contents(self) -> dict[str, Content]:
        return {content.number: content for content in self.programme.contents.order_by("sort_key")}


def units_of_year(units: QuerySet[AdministrativeUnit], year: int) -> dict[str, AdministrativeUnit]:
    """Units by code as they were during `year`. Codes are reused after a reorganisation: a code names
    the unit in force on 1 January, else the one that came into force later that year (a commune of
    1/7/2025 in a workbook of 2025)."""
    during = units.filter(valid_from__lte=dt.date(year, 12, 31)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=dt.date(year, 1, 1))
    )
    by_code: dict[str, AdministrativeUnit] = {}
    for unit in during.order_by("code", "valid_from"):
        by_code.setdefault(unit.code, unit)
    return by_code


@dataclass
class Comparison:
    changes: list[RowChange] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    creates: list[tuple[SheetRow, Any]] = field(default_factory=list)
    updates: list[tuple[SheetRow, Any, dict[str, Any]]] = field(default_factory=list)

    def stale(self, row: SheetRow, current: Any) -> bool:
        """A changed row whose record was changed by someone else since the template was exported.

        Saving it would silently undo the other change (a lost update), so the row is refused.
        """
        if row.version is None or current is None or current.lock_version == row.version:
            return False
        self.issues.append(
            row.issue(
                "_key",
                "Số liệu của dòng này đã được sửa trong hệ thống sau khi bạn tải mẫu (người khác hoặc một lần nhập khác); "
                "hãy tải mẫu mới, điền lại và nhập lại.",
            )
        )
        return True

    def record(self, row: SheetRow, label: str, old: dict[str, Any] | None, new: dict[str, Any]) -> str:
        """Note a row as new, changed or unchanged; returns which."""
        if old is None:
            shown = {
                row.sheet.header(name): ("—", show(value)) for name, value in new.items() if value not in (None, "")
            }
            self.changes.append(RowChange(row.sheet.title, row.number, "new", label, shown))
            return "new"
        diff = {
            row.sheet.header(name): (show(old[name]), show(value)) for name, value in new.items() if old[name] != value
        }
        action = "changed" if diff else "unchanged"
        self.changes.append(RowChange(row.sheet.title, row.number, action, label, diff))
        return action


class RowRefused(Exception):
    """A row that cannot be imported, with each of its problems as (column name, message)."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.problems = [(column, message)]

    @classmethod
    def every(cls, problems: list[tuple[str, str]]) -> "RowRefused":
        refused = cls(*problems[0]) if problems else cls("_key", "")
        refused.problems = list(problems)
        return refused


def _compare_rows(result: Comparison, rows: list[SheetRow], compare_row: Callable[[SheetRow], None]) -> None:
    """Every kind's loop: each row compared on its own; a refused row puts each problem on its cell and is skipped."""
    for row in rows:
        try:
            compare_row(row)
        except RowRefused as refused:
            result.issues.extend(row.issue(column, message) for column, message in refused.problems)


def _content_problem(ctx: Context, number: str) -> tuple[str, str]:
    return ("content", f"Mã nội dung «{number}» không có trong chương trình {ctx.programme.code}.")


def _unit_problem(ctx: Context, all_units: dict[str, AdministrativeUnit], code: str, only_own: str) -> tuple[str, str]:
    """Why a unit code is refused: a unit outside the user's scope, or no unit of that year."""
    if code in all_units:
        return ("unit", f"{only_own}; «{all_units[code].name}» ngoài phạm vi.")
    return ("unit", f"Mã địa bàn «{code}» không có trong danh mục năm {ctx.year}.")


def _duplicate_keys(rows: list[SheetRow], key_of: Callable[[SheetRow], Any]) -> set:
    counts = Counter(key_of(row) for row in rows)
    return {key for key, count in counts.items() if count > 1 and key is not None}


class ImportKindSpec:
    code: str = ""
    label: str = ""
    sheets: tuple[SheetSpec, ...] = ()
    province_only = False  # district officers may not import this kind

    def instructions(self) -> list[str]:
        return []

    def lists(self, ctx: Context) -> dict[str, list[str]]:
        return {}

    def export_rows(self, ctx: Context) -> dict[str, list[list[Any]]]:
        raise NotImplementedError

    def compare(self, ctx: Context, rows: dict[str, list[SheetRow]]) -> Comparison:
        raise NotImplementedError

    def apply(self, ctx: Context, comparison: Comparison) -> None:
        raise NotImplementedError


COMMON_INSTRUCTIONS = [
    "Tệp này được lập từ hệ thống cho chương trình và năm ghi ở dòng 2 của từng trang tính; không sửa dòng 2 và dòng tiêu đề (dòng 4).",
    "Cột A (ẩn) là mã dòng để đối chiếu với dữ liệu đã có: không sửa, không xóa. Dòng thêm mới để trống cột A.",
    "Ô nền xám chỉ để tham khảo, hệ thống không đọc lại. Ô nền trắng là ô nhập liệu.",
    "Số viết theo kiểu Việt Nam: dấu chấm ngăn cách hàng nghìn, dấu phẩy thập phân (1.250.000; 82,155; 71,2%). Số tiền là đồng, số nguyên.",
    "Ngày ghi theo dạng dd/mm/yyyy (ví dụ 05/01/2020).",
    "Chọn mã nội dung, nguồn kinh phí, địa bàn… trong danh sách thả xuống (lấy từ trang «Danh mục»).",
    "Không gộp ô, không ẩn trang tính, không dùng macro. Công thức được chấp nhận nhưng chỉ giá trị đã tính được đọc.",
    "Xóa một dòng khỏi tệp không xóa dữ liệu trong hệ thống: việc nhập chỉ thêm mới và sửa.",
    "Sau khi tải lên, hệ thống kiểm tra từng ô và hiện bản xem trước (dòng mới, dòng sửa, dòng không đổi, các lỗi). "
    "Chưa có gì được lưu cho đến khi người nhập xác nhận; khi đó toàn bộ tệp được lưu một lần, hoặc không lưu gì nếu có lỗi.",
]


# ----------------------------------------------------------------- plan
TARGET_SHEET = SheetSpec(
    "Chỉ tiêu",
    (
        Column("content", "Nội dung", width=10),
        Column("name", "Chỉ tiêu", width=50),
        Column("unit", "Đơn vị tính", width=14),
        Column("period", "Kế hoạch cả giai đoạn", width=18, number_format=QUANTITY_FORMAT),
        Column("quantity", "Kế hoạch năm", parse=parse_quantity, width=16, number_format=QUANTITY_FORMAT),
    ),
)
BUDGET_SHEET = SheetSpec(
    "Kinh phí",
    (
        Column(
            "content",
            "Mã nội dung",
            parse=parse_code,
            required=True,
            width=12,
            list_name="Nội dung",
            number_format=TEXT_FORMAT,
        ),
        Column("content_title", "Tên nội dung", width=50),
        Column("source", "Nguồn kinh phí", parse=parse_source, required=True, width=34, list_name="Nguồn kinh phí"),
        Column(
            "amount", "Kinh phí kế hoạch (đồng)", parse=parse_money, required=True, width=22, number_format=MONEY_FORMAT
        ),
    ),
)


class PlanKind(ImportKindSpec):
    code = "plan"
    label = "Kế hoạch năm: chỉ tiêu và kinh phí"
    sheets = (TARGET_SHEET, BUDGET_SHEET)
    province_only = True

    def instructions(self) -> list[str]:
        return [
            "Trang «Chỉ tiêu»: ghi số lượng kế hoạch của năm cho từng chỉ tiêu; để trống nếu năm này không giao chỉ tiêu đó.",
            "Trang «Kinh phí»: kinh phí kế hoạch theo nội dung và nguồn kinh phí; thêm dòng mới cho nội dung/nguồn chưa có.",
            "Tổng kinh phí kế hoạch các năm không được vượt tổng kinh phí dự kiến của chương trình.",
        ]

    def lists(self, ctx: Context) -> dict[str, list[str]]:
        return {"Nội dung": list(ctx.contents()), "Nguồn kinh phí": [str(label) for label in FundingSource.labels]}

    def _plan(self, ctx: Context) -> AnnualPlan | None:
        return AnnualPlan.objects.filter(programme=ctx.programme, year=ctx.year).first()

    def export_rows(self, ctx: Context) -> dict[str, list[list[Any]]]:
        plan = self._plan(ctx)
        annual = {apt.target_id: apt for apt in AnnualPlanTarget.objects.filter(annual_plan=plan)}
        targets = []
        for target in ctx.programme.targets.select_related("content").order_by("order", "code"):
            period = target.value if target.value is not None else target.high
            current = annual.get(target.pk)
            targets.append(
                [
                    row_key(target.code, current.lock_version if current else None),
                    target.content.number if target.content else "Mục tiêu",
                    target.name,
                    target.unit,
                    period,
                    current.quantity if current else None,
                ]
            )
        budgets = [
            [
                f"{pb.content.number}|{pb.funding_source}",
                pb.content.number,
                pb.content.title,
                pb.get_funding_source_display(),
                pb.amount,
            ]
            for pb in PlannedBudget.objects.filter(annual_plan=plan)
            .select_related("content")
            .order_by("content__sort_key", "funding_source")
        ]
        return {TARGET_SHEET.title: targets, BUDGET_SHEET.title: budgets}

    def compare(self, ctx: Context, rows: dict[str, list[SheetRow]]) -> Comparison:
        result = Comparison()
        plan = self._plan(ctx)
        self._compare_targets(ctx, plan, rows[TARGET_SHEET.title], result)
        budget_rows = rows[BUDGET_SHEET.title]
        year_total = self._compare_budgets(ctx, plan, budget_rows, result)

        if ctx.programme.planned_budget is not None and budget_rows:
            # The same rule and wording as the plan page: counterpart funds are left out of the ceiling.
            year_budgets = [(source, amount) for (_content, source), amount in year_total.items()]
            for problem in plan_budget_problems(programme=ctx.programme, year=ctx.year, budgets=year_budgets):
                result.issues.append(
                    Issue(
                        sheet=BUDGET_SHEET.title,
                        column=f"{BUDGET_SHEET.letter('amount')} ({BUDGET_SHEET.header('amount')})",
                        message=problem.message,
                    )
                )
        return result

    def _compare_targets(
        self, ctx: Context, plan: AnnualPlan | None, target_rows: list[SheetRow], result: Comparison
    ) -> None:
        targets = {target.code: target for target in ctx.programme.targets.all()}
        existing = {apt.target_id: apt for apt in AnnualPlanTarget.objects.filter(annual_plan=plan)} if plan else {}
        duplicates = _duplicate_keys(target_rows, lambda row: row.key or None)

        def compare_row(row: SheetRow) -> None:
            target = targets.get(row.key)
            if target is None:
                raise RowRefused(
                    "_key",
                    f"Mã chỉ tiêu «{row.key}» không thuộc chương trình {ctx.programme.code}; không thêm dòng vào trang này.",
                )
            if row.key in duplicates:
                raise RowRefused("_key", f"Chỉ tiêu «{row.key}» xuất hiện nhiều lần.")
            quantity = row.values.get("quantity")
            if quantity is None:
                return
            current = existing.get(target.pk)
            action = result.record(
                row,
                f"{target.code} — {target.name}",
                {"quantity": current.quantity} if current else None,
                {"quantity": quantity},
            )
            if action == "new":
                result.creates.append((row, AnnualPlanTarget(target=target, quantity=quantity)))
            elif action == "changed" and not result.stale(row, current):
                result.updates.append((row, current, {"quantity": quantity}))

        _compare_rows(result, target_rows, compare_row)

    def _compare_budgets(
        self, ctx: Context, plan: AnnualPlan | None, budget_rows: list[SheetRow], result: Comparison
    ) -> dict[tuple[str, str], int]:
        """Compare the budget rows; returns the year's amounts by (content, source), as the file leaves them."""
        contents = ctx.contents()
        budgets = (
            {
                (pb.content.number, pb.funding_source): pb
                for pb in PlannedBudget.objects.filter(annual_plan=plan).select_related("content")
            }
            if plan
            else {}
        )

        def key_of(row: SheetRow) -> tuple[str, str] | None:
            if "content" not in row.values or "source" not in row.values:
                return None
            return (row.values["content"], row.values["source"])

        duplicates = _duplicate_keys(budget_rows, key_of)
        year_total = {key: pb.amount for key, pb in budgets.items()}

        def compare_row(row: SheetRow) -> None:
            key = key_of(row)
            if key is None or row.values.get("amount") is None:
                return
            if key[0] not in contents:
                raise RowRefused(*_content_problem(ctx, key[0]))
            if row.key and row.key != f"{key[0]}|{key[1]}":
                raise RowRefused("content", "Dòng đã có: không sửa nội dung hay nguồn kinh phí; hãy thêm dòng mới.")
            if key in duplicates:
                raise RowRefused("content", "Nội dung và nguồn kinh phí này xuất hiện nhiều lần.")
            amount = row.values["amount"]
            year_total[key] = amount
            budget = budgets.get(key)
            label = f"{key[0]} — {FundingSource(key[1]).label}"
            action = result.record(row, label, {"amount": budget.amount} if budget else None, {"amount": amount})
            if action == "new":
                result.creates.append(
                    (row, PlannedBudget(content=contents[key[0]], funding_source=key[1], amount=amount))
                )
            elif action == "changed" and not result.stale(row, budget):
                result.updates.append((row, budget, {"amount": amount}))

        _compare_rows(result, budget_rows, compare_row)
        return year_total

    def apply(self, ctx: Context, comparison: Comparison) -> None:
        plan, _ = AnnualPlan.objects.get_or_create(programme=ctx.programme, year=ctx.year)
        for model in (AnnualPlanTarget, PlannedBudget):
            new = [obj for _row, obj in comparison.creates if isinstance(obj, model)]
            for obj in new:
                obj.annual_plan = plan
            writers.create_rows(model, new)
        for _row, instance, values in comparison.updates:
            writers.update_row(instance, values)


# -------------------------------------------------------------- results
RESULT_SHEET = SheetSpec(
    "Kết quả",
    (
        Column(
            "target",
            "Mã chỉ tiêu",
            parse=parse_code,
            required=True,
            width=14,
            list_name="Mã chỉ tiêu",
            number_format=TEXT_FORMAT,
        ),
        Column("target_name", "Chỉ tiêu", width=45),
        Column("target_unit", "Đơn vị tính", width=12),
        UNIT_CODE_COLUMN,
        Column("unit_name", "Địa bàn", width=24),
        Column(
            "quantity",
            "Số lượng thực hiện",
            parse=parse_quantity,
            required=True,
            width=18,
            number_format=QUANTITY_FORMAT,
        ),
        Column("note", "Ghi chú", parse=partial(parse_text, max_length=2000), width=40),
    ),
)


class ResultsKind(ImportKindSpec):
    code = "results"
    label = "Kết quả thực hiện"
    sheets = (RESULT_SHEET,)

    def instructions(self) -> list[str]:
        return [
            "Mỗi dòng là kết quả thực hiện trong năm của một chỉ tiêu tại một địa bàn, cho phần việc không do đề án nào thực hiện.",
            "Cán bộ cấp huyện chỉ nhập được kết quả của địa bàn mình.",
        ]

    def lists(self, ctx: Context) -> dict[str, list[str]]:
        return {
            "Mã chỉ tiêu": list(ctx.programme.targets.order_by("order", "code").values_list("code", flat=True)),
            "Mã địa bàn": list(ctx.units()),
        }

    def _existing(self, ctx: Context) -> QuerySet[Result]:
        return visible_results(
            ctx.user, Result.objects.filter(target__programme=ctx.programme, year=ctx.year)
        ).select_related("target", "administrative_unit")

    def export_rows(self, ctx: Context) -> dict[str, list[list[Any]]]:
        rows = []
        for result in self._existing(ctx).order_by("target__order", "target__code", "administrative_unit__code", "pk"):
            unit = result.administrative_unit
            rows.append(
                [
                    row_key(f"id:{result.pk}", result.lock_version),
                    result.target.code,
                    result.target.name,
                    result.target.unit,
                    unit.code if unit else "",
                    unit.name if unit else "",
                    result.quantity,
                    result.note,
                ]
            )
        return {RESULT_SHEET.title: rows}

    def compare(self, ctx: Context, rows: dict[str, list[SheetRow]]) -> Comparison:
        result = Comparison()
        targets = {target.code: target for target in ctx.programme.targets.all()}
        units = ctx.units()
        all_units = units_of_year(AdministrativeUnit.objects.all(), ctx.year)
        existing = list(self._existing(ctx))
        by_id = {result.pk: result for result in existing}
        by_natural: dict[tuple[int, int | None], list[Result]] = {}
        for item in existing:
            by_natural.setdefault((item.target_id, item.administrative_unit_id), []).append(item)
        seen: set[int] = set()
        sheet_rows = rows[RESULT_SHEET.title]
        duplicates = _duplicate_keys(sheet_rows, lambda row: row.key or None)

        def compare_row(row: SheetRow) -> None:
            values = row.values
            if "target" not in values or "unit" not in values or values.get("quantity") is None:
                return
            target = targets.get(values["target"])
            if target is None:
                raise RowRefused(
                    "target", f"Mã chỉ tiêu «{values['target']}» không thuộc chương trình {ctx.programme.code}."
                )
            unit = units.get(values["unit"])
            if unit is None:
                raise RowRefused(
                    *_unit_problem(ctx, all_units, values["unit"], "Bạn chỉ được nhập kết quả của địa bàn mình")
                )
            if row.key in duplicates:
                raise RowRefused("_key", "Dòng này bị sao chép: mã dòng xuất hiện nhiều lần.")
            current = self._matching(row, target.pk, unit.pk, by_id, by_natural)
            if current is not None:
                if current.pk in seen:
                    raise RowRefused("target", "Kết quả cho chỉ tiêu và địa bàn này xuất hiện nhiều lần.")
                seen.add(current.pk)
            new = {"quantity": values["quantity"], "note": values.get("note", "")}
            old = {"quantity": current.quantity, "note": current.note} if current else None
            action = result.record(row, f"{target.code} — {unit.name}", old, new)
            if action == "new":
                result.creates.append(
                    (
                        row,
                        Result(
                            target=target,
                            year=ctx.year,
                            administrative_unit=unit,
                            organisation=ctx.user.organisation,
                            entered_by=ctx.user,
                            **new,
                        ),
                    )
                )
            elif action == "changed" and not result.stale(row, current):
                result.updates.append((row, current, new))

        _compare_rows(result, sheet_rows, compare_row)
        return result

    @staticmethod
    def _matching(
        row: SheetRow,
        target_id: int,
        unit_id: int,
        by_id: dict[int, Result],
        by_natural: dict[tuple[int, int | None], list[Result]],
    ) -> Result | None:
        """The recorded result a row updates: by its hidden id, or by target and unit for a row the user added."""
        if row.key:
            try:
                current = by_id[int(row.key.removeprefix("id:"))]
            except (ValueError, KeyError):
                raise RowRefused(
                    "_key", "Mã dòng không khớp kết quả nào bạn được xem; không sửa cột A, dòng mới để trống cột A."
                ) from None
            if (current.target_id, current.administrative_unit_id) != (target_id, unit_id):
                raise RowRefused("target", "Dòng đã có: không sửa chỉ tiêu hay địa bàn; hãy thêm dòng mới.")
            return current
        # A new row for a target and unit already recorded updates that record (so the same file twice adds nothing).
        matches = by_natural.get((target_id, unit_id), [])
        if len(matches) > 1:
            raise RowRefused("target", "Đã có nhiều kết quả cho chỉ tiêu và địa bàn này; hãy sửa trên dòng đã có.")
        return matches[0] if matches else None

    def apply(self, ctx: Context, comparison: Comparison) -> None:
        writers.create_rows(Result, [obj for _row, obj in comparison.creates])
        for _row, instance, values in comparison.updates:
            writers.update_row(instance, values)


# ------------------------------------------------------------- projects
PROJECT_FIELDS = (
    "title",
    "content",
    "kind",
    "organisation",
    "unit",
    "support_national",
    "support_local",
    "counterpart",
    "total_cost",
    "start_date",
    "end_date",
)
PROJECT_SHEET = SheetSpec(
    "Đề án",
    (
        Column(
            "code",
            "Mã đề án",
            parse=partial(parse_text, max_length=40),
            required=True,
            width=16,
            number_format=TEXT_FORMAT,
        ),
        Column("title", "Tên đề án", parse=partial(parse_text, max_length=500), required=True, width=50),
        Column(
            "content",
            "Mã nội dung",
            parse=parse_code,
            required=True,
            width=12,
            list_name="Nội dung",
            number_format=TEXT_FORMAT,
        ),
        Column("kind", "Loại đề án", parse=parse_project_kind, required=True, width=18, list_name="Loại đề án"),
        Column(
            "organisation",
            "Đơn vị thực hiện",
            parse=partial(parse_text, max_length=300),
            required=True,
            width=40,
            list_name="Đơn vị thực hiện",
        ),
        UNIT_CODE_COLUMN,
        Column("unit_name", "Địa bàn", width=22),
        Column(
            "support_national",
            "KP khuyến công quốc gia (đồng)",
            parse=parse_money,
            width=20,
            number_format=MONEY_FORMAT,
        ),
        Column(
            "support_local", "KP khuyến công địa phương (đồng)", parse=parse_money, width=20, number_format=MONEY_FORMAT
        ),
        Column("counterpart", "Vốn đối ứng (đồng)", parse=parse_money, width=20, number_format=MONEY_FORMAT),
        Column("total_cost", "Tổng chi phí (đồng)", parse=parse_money, width=20, number_format=MONEY_FORMAT),
        Column("start_date", "Ngày bắt đầu", parse=parse_date, width=14, number_format=DATE_FORMAT),
        Column("end_date", "Ngày kết thúc", parse=parse_date, width=14, number_format=DATE_FORMAT),
        Column("status", "Trạng thái", width=20),
    ),
)


# The column of the sheet where a problem with a project's field is shown (the year is row 2's: the code).
PROJECT_COLUMNS = {
    "code": "code",
    "content": "content",
    "kind": "kind",
    "implementing_organisation": "organisation",
    "administrative_unit": "unit",
    "support_national": "support_national",
    "support_local": "support_local",
    "counterpart": "counterpart",
    "total_cost": "total_cost",
    "start_date": "start_date",
    "end_date": "end_date",
}


class ProjectsKind(ImportKindSpec):
    code = "projects"
    label = "Đề án"
    sheets = (PROJECT_SHEET,)

    def instructions(self) -> list[str]:
        return [
            "Mỗi dòng là một đề án của năm. Dòng mới được lưu ở trạng thái «Bản nháp».",
            "Chỉ sửa được đề án ở trạng thái «Bản nháp» hoặc «Yêu cầu bổ sung»; đề án đã đề xuất trở đi thay đổi qua điều chỉnh được duyệt.",
            "Tổng chi phí bằng kinh phí khuyến công (quốc gia và địa phương) cộng vốn đối ứng; kinh phí hỗ trợ khác 0 "
            "và không vượt mức hỗ trợ đang áp dụng; ngày kết thúc không trước ngày bắt đầu.",
            "Cán bộ cấp huyện chỉ nhập được đề án trên địa bàn mình.",
        ]

    def lists(self, ctx: Context) -> dict[str, list[str]]:
        organisations = Organisation.objects.order_by("name")
        return {
            "Nội dung": list(ctx.contents()),
            "Loại đề án": [str(label) for label in ProjectKind.labels],
            "Đơn vị thực hiện": list(organisations.values_list("name", flat=True)),
            "Mã địa bàn": list(ctx.units()),
        }

    def _existing(self, ctx: Context) -> QuerySet[Project]:
        return visible_projects(
            ctx.user, Project.objects.filter(programme=ctx.programme, year=ctx.year)
        ).select_related("content", "implementing_organisation", "administrative_unit")

    def export_rows(self, ctx: Context) -> dict[str, list[list[Any]]]:
        rows = [
            [
                row_key(p.code, p.lock_version),
                p.code,
                p.title,
                p.content.number,
                p.get_kind_display(),
                p.implementing_organisation.name,
                p.administrative_unit.code,
                p.administrative_unit.name,
                p.support_national,
                p.support_local,
                p.counterpart,
                p.total_cost,
                p.start_date,
                p.end_date,
                p.get_status_display(),
            ]
            for p in self._existing(ctx).order_by("code")
        ]
        return {PROJECT_SHEET.title: rows}

    @staticmethod
    def _values(project: Project) -> dict[str, Any]:
        return {
            "title": project.title,
            "content": project.content.number,
            "kind": project.kind,
            "organisation": project.implementing_organisation.name,
            "unit": project.administrative_unit.code,
            "support_national": project.support_national,
            "support_local": project.support_local,
            "counterpart": project.counterpart,
            "total_cost": project.total_cost,
            "start_date": project.start_date,
            "end_date": project.end_date,
        }

    def compare(self, ctx: Context, rows: dict[str, list[SheetRow]]) -> Comparison:
        result = Comparison()
        contents = ctx.contents()
        units = ctx.units()
        all_units = units_of_year(AdministrativeUnit.objects.all(), ctx.year)
        organisations = {org.name: org for org in Organisation.objects.all()}
        existing = {p.code: p for p in self._existing(ctx)}
        sheet_rows = rows[PROJECT_SHEET.title]
        codes = [row.values["code"] for row in sheet_rows if row.values.get("code")]
        elsewhere = {
            p.code: p
            for p in Project.objects.filter(code__in=codes)
            .exclude(pk__in=[p.pk for p in existing.values()])
            .select_related("programme")
        }
        duplicates = _duplicate_keys(sheet_rows, lambda row: row.values.get("code"))
        rules = ProjectRules(ctx.programme)
        rules.preload_codes(codes)

        def compare_row(row: SheetRow) -> None:
            values = row.values
            if any(name not in values for name in ("code", "title", "content", "kind", "organisation", "unit")):
                return
            code = values["code"]
            if code in duplicates:
                raise RowRefused("code", f"Mã đề án «{code}» xuất hiện nhiều lần.")
            if row.key and row.key != code:
                raise RowRefused("code", "Không sửa mã của đề án đã có; đề án mới hãy thêm dòng mới.")
            other = elsewhere.get(code)
            if other is not None and other.programme_id == ctx.programme.pk and other.year == ctx.year:
                # Not a broken rule but the officer's scope: the project exists and is someone else's.
                raise RowRefused("code", f"Đề án «{code}» thuộc địa bàn ngoài phạm vi của bạn; không nhập được.")
            organisation, unit = self._references(ctx, values, contents, organisations, units, all_units)
            new: dict[str, Any] = {name: values.get(name) for name in PROJECT_FIELDS}
            for name in ("support_national", "support_local", "counterpart", "total_cost"):
                new[name] = new[name] or 0
            current = existing.get(code)
            old = self._values(current) if current else None
            action = result.record(row, f"{code} — {values['title'][:80]}", old, new)
            if action == "unchanged" or result.stale(row, current):
                return
            if current is not None and current.status not in EDITABLE_BY_PROPOSER:
                raise RowRefused(
                    "code",
                    f"Đề án đang ở trạng thái «{current.get_status_display()}»: không sửa qua tệp; hãy lập điều chỉnh.",
                )
            fields = {
                "title": new["title"],
                "content": contents[values["content"]],
                "kind": new["kind"],
                "implementing_organisation": organisation,
                "administrative_unit": unit,
                **{
                    name: new[name]
                    for name in (
                        "support_national",
                        "support_local",
                        "counterpart",
                        "total_cost",
                        "start_date",
                        "end_date",
                    )
                },
            }
            project = self._edited(ctx, code, current, fields)
            # The same rules and wording as the project page, each put on its cell.
            broken = rules.problems(project)
            if broken:
                raise RowRefused.every([(PROJECT_COLUMNS.get(p.field or "", "code"), p.message) for p in broken])
            if current is None:
                result.creates.append((row, project))
            else:
                result.updates.append((row, current, fields))

        _compare_rows(result, sheet_rows, compare_row)
        return result

    @staticmethod
    def _references(
        ctx: Context,
        values: dict[str, Any],
        contents: dict[str, Content],
        organisations: dict[str, Organisation],
        units: dict[str, AdministrativeUnit],
        all_units: dict[str, AdministrativeUnit],
    ) -> tuple[Organisation, AdministrativeUnit]:
        """The row's organisation and unit; every code that names nothing is refused, all at once."""
        problems = []
        if values["content"] not in contents:
            problems.append(_content_problem(ctx, values["content"]))
        organisation = organisations.get(values["organisation"])
        if organisation is None:
            problems.append(("organisation", f"Không có đơn vị «{values['organisation'][:60]}» trong danh mục."))
        unit = units.get(values["unit"])
        if unit is None:
            problems.append(_unit_problem(ctx, all_units, values["unit"], "Bạn chỉ được nhập đề án trên địa bàn mình"))
        if problems or organisation is None or unit is None:
            raise RowRefused.every(problems)
        return organisation, unit

    @staticmethod
    def _edited(ctx: Context, code: str, current: Project | None, fields: dict[str, Any]) -> Project:
        """The project as the row would leave it: a new draft, or a detached copy of the recorded one."""
        if current is None:
            return Project(
                code=code,
                programme=ctx.programme,
                year=ctx.year,
                status=ProjectStatus.DRAFT,
                created_by=ctx.user,
                **fields,
            )
        # A detached copy as the edit would leave it; the row read from the database stays as it was.
        project = Project(**{f.attname: getattr(current, f.attname) for f in Project._meta.concrete_fields})
        for name, value in fields.items():
            setattr(project, name, value)
        return project

    def apply(self, ctx: Context, comparison: Comparison) -> None:
        writers.create_rows(Project, [obj for _row, obj in comparison.creates])
        for _row, instance, values in comparison.updates:
            writers.update_row(instance, values)


# -------------------------------------------------------- disbursements
DISBURSEMENT_SHEET = SheetSpec(
    "Giải ngân",
    (
        Column(
            "voucher",
            "Số chứng từ",
            parse=partial(parse_text, max_length=60),
            required=True,
            width=16,
            number_format=TEXT_FORMAT,
        ),
        Column("date", "Ngày chứng từ", parse=parse_date, required=True, width=14, number_format=DATE_FORMAT),
        Column(
            "project",
            "Mã đề án",
            parse=partial(parse_text, max_length=40),
            width=16,
            list_name="Mã đề án",
            number_format=TEXT_FORMAT,
        ),
        Column(
            "content",
            "Mã nội dung",
            parse=parse_code,
            required=True,
            width=12,
            list_name="Nội dung",
            number_format=TEXT_FORMAT,
        ),
        Column("source", "Nguồn kinh phí", parse=parse_source, required=True, width=34, list_name="Nguồn kinh phí"),
        Column("amount", "Số tiền (đồng)", parse=parse_money, required=True, width=18, number_format=MONEY_FORMAT),
        Column("is_advance", "Tạm ứng", parse=_yes_no, width=10, list_name="Có/Không"),
        Column("note", "Ghi chú", parse=partial(parse_text, max_length=2000), width=40),
    ),
)


class DisbursementsKind(ImportKindSpec):
    code = "disbursements"
    label = "Giải ngân"
    sheets = (DISBURSEMENT_SHEET,)

    def instructions(self) -> list[str]:
        return [
            "Mỗi dòng là một chứng từ giải ngân của năm ngân sách; số chứng từ và ngày chứng từ xác định một khoản.",
            "Khoản đã ghi sổ không sửa qua tệp (hãy lập chứng từ điều chỉnh); dòng mới được kiểm tra như khi nhập trên màn hình: "
            "không vượt dự toán được giao, không vượt kinh phí hỗ trợ của đề án, đề án phải đã được phê duyệt, tạm ứng không quá 70%.",
            "Cán bộ cấp huyện chỉ nhập được giải ngân cho đề án trên địa bàn mình.",
        ]

    def lists(self, ctx: Context) -> dict[str, list[str]]:
        return {
            "Mã đề án": list(
                visible_projects(ctx.user, Project.objects.filter(programme=ctx.programme, year=ctx.year))
                .order_by("code")
                .values_list("code", flat=True)
            ),
            "Nội dung": list(ctx.contents()),
            "Nguồn kinh phí": [str(label) for label in FundingSource.labels],
            "Có/Không": [YES, NO],
        }

    def _existing(self, ctx: Context) -> QuerySet[Disbursement]:
        return visible_disbursements(
            ctx.user, Disbursement.objects.filter(programme=ctx.programme, year=ctx.year)
        ).select_related("project", "content")

    def export_rows(self, ctx: Context) -> dict[str, list[list[Any]]]:
        rows = [
            [
                f"{d.voucher_number}|{d.date:%d/%m/%Y}",
                d.voucher_number,
                d.date,
                d.project.code if d.project else "",
                d.content.number,
                d.get_funding_source_display(),
                d.amount,
                YES if d.is_advance else NO,
                d.note,
            ]
            for d in self._existing(ctx).order_by("date", "voucher_number")
        ]
        return {DISBURSEMENT_SHEET.title: rows}

    @staticmethod
    def _values(d: Disbursement) -> dict[str, Any]:
        return {
            "project": d.project.code if d.project else "",
            "content": d.content.number,
            "source": d.funding_source,
            "amount": d.amount,
            "is_advance": d.is_advance,
            "note": d.note,
        }

    def compare(self, ctx: Context, rows: dict[str, list[SheetRow]]) -> Comparison:
        result = Comparison()
        contents = ctx.contents()
        projects = {p.code: p for p in visible_projects(ctx.user, Project.objects.filter(programme=ctx.programme))}
        sheet_rows = rows[DISBURSEMENT_SHEET.title]
        vouchers = {row.values["voucher"] for row in sheet_rows if row.values.get("voucher")}
        existing = {
            (d.voucher_number, d.date): d
            for d in Disbursement.objects.filter(programme=ctx.programme, voucher_number__in=vouchers).select_related(
                "project", "content"
            )
        }
        visible = set(self._existing(ctx).values_list("pk", flat=True))

        def key_of(row: SheetRow) -> tuple[str, dt.date] | None:
            if not row.values.get("voucher") or not row.values.get("date"):
                return None
            return (row.values["voucher"], row.values["date"])

        duplicates = _duplicate_keys(sheet_rows, key_of)

        def compare_row(row: SheetRow) -> None:
            key = key_of(row)
            values = row.values
            if key is None or any(name not in values for name in ("content", "source", "amount")):
                return
            if row.key and row.key != f"{key[0]}|{key[1]:%d/%m/%Y}":
                raise RowRefused(
                    "voucher", "Không sửa số hoặc ngày của chứng từ đã ghi sổ; khoản mới hãy thêm dòng mới."
                )
            if key in duplicates:
                raise RowRefused("voucher", f"Chứng từ {key[0]} ngày {key[1]:%d/%m/%Y} xuất hiện nhiều lần.")
            label = f"{key[0]} ({key[1]:%d/%m/%Y})"
            new = {
                "project": values.get("project") or "",
                "content": values["content"],
                "source": values["source"],
                "amount": values["amount"],
                "is_advance": values.get("is_advance", False),
                "note": values.get("note", ""),
            }
            current = existing.get(key)
            if current is not None:
                if current.pk not in visible or current.year != ctx.year:
                    raise RowRefused(
                        "voucher",
                        "Chứng từ này đã có trong hệ thống cho đề án hoặc năm khác; hãy dùng số chứng từ khác.",
                    )
                if result.record(row, label, self._values(current), new) == "changed":
                    raise RowRefused(
                        "amount", "Khoản giải ngân đã ghi sổ không sửa qua tệp; hãy lập chứng từ điều chỉnh."
                    )
                return
            project = self._checked_project(ctx, key[1], new, contents, projects)
            result.record(row, label, None, new)
            result.creates.append(
                (
                    row,
                    {
                        "content": contents[values["content"]],
                        "funding_source": values["source"],
                        "date": key[1],
                        "voucher_number": key[0],
                        "amount": values["amount"],
                        "project": project,
                        "is_advance": new["is_advance"],
                        "note": new["note"],
                    },
                )
            )

        _compare_rows(result, sheet_rows, compare_row)
        return result

    @staticmethod
    def _checked_project(
        ctx: Context, date: dt.date, new: dict[str, Any], contents: dict[str, Content], projects: dict[str, Project]
    ) -> Project | None:
        """The project a new payment is for (None: paid against the content), once every check of the row passes."""
        problems = []
        if new["content"] not in contents:
            problems.append(_content_problem(ctx, new["content"]))
        project = None
        if new["project"]:
            project = projects.get(new["project"])
            if project is None:
                problems.append(
                    ("project", f"Không có đề án «{new['project']}» trong chương trình (hoặc ngoài phạm vi của bạn).")
                )
            elif project.content.number != new["content"]:
                problems.append(("content", f"Đề án {project.code} thuộc nội dung {project.content.number}."))
        elif ctx.scope_unit_id is not None:
            problems.append(
                ("project", "Cán bộ cấp huyện chỉ nhập giải ngân cho đề án trên địa bàn mình; hãy ghi mã đề án.")
            )
        if new["amount"] <= 0:
            problems.append(("amount", "Số tiền giải ngân phải lớn hơn 0."))
        if abs(date.year - ctx.year) > 1:
            problems.append(
                (
                    "date",
                    f"Ngày chứng từ phải trong khoảng năm {ctx.year - 1}–{ctx.year + 1} của năm ngân sách {ctx.year}.",
                )
            )
        if problems:
            raise RowRefused.every(problems)
        return project

    def apply(self, ctx: Context, comparison: Comparison) -> None:
        for row, fields in comparison.creates:
            try:
                writers.disbursement_from_row(programme=ctx.programme, year=ctx.year, user=ctx.user, **fields)
            except (DisbursementRefused, AdvanceNeedsConfirmation, YearLocked, YearOutsideProgramme) as error:
                comparison.issues.append(row.issue("amount", str(error)))


KINDS: dict[str, ImportKindSpec] = {
    kind.code: kind for kind in (PlanKind(), ResultsKind(), ProjectsKind(), DisbursementsKind())
}
