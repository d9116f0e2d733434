"""The API's shapes (pydantic through django-ninja): what the OpenAPI document describes.

Money is whole đồng as JSON integers. Quantities are exact decimals written as strings with a dot
("17800", "31.67"), as the reports' JSON writes them; a percentage is the value rounded to the
decimals the source document prints, beside its displayed text ("71,2%").
"""

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from ninja import Schema
from pydantic import Field

from budgets.models import FundingSource
from programs.models import ProgrammeLevel, ProgrammeStatus, TargetKind
from projects.models import ProjectKind, ProjectStatus

# Enumerations built from the models' choices, so the document lists the values the database accepts.
LevelEnum = StrEnum("LevelEnum", {v: v for v in ProgrammeLevel.values})  # type: ignore[misc]
ProgrammeStatusEnum = StrEnum("ProgrammeStatusEnum", {v: v for v in ProgrammeStatus.values})  # type: ignore[misc]
ProjectStatusEnum = StrEnum("ProjectStatusEnum", {v: v for v in ProjectStatus.values})  # type: ignore[misc]
FundingSourceEnum = StrEnum("FundingSourceEnum", {v: v for v in FundingSource.values})  # type: ignore[misc]

DECIMAL_PATTERN = r"^-?\d+(\.\d+)?$"


def plain_decimal(value: Decimal | int | None) -> str | None:
    """Exact decimal text with a dot and no exponent (17800, 31.67), as reports.renderers writes it."""
    if value is None:
        return None
    return format(Decimal(value).normalize(), "f")


class FieldError(Schema):
    field: str = Field(description="Tham số bị lỗi")
    message: str = Field(description="Lỗi bằng tiếng Việt")


class ErrorOut(Schema):
    detail: str = Field(description="Thông báo lỗi bằng tiếng Việt")
    errors: list[FieldError] = Field(default_factory=list)


class UnitOut(Schema):
    id: int
    code: str
    name: str
    level: str


class ProgrammeOut(Schema):
    id: int
    code: str
    name: str
    level: str = Field(description="national: khuyến công quốc gia; local: khuyến công địa phương")
    status: str
    first_year: int
    last_year: int
    decision_number: str
    decision_date: dt.date | None
    decision_body: str
    planned_budget: int | None = Field(description="Tổng kinh phí dự kiến, đồng")
    administrative_unit: UnitOut | None = Field(description="Tỉnh của chương trình địa phương")
    owner: str = Field(description="Cơ quan chủ trì")
    illustrative: bool = Field(description="Số liệu minh họa, không phải số liệu chính thức")
    notice: str = Field(description="«Số liệu minh họa, …» khi số liệu là minh họa, như mọi trang và tệp xuất")


class ContentOut(Schema):
    id: int
    number: str
    title: str
    parent_id: int | None
    depth: int
    law_type_code: int = Field(description="Loại nội dung theo luật (Nghị định 45/2012, 235/2025)")
    law_type_name: str


class CompletionOut(Schema):
    percent: str | None = Field(pattern=DECIMAL_PATTERN, description="Tỷ lệ hoàn thành (%), làm tròn như báo cáo")
    percent_high: str | None = Field(pattern=DECIMAL_PATTERN, description="Tỷ lệ so với cận trên (chỉ tiêu khoảng)")
    met: bool | None
    text: str = Field(description="Như trên trang và báo cáo: 71,2%")


class AnnualQuantityOut(Schema):
    year: int
    quantity: str = Field(pattern=DECIMAL_PATTERN)
    plan_status: str


class TargetOut(Schema):
    id: int
    code: str
    name: str
    unit: str
    kind: str = Field(description=", ".join(TargetKind.values))
    content_id: int | None = Field(description="Trống với mục tiêu cụ thể của cả chương trình")
    content_number: str | None
    value: str | None = Field(pattern=DECIMAL_PATTERN, description="Kế hoạch cả giai đoạn")
    low: str | None = Field(pattern=DECIMAL_PATTERN)
    high: str | None = Field(pattern=DECIMAL_PATTERN)
    target_year: int | None
    annual_plans: list[AnnualQuantityOut] = Field(description="Kế hoạch năm")
    actual: str = Field(pattern=DECIMAL_PATTERN, description="Thực hiện: sản phẩm của đề án được tính và kết quả")
    completion: CompletionOut


class TargetListOut(Schema):
    programme_id: int
    illustrative: bool
    notice: str
    count: int
    items: list[TargetOut]


class ContentListOut(Schema):
    programme_id: int
    count: int
    items: list[ContentOut]


class ProjectOut(Schema):
    id: int
    code: str
    title: str
    programme_id: int
    programme_code: str
    year: int
    content_id: int
    content_number: str
    kind: str = Field(description=", ".join(ProjectKind.values))
    status: str
    administrative_unit: UnitOut
    implementing_organisation: str
    support_national: int = Field(description="đồng")
    support_local: int = Field(description="đồng")
    counterpart: int = Field(description="đồng")
    total_cost: int = Field(description="đồng")
    settled_amount: int | None = Field(description="đồng")
    start_date: dt.date | None
    end_date: dt.date | None


class AllocationOut(Schema):
    id: int
    programme_id: int
    year: int
    funding_source: str
    content_id: int
    content_number: str
    amount: int = Field(description="đồng")
    decision_number: str
    decision_date: dt.date


class DisbursementOut(Schema):
    id: int
    programme_id: int
    year: int
    project_id: int | None
    content_id: int
    funding_source: str
    date: dt.date
    voucher_number: str
    amount: int = Field(description="đồng")
    is_advance: bool


class MoneyRowOut(Schema):
    content_number: str
    content_title: str
    planned: int | None = Field(description="Kinh phí kế hoạch, đồng (trống khi báo cáo theo địa bàn)")
    allocated: int | None = Field(description="Dự toán giao, đồng")
    allocated_percent: str | None = Field(pattern=DECIMAL_PATTERN, description="Giao/kế hoạch (%)")
    allocated_percent_text: str
    disbursed: int = Field(description="Giải ngân, đồng")
    disbursed_percent: str | None = Field(pattern=DECIMAL_PATTERN, description="Giải ngân/dự toán (%)")
    disbursed_percent_text: str


class MoneyOut(Schema):
    programme_id: int
    illustrative: bool
    notice: str
    year: int | None
    note: str
    items: list[MoneyRowOut]
    total: MoneyRowOut


class Page(Schema):
    """A page of a list: the total count under the filters and the window asked for."""

    count: int = Field(description="Tổng số bản ghi thỏa điều kiện lọc")
    limit: int
    offset: int


class ProgrammePage(Page):
    items: list[ProgrammeOut]


class ProjectPage(Page):
    items: list[ProjectOut]


class AllocationPage(Page):
    items: list[AllocationOut]


class DisbursementPage(Page):
    items: list[DisbursementOut]
