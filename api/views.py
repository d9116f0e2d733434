"""The read API, version 1: thin operations that validate, call one selector and return its rows.

Each operation fetches its object through the pages' access helpers (policy.access), so another
province's record answers 404 here as on every page. Lists are paginated (limit/offset with the
total count); their query counts stay flat as data grows (tests/test_api.py pins them).
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import NinjaAPI, Path, Query
from ninja.openapi.docs import Swagger

from accounts.models import User
from api import errors, selectors
from api.auth import AUTH
from api.schemas import (
    AllocationOut,
    AllocationPage,
    ContentListOut,
    DisbursementOut,
    DisbursementPage,
    ErrorOut,
    FundingSourceEnum,
    LevelEnum,
    MoneyOut,
    ProgrammeOut,
    ProgrammePage,
    ProgrammeStatusEnum,
    ProjectOut,
    ProjectPage,
    ProjectStatusEnum,
    TargetListOut,
)
from policy.access import (
    get_allocation_for,
    get_disbursement_for,
    get_programme_for,
    get_project_for,
    require,
)

MAX_ID = 2**31 - 1  # PostgreSQL integer keys: a larger id is refused as a parameter, not sent to the database
MAX_LIMIT = 500
MAX_OFFSET = 10**7

api = NinjaAPI(
    title="Khuyến công — API đọc dữ liệu",
    version="1",
    description=(
        "Chương trình, nội dung, chỉ tiêu (kế hoạch và thực hiện), đề án, dự toán giao và giải ngân, "
        "trong phạm vi dữ liệu người dùng được xem như trên các trang. Xác thực: tiêu đề "
        "`Authorization: Bearer <mã truy cập>` (tạo ở trang «Mã truy cập API») hoặc phiên đăng nhập. "
        "Tiền là đồng (số nguyên); số lượng và tỷ lệ là số thập phân dạng chuỗi."
    ),
    urls_namespace="api",
    auth=AUTH,
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs/",
    openapi_url="/openapi.json",
)
errors.install(api)

ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}

Id = Path(..., ge=1, le=MAX_ID)
Limit = Query(50, ge=1, le=MAX_LIMIT, description="Số bản ghi tối đa trả về")
Offset = Query(0, ge=0, le=MAX_OFFSET, description="Bỏ qua bao nhiêu bản ghi đầu")
Year = Query(None, ge=1990, le=2100, description="Năm")
ProgrammeId = Query(None, ge=1, le=MAX_ID, description="Mã số (id) chương trình")
UnitId = Query(None, ge=1, le=MAX_ID, description="Mã số (id) đơn vị hành chính")
ProjectUnitId = Query(None, ge=1, le=MAX_ID, description="Mã số (id) đơn vị hành chính của đề án")
ContentId = Query(None, ge=1, le=MAX_ID, description="Mã số (id) nội dung")
ProjectId = Query(None, ge=1, le=MAX_ID, description="Mã số (id) đề án")
Level = Query(None, description="Cấp chương trình")
ProgrammeState = Query(None, description="Trạng thái chương trình")
ProjectState = Query(None, description="Trạng thái đề án")
Source = Query(None, description="Nguồn kinh phí")


def _user(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined]


def _page(queryset: QuerySet, limit: int, offset: int, out) -> dict[str, Any]:
    # Two queries whatever the size: the count and the window.
    return {
        "count": queryset.count(),
        "limit": limit,
        "offset": offset,
        "items": [out(row) for row in queryset[offset : offset + limit]],
    }


# ---------------------------------------------------------------- programmes


@api.get(
    "/programmes",
    response={200: ProgrammePage, **ERRORS},
    url_name="programme_list",
    tags=["Chương trình"],
    summary="Danh sách chương trình",
)
def programme_list(
    request: HttpRequest,
    level: LevelEnum | None = Level,
    status: ProgrammeStatusEnum | None = ProgrammeState,
    year: int | None = Year,
    unit: int | None = UnitId,
    limit: int = Limit,
    offset: int = Offset,
):
    user = _user(request)
    require(user, "programs.view_programme")
    queryset = selectors.programmes(
        user,
        level=level.value if level else None,
        status=status.value if status else None,
        year=year,
        unit=unit,
    )
    return _page(queryset, limit, offset, selectors.programme_out)


@api.get(
    "/programmes/{pk}",
    response={200: ProgrammeOut, **ERRORS},
    url_name="programme_detail",
    tags=["Chương trình"],
    summary="Một chương trình",
)
def programme_detail(request: HttpRequest, pk: int = Id):
    return selectors.programme_out(get_programme_for(_user(request), pk))


@api.get(
    "/programmes/{pk}/contents",
    response={200: ContentListOut, **ERRORS},
    url_name="content_list",
    tags=["Chương trình"],
    summary="Các nội dung của chương trình",
)
def content_list(request: HttpRequest, pk: int = Id):
    programme = get_programme_for(_user(request), pk)
    items = selectors.contents_out(programme)
    return {"programme_id": programme.pk, "count": len(items), "items": items}


@api.get(
    "/programmes/{pk}/targets",
    response={200: TargetListOut, **ERRORS},
    url_name="target_list",
    tags=["Chương trình"],
    summary="Chỉ tiêu: kế hoạch, kế hoạch năm, thực hiện và tỷ lệ hoàn thành",
)
def target_list(request: HttpRequest, pk: int = Id):
    user = _user(request)
    programme = get_programme_for(user, pk)
    items = selectors.targets_out(user, programme)
    return {"programme_id": programme.pk, **selectors.notice(programme), "count": len(items), "items": items}


@api.get(
    "/programmes/{pk}/money",
    response={200: MoneyOut, **ERRORS},
    url_name="programme_money",
    tags=["Kinh phí"],
    summary="Kinh phí theo nội dung: kế hoạch, dự toán giao, giải ngân (như báo cáo tổng hợp)",
)
def programme_money(request: HttpRequest, pk: int = Id, year: int | None = Year):
    user = _user(request)
    programme = get_programme_for(user, pk)
    return selectors.money_out(user, programme, year=year)


# ---------------------------------------------------------------- projects


@api.get(
    "/projects",
    response={200: ProjectPage, **ERRORS},
    url_name="project_list",
    tags=["Đề án"],
    summary="Danh sách đề án",
)
def project_list(
    request: HttpRequest,
    programme: int | None = ProgrammeId,
    year: int | None = Year,
    status: ProjectStatusEnum | None = ProjectState,
    unit: int | None = UnitId,
    content: int | None = ContentId,
    limit: int = Limit,
    offset: int = Offset,
):
    queryset = selectors.projects(
        _user(request),
        programme=programme,
        year=year,
        status=status.value if status else None,
        unit=unit,
        content=content,
    )
    return _page(queryset, limit, offset, selectors.project_out)


@api.get(
    "/projects/{pk}",
    response={200: ProjectOut, **ERRORS},
    url_name="project_detail",
    tags=["Đề án"],
    summary="Một đề án",
)
def project_detail(request: HttpRequest, pk: int = Id):
    return selectors.project_out(get_project_for(_user(request), pk))


# ---------------------------------------------------------------- money


@api.get(
    "/allocations",
    response={200: AllocationPage, **ERRORS},
    url_name="allocation_list",
    tags=["Kinh phí"],
    summary="Dự toán giao",
)
def allocation_list(
    request: HttpRequest,
    programme: int | None = ProgrammeId,
    year: int | None = Year,
    funding_source: FundingSourceEnum | None = Source,
    limit: int = Limit,
    offset: int = Offset,
):
    user = _user(request)
    require(user, "budgets.view_allocation")
    queryset = selectors.allocations(
        user, programme=programme, year=year, funding_source=funding_source.value if funding_source else None
    )
    return _page(queryset, limit, offset, selectors.allocation_out)


@api.get(
    "/allocations/{pk}",
    response={200: AllocationOut, **ERRORS},
    url_name="allocation_detail",
    tags=["Kinh phí"],
    summary="Một dự toán giao",
)
def allocation_detail(request: HttpRequest, pk: int = Id):
    return selectors.allocation_out(get_allocation_for(_user(request), pk))


@api.get(
    "/disbursements",
    response={200: DisbursementPage, **ERRORS},
    url_name="disbursement_list",
    tags=["Kinh phí"],
    summary="Giải ngân",
)
def disbursement_list(
    request: HttpRequest,
    programme: int | None = ProgrammeId,
    year: int | None = Year,
    funding_source: FundingSourceEnum | None = Source,
    project: int | None = ProjectId,
    unit: int | None = ProjectUnitId,
    limit: int = Limit,
    offset: int = Offset,
):
    user = _user(request)
    # As the page: every signed-in role lists the payments in its reach (a confined officer: its units').
    require(user, "programs.view_programme")
    queryset = selectors.disbursements(
        user,
        programme=programme,
        year=year,
        funding_source=funding_source.value if funding_source else None,
        project=project,
        unit=unit,
    )
    return _page(queryset, limit, offset, selectors.disbursement_out)


@api.get(
    "/disbursements/{pk}",
    response={200: DisbursementOut, **ERRORS},
    url_name="disbursement_detail",
    tags=["Kinh phí"],
    summary="Một khoản giải ngân",
)
def disbursement_detail(request: HttpRequest, pk: int = Id):
    return selectors.disbursement_out(get_disbursement_for(_user(request), pk))


# Submitted reports (issue 14, reporting rounds) are served here once the reporting app exists:
# `/reports/submissions` and `/reports/submissions/{pk}`, scoped by the sender's province like the rest.
