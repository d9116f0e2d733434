"""Synthetic national data set for benchmarks: deterministic, fast to load, realistic.

At scale 1: the 34 provinces (from 1 July 2025) each with their Department of
Industry and Trade, extension centre, People's Committee, districts (to 30 June
2025) and communes (from 1 July 2025) with their economic offices; national and
local programmes for 2011-2015, 2016-2020, 2021-2025 and 2026-2030 with
contents, targets of every kind, annual plans, planned budgets and
allocations; 50.000 beneficiaries, 100.000 projects in every status and
1.000.000 disbursements. Sizes are skewed: a few large provinces hold most
projects, and project budgets follow a log-normal law.

The same scale and seed give the same rows (codes, names, amounts, dates):
nothing depends on the clock or on database ids.

Speed: the large tables are written with PostgreSQL COPY, their ids reserved
from the sequences in one statement. For the load only, the session runs with
`session_replication_role = replica` (when the database user may set it),
which switches off every trigger of the session: the history triggers of
django-pghistory (a generated data set has no history worth keeping) and the
foreign-key checks (the generator builds its references itself). CHECK and
UNIQUE constraints still hold.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction

from accounts.models import AdministrativeUnit, Organisation, OrganisationKind, Role, UnitLevel, User
from budgets.models import Allocation, Disbursement, FundingSource, PlannedBudget
from khuyencong.formatting import format_number
from programs.models import (
    AnnualPlan,
    AnnualPlanStatus,
    AnnualPlanTarget,
    Content,
    Programme,
    ProgrammeLevel,
    ProgrammeStatus,
    ProgrammeVersion,
    Target,
    TargetKind,
    numbering_sort_key,
)
from projects.lifecycle import ACCEPTED_STATUSES, COUNTING_STATUSES, PAYABLE_STATUSES
from projects.models import (
    Beneficiary,
    BeneficiaryKind,
    BeneficiarySize,
    Project,
    ProjectKind,
    ProjectOutput,
    ProjectStatus,
    ProjectTransition,
)
from seeding.demo import reference as ref
from seeding.demo.loader import DemoLoader

SEED = 20_250_701
CODE_PREFIX = "SYN"
PASSWORD = "khuyencong"  # noqa: S105  the synthetic accounts' known password, as the demo's
# Figures at scale 1.
BASE_PROJECTS = 100_000
BASE_BENEFICIARIES = 50_000
BASE_DISBURSEMENTS = 1_000_000
PERIODS = [(2011, 2015), (2016, 2020), (2021, 2025), (2026, 2030)]
CURRENT_YEAR = 2026
DISTRICTS_FROM = dt.date(2008, 8, 1)
DISTRICTS_TO = dt.date(2025, 6, 30)
COMMUNES_FROM = dt.date(2025, 7, 1)
# Share of disbursements paid against a content rather than a project (management, fairs run by the centre).
CONTENT_ONLY_SHARE = 0.1
COPY_CHUNK = 50_000

SYLLABLES = (  # noqa: SIM905  one line of names reads better than forty quoted syllables
    "An Bình Châu Đông Giang Hòa Hưng Khánh Lạc Long Minh Nam Ninh Phong Phú Phúc Quang Sơn Tân Thạch "
    "Thanh Thành Thịnh Thuận Tiến Trung Vĩnh Xuân Yên Bắc Hải Hà Lâm Mỹ Lộc Cẩm Kim Diên Đức Gia"
).split()
CRAFTS = [
    "mây tre đan",
    "gốm sứ",
    "dệt thổ cẩm",
    "sơn mài",
    "chạm gỗ",
    "đúc đồng",
    "chế biến nông sản",
    "cơ khí nhỏ",
    "thêu ren",
    "làm nón",
    "chế biến thủy sản",
    "sản xuất chè",
    "nước mắm",
    "bánh tráng",
    "đan cói",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
GIVEN = ["Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Văn Em", "Thị Giang", "Minh Hải", "Thu Hà", "Quốc Khánh"]

# Contents every programme has: (number, title, law type, unit of its target, typical quantity per project).
CONTENTS = [
    ("1", "Đào tạo nghề, truyền nghề, nhân cấy nghề", 1, None, 0),
    ("1.1", "Đào tạo nghề, truyền nghề cho lao động nông thôn", 1, "lao động", 35),
    ("1.2", "Nhân cấy nghề mới", 1, "lớp", 2),
    ("2", "Nâng cao năng lực quản lý cho cơ sở công nghiệp nông thôn", 2, "lượt", 40),
    ("3", "Mô hình trình diễn, ứng dụng máy móc tiên tiến", 3, None, 0),
    ("3.1", "Xây dựng mô hình trình diễn kỹ thuật", 3, "mô hình", 1),
    ("3.2", "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến", 3, "dự án", 1),
    ("4", "Phát triển sản phẩm công nghiệp nông thôn tiêu biểu", 4, None, 0),
    ("4.1", "Tổ chức, tham gia hội chợ triển lãm", 4, "gian hàng", 8),
    ("4.2", "Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu", 4, "sản phẩm", 10),
    ("5", "Tư vấn, hỗ trợ cơ sở công nghiệp nông thôn", 5, "lượt DN", 3),
    ("6", "Thông tin tuyên truyền", 6, "tin bài", 12),
    ("7", "Hỗ trợ liên kết, cụm công nghiệp, xử lý ô nhiễm", 7, "cơ sở", 1),
    ("8", "Hợp tác quốc tế về khuyến công", 8, "đoàn", 1),
    ("9", "Nâng cao năng lực quản lý và tổ chức thực hiện", 9, "cuộc", 2),
]
LEAF_NUMBERS = [number for number, _t, _l, unit, _q in CONTENTS if unit]
# How often each leaf content carries a project (machinery and training dominate, as in the seeds).
LEAF_WEIGHTS = {
    "1.1": 22,
    "1.2": 8,
    "2": 10,
    "3.1": 6,
    "3.2": 24,
    "4.1": 8,
    "4.2": 5,
    "5": 7,
    "6": 4,
    "7": 3,
    "8": 1,
    "9": 2,
}
TARGET_KINDS = [
    TargetKind.EXACT,
    TargetKind.AT_LEAST,
    TargetKind.EXACT,
    TargetKind.RANGE,
    TargetKind.EXACT,
    TargetKind.AT_MOST,
    TargetKind.AT_LEAST,
    TargetKind.EXACT,
    TargetKind.RANGE,
    TargetKind.EXACT,
    TargetKind.AT_LEAST,
    TargetKind.EXACT,
]

S = ProjectStatus
# Status mix by the age of the project's year: every status occurs.
STATUS_MIX = {
    "old": [(S.SETTLED, 62), (S.ACCEPTED, 10), (S.CANCELLED, 6), (S.REJECTED, 10), (S.ADJUSTED, 3), (S.UNDER_WAY, 2),
            (S.RETURNED, 2), (S.DRAFT, 2), (S.APPROVED, 1), (S.PROPOSED, 1), (S.APPRAISED_DEPARTMENT, 1)],
    "recent": [(S.SETTLED, 28), (S.ACCEPTED, 22), (S.UNDER_WAY, 18), (S.ADJUSTED, 5), (S.APPROVED, 5),
               (S.CANCELLED, 5), (S.REJECTED, 9), (S.RETURNED, 3), (S.APPRAISED_MINISTRY, 2), (S.PROPOSED, 3)],
    "current": [(S.UNDER_WAY, 28), (S.APPROVED, 18), (S.APPRAISED_MINISTRY, 8), (S.APPRAISED_DEPARTMENT, 10),
                (S.PROPOSED, 14), (S.RETURNED, 5), (S.DRAFT, 7), (S.REJECTED, 5), (S.ADJUSTED, 3), (S.ACCEPTED, 2)],
    "future": [(S.DRAFT, 50), (S.PROPOSED, 33), (S.RETURNED, 10), (S.APPRAISED_DEPARTMENT, 5), (S.REJECTED, 2)],
}  # fmt: skip
# Paid while payable; settled and cancelled projects keep the money they received before closing.
PAID_STATUSES = {*PAYABLE_STATUSES, S.SETTLED, S.CANCELLED}
LAST_ACTION = {
    S.PROPOSED: ("propose", S.DRAFT),
    S.RETURNED: ("return", S.PROPOSED),
    S.REJECTED: ("reject", S.PROPOSED),
    S.APPRAISED_DEPARTMENT: ("appraise", S.PROPOSED),
    S.APPRAISED_MINISTRY: ("appraise_ministry", S.APPRAISED_DEPARTMENT),
    S.APPROVED: ("approve", S.APPRAISED_DEPARTMENT),
    S.UNDER_WAY: ("start", S.APPROVED),
    S.ADJUSTED: ("adjust", S.UNDER_WAY),
    S.ACCEPTED: ("accept", S.UNDER_WAY),
    S.SETTLED: ("settle", S.ACCEPTED),
    S.CANCELLED: ("cancel", S.APPROVED),
}


def scaled(base: int, scale: float) -> int:
    return max(1, round(base * scale))


def year_age(year: int) -> str:
    if year <= CURRENT_YEAR - 3:
        return "old"
    if year < CURRENT_YEAR:
        return "recent"
    return "current" if year == CURRENT_YEAR else "future"


def aware(day: dt.date, hour: int = 9) -> str:
    """A fixed timestamp in Vietnam's time zone, as COPY text."""
    return f"{day.isoformat()} {hour:02d}:00:00+07"


class DatasetExists(Exception):
    def __init__(self) -> None:
        super().__init__(
            "Cơ sở dữ liệu đã có bộ dữ liệu tổng hợp (mã SYN-…). Hãy dùng một cơ sở dữ liệu trống "
            "(The synthetic data set is already loaded; use an empty database)."
        )


# ------------------------------------------------------------------ COPY helpers
def _text(value: object) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    return str(value)


def reserve_ids(model: type[models.Model], count: int) -> int:
    """Take `count` consecutive ids from the model's sequence in one statement; return the first."""
    if count == 0:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(s, nextval(s) + %s - 1) - %s + 1 FROM pg_get_serial_sequence(%s, 'id') AS s",
            [count, count, model._meta.db_table],
        )
        return cursor.fetchone()[0]


def copy_rows(table: str, columns: list[str], rows: Iterable[tuple]) -> int:
    """COPY rows (tuples in `columns` order) into `table` in chunks; return how many."""
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    total = 0
    buffer = io.StringIO()
    pending = 0
    raw = connection.connection  # the psycopg2 connection
    with raw.cursor() as cursor:
        for row in rows:
            buffer.write("\t".join(map(_text, row)))
            buffer.write("\n")
            pending += 1
            if pending == COPY_CHUNK:
                buffer.seek(0)
                cursor.copy_expert(sql, buffer)
                total += pending
                buffer = io.StringIO()
                pending = 0
        if pending:
            buffer.seek(0)
            cursor.copy_expert(sql, buffer)
            total += pending
    return total


def columns_of(model: type[models.Model], names: list[str]) -> list[str]:
    return [model._meta.get_field(name).column for name in names]  # type: ignore[union-attr, misc]


# ------------------------------------------------------------------ the generator
@dataclass
class ProvinceSpec:
    code: str
    name: str
    weight: float
    unit: AdministrativeUnit
    districts: list[AdministrativeUnit] = field(default_factory=list)
    communes: list[AdministrativeUnit] = field(default_factory=list)
    department: Organisation | None = None
    centre: Organisation | None = None
    offices: dict[int, Organisation] = field(default_factory=dict)  # unit id -> economic office
    beneficiary_ids: list[int] = field(default_factory=list)


@dataclass
class ProjectRow:
    id: int
    programme_id: int
    year: int
    content_id: int
    content_number: str
    status: str
    national: int
    local: int
    unit_id: int


class DatasetGenerator:
    def __init__(self, scale: float, *, seed: int = SEED, log: Callable[[str], None] | None = None) -> None:
        if scale <= 0:
            raise ValueError("scale must be positive")
        self.scale = scale
        self.rng = random.Random(seed)  # noqa: S311  seeded for a repeatable dataset, not for secrets
        self.log = log or (lambda message: None)
        self.counts: dict[str, int] = {}
        self.provinces: list[ProvinceSpec] = []
        self.programmes: list[tuple[Programme, ProvinceSpec | None]] = []
        # (programme id, number) -> content id; programme id -> targets per content number
        self.contents: dict[tuple[int, str], int] = {}
        self.targets: dict[tuple[int, str], list[int]] = {}
        self.projects: list[ProjectRow] = []

    # -------------------------------------------------------------- entry
    def generate(self) -> dict[str, int]:
        if Programme.objects.filter(code__startswith=f"{CODE_PREFIX}-").exists():
            raise DatasetExists()
        with transaction.atomic():
            self._disable_triggers()
            steps = [
                ("reference", self.reference),
                ("geography", self.geography),
                ("programmes", self.programme_tree),
                ("beneficiaries", self.beneficiaries),
                ("projects", self.project_rows),
                ("disbursements", self.disbursements),
            ]
            for name, step in steps:
                self.log(f"… {name}")
                step()
        # Fresh statistics for the planner; outside a transaction also VACUUM, which sets the
        # visibility map so that covering indexes answer without visiting the table.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with connection.cursor() as cursor:
            for model in (Project, Beneficiary, Disbursement, ProjectOutput, AnnualPlanTarget, PlannedBudget):
                cursor.execute(f"{command} {model._meta.db_table}")
        return self.counts

    def _disable_triggers(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            row = cursor.fetchone()
            if row and row[0]:
                cursor.execute("SET LOCAL session_replication_role = replica")
                self.counts["triggers_disabled"] = 1
            else:
                self.counts["triggers_disabled"] = 0

    # -------------------------------------------------------------- reference and places
    def reference(self) -> None:
        loader = DemoLoader()
        loader.load_reference()
        self.law_types = {code: lt.pk for code, lt in loader.law_types.items()}

    def geography(self) -> None:
        rng = self.rng
        province_units = {u.code: u for u in AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE, valid_to=None)}
        hanoi = AdministrativeUnit.objects.get(code=ref.HANOI[0], valid_from=ref.HANOI[2])
        entries = [(ref.HANOI[0], ref.HANOI[1], hanoi)] + [
            (code, name, province_units[code]) for code, name in ref.PROVINCES_2025
        ]
        # Skewed sizes: the two cities lead, the rest follow a Zipf-like law in a fixed shuffled order.
        order = list(range(2, len(entries)))
        rng.shuffle(order)
        hcm = next(i for i, e in enumerate(entries) if e[0] == "79")
        rank = {0: 1, hcm: 2}  # Hà Nội first, Thành phố Hồ Chí Minh second
        next_rank = 3
        for index in range(1, len(entries)):
            if index not in rank:
                rank[index] = next_rank
                next_rank += 1
        units_to_create: list[AdministrativeUnit] = []
        for index, (code, name, unit) in enumerate(entries):
            spec = ProvinceSpec(code=code, name=name, weight=1 / rank[index] ** 0.7, unit=unit)
            self.provinces.append(spec)
            n_districts = 6 + round(18 * spec.weight)
            for n in range(1, n_districts + 1):
                units_to_create.append(
                    AdministrativeUnit(
                        code=f"{CODE_PREFIX}{code}D{n:02d}",
                        name=("Huyện " if n > 2 else "Quận ") + self._place_name(),
                        level=UnitLevel.DISTRICT,
                        parent=unit,
                        valid_from=DISTRICTS_FROM,
                        valid_to=DISTRICTS_TO,
                    )
                )
            for n in range(1, n_districts + 1):
                units_to_create.append(
                    AdministrativeUnit(
                        code=f"{CODE_PREFIX}{code}X{n:02d}",
                        name=("Phường " if n <= 2 else "Xã ") + self._place_name(),
                        level=UnitLevel.COMMUNE,
                        parent=unit,
                        valid_from=COMMUNES_FROM,
                    )
                )
        created = AdministrativeUnit.objects.bulk_create(units_to_create)
        by_parent: dict[int, list[AdministrativeUnit]] = defaultdict(list)
        for unit in created:
            by_parent[unit.parent_id or 0].append(unit)
        for spec in self.provinces:
            for unit in by_parent[spec.unit.pk]:
                (spec.districts if unit.level == UnitLevel.DISTRICT else spec.communes).append(unit)

        self.ministry, _ = Organisation.objects.get_or_create(
            name="Bộ Công Thương", administrative_unit=hanoi, defaults={"short_name": "BCT", "kind": "ministry_unit"}
        )
        orgs: list[Organisation] = []
        for spec in self.provinces:
            short = spec.name.replace("Thành phố ", "").replace("Tỉnh ", "")
            orgs += [
                Organisation(
                    name=f"Sở Công Thương {short} (SYN)", short_name="SCT", kind=OrganisationKind.DEPARTMENT,
                    administrative_unit=spec.unit,
                ),
                Organisation(
                    name=f"Trung tâm Khuyến công {short} (SYN)", short_name="TTKC",
                    kind=OrganisationKind.EXTENSION_CENTRE, administrative_unit=spec.unit,
                ),
            ]  # fmt: skip
            for unit in spec.districts + spec.communes:
                office = "Phòng Kinh tế " if unit.level == UnitLevel.DISTRICT else "Ủy ban nhân dân "
                orgs.append(
                    Organisation(
                        name=office + unit.name.lower().split(" ", 1)[0] + " " + unit.name.split(" ", 1)[1],
                        short_name="PKT",
                        kind=OrganisationKind.DISTRICT_OFFICE,
                        administrative_unit=unit,
                    )
                )
        created_orgs = Organisation.objects.bulk_create(orgs)
        by_unit = defaultdict(list)
        for org in created_orgs:
            by_unit[org.administrative_unit_id].append(org)
        for spec in self.provinces:
            spec.department, spec.centre = by_unit[spec.unit.pk]
            for unit in spec.districts + spec.communes:
                spec.offices[unit.pk] = by_unit[unit.pk][0]
        # One login per role and province; the password hash is computed once.
        password = make_password(PASSWORD, salt="syntheticdata")
        users = []
        for spec in self.provinces:
            users += [
                User(username=f"syn_sct_{spec.code}", role=Role.DEPARTMENT_STAFF, organisation=spec.department,
                     password=password, first_name="Cán bộ", last_name=spec.code),
                User(username=f"syn_ttkc_{spec.code}", role=Role.CENTRE_LEADER, organisation=spec.centre,
                     password=password, first_name="Lãnh đạo", last_name=spec.code),
                User(username=f"syn_huyen_{spec.code}", role=Role.DISTRICT_OFFICER,
                     organisation=spec.offices[spec.districts[0].pk], password=password,
                     first_name="Cán bộ huyện", last_name=spec.code),
            ]  # fmt: skip
        User.objects.bulk_create(users)
        self.counts["provinces"] = len(self.provinces)
        self.counts["administrative_units"] = len(created)
        self.counts["organisations"] = len(created_orgs)
        self.counts["users"] = len(users)

    def _place_name(self) -> str:
        return " ".join(self.rng.sample(SYLLABLES, 2))

    # -------------------------------------------------------------- programmes
    def programme_tree(self) -> None:
        programmes = self._programmes()
        contents = self._contents(programmes)
        targets = self._targets()
        plans = self._annual_plans(targets)
        budgets, allocations = self._budgets(plans)
        self.counts.update(
            programmes=len(programmes),
            contents=contents,
            targets=len(targets),
            annual_plans=len(plans),
            planned_budgets=len(budgets),
            allocations=len(allocations),
        )

    def _programmes(self) -> list[Programme]:
        """A national programme and one per province for each period, each with its first version."""
        rng = self.rng
        programmes: list[Programme] = []
        owners: list[ProvinceSpec | None] = []
        for first, last in PERIODS:
            status = ProgrammeStatus.CLOSED if last < CURRENT_YEAR else ProgrammeStatus.APPROVED
            programmes.append(
                Programme(
                    code=f"{CODE_PREFIX}-QG-{first}-{last}",
                    name=f"Chương trình khuyến công quốc gia giai đoạn {first}-{last}",
                    level=ProgrammeLevel.NATIONAL,
                    owner=self.ministry,
                    first_year=first,
                    last_year=last,
                    decision_number=f"{1000 + first % 100 * 7}/QĐ-TTg",
                    decision_date=dt.date(first - 1, 11, 20),
                    decision_body="Thủ tướng Chính phủ",
                    budget_source="Kinh phí khuyến công quốc gia",
                    status=status,
                )
            )
            owners.append(None)
            for spec in self.provinces:
                programmes.append(
                    Programme(
                        code=f"{CODE_PREFIX}-{spec.code}-{first}-{last}",
                        name=f"Chương trình khuyến công {spec.name} giai đoạn {first}-{last}",
                        level=ProgrammeLevel.LOCAL,
                        administrative_unit=spec.unit,
                        owner=spec.department,
                        first_year=first,
                        last_year=last,
                        decision_number=f"{rng.randint(100, 9999)}/QĐ-UBND",
                        decision_date=dt.date(first - 1, rng.randint(6, 12), rng.randint(1, 28)),
                        decision_body=f"Ủy ban nhân dân {spec.name}",
                        budget_source="Kinh phí sự nghiệp khuyến công địa phương",
                        status=status,
                    )
                )
                owners.append(spec)
        programmes = Programme.objects.bulk_create(programmes)
        self.programmes = list(zip(programmes, owners, strict=True))
        ProgrammeVersion.objects.bulk_create(
            ProgrammeVersion(
                programme=p, number=1, decision_number=p.decision_number, decision_date=p.decision_date or dt.date(p.first_year - 1, 1, 1),
                decision_body=p.decision_body,
            )
            for p in programmes
        )  # fmt: skip
        return programmes

    def _contents(self, programmes: list[Programme]) -> int:
        """Every programme's contents, parents first, then children; returns how many."""
        law_type_of = {number: law for number, _t, law, _u, _q in CONTENTS}
        parents: list[Content] = []
        children: list[Content] = []
        for programme in programmes:
            for number, title, law, _unit, _q in CONTENTS:
                content = Content(
                    programme=programme, number=number, title=title, law_type_id=self.law_types[law],
                    sort_key=numbering_sort_key(number),
                )  # fmt: skip
                (children if "." in number else parents).append(content)
        Content.objects.bulk_create(parents)
        parent_ids = {(c.programme_id, c.number): c.pk for c in parents}
        for child in children:
            child.parent_id = parent_ids[(child.programme_id, child.number.split(".")[0])]
        Content.objects.bulk_create(children)
        for content in parents + children:
            self.contents[(content.programme_id, content.number)] = content.pk
        del law_type_of
        return len(parents) + len(children)

    def _targets(self) -> list[Target]:
        """One target per leaf content (kinds rotate) and two programme objectives."""
        rng = self.rng
        targets: list[Target] = []
        weight_of = {id(p): (spec.weight if spec else 3.0) for p, spec in self.programmes}
        for programme, _spec in self.programmes:
            size = weight_of[id(programme)]
            for index, (number, title, _law, unit, per_project) in enumerate(c for c in CONTENTS if c[3]):
                kind = TARGET_KINDS[(index + programme.first_year) % len(TARGET_KINDS)]
                figure = max(1, round(per_project * 60 * size * (0.6 + rng.random())))
                target = Target(
                    programme=programme, content_id=self.contents[(programme.pk, number)], code=f"{number}",
                    name=title, unit=unit or "", kind=kind, order=index, percent_decimals=1 + index % 2,
                )  # fmt: skip
                if kind in (TargetKind.RANGE,):
                    target.low, target.high = figure, round(figure * 1.25)
                    target.source_wording = f"{format_number(figure)}-{format_number(round(figure * 1.25))} {unit}"
                else:
                    target.value = figure
                    prefix = {"at_least": "trên ", "at_most": "không quá "}.get(kind, "")
                    target.source_wording = f"{prefix}{format_number(figure)} {unit}"
                targets.append(target)
            targets.append(
                Target(
                    programme=programme,
                    code="MT1",
                    name="Tốc độ tăng giá trị sản xuất công nghiệp nông thôn",
                    unit="%",
                    kind=TargetKind.GROWTH_RATE,
                    low=10,
                    high=12,
                    order=90,
                    source_wording="tăng bình quân 10-12%/năm",
                )
            )
            targets.append(
                Target(
                    programme=programme, code="MT2", name="Kim ngạch xuất khẩu hàng thủ công mỹ nghệ",
                    unit="triệu USD", kind=TargetKind.VALUE_BY_YEAR, value=round(40 * size) + 1,
                    target_year=programme.last_year, order=91,
                    source_wording=f"năm {programme.last_year} đạt trên {round(40 * size) + 1} triệu USD",
                )
            )  # fmt: skip
        Target.objects.bulk_create(targets, batch_size=2000)
        for target in targets:
            if target.content_id:
                self.targets.setdefault((target.programme_id, target.code), []).append(target.pk)
        return targets

    def _annual_plans(self, targets: list[Target]) -> list[AnnualPlan]:
        """Each programme year's plan and its planned quantities, an even share of each target."""
        rng = self.rng
        plans: list[AnnualPlan] = []
        for programme, _spec in self.programmes:
            for year in programme.years:
                approved = year <= CURRENT_YEAR
                plans.append(
                    AnnualPlan(
                        programme=programme, year=year,
                        decision_number=f"{rng.randint(100, 9999)}/QĐ-UBND" if approved else "",
                        decision_date=dt.date(year - 1, 12, rng.randint(1, 28)) if approved else None,
                        decision_body=programme.decision_body if approved else "",
                        status=AnnualPlanStatus.APPROVED if approved else AnnualPlanStatus.DRAFT,
                        is_locked=year < CURRENT_YEAR,
                    )
                )  # fmt: skip
        AnnualPlan.objects.bulk_create(plans, batch_size=2000)
        by_programme = defaultdict(list)
        for target in targets:
            by_programme[target.programme_id].append(target)
        plan_targets = []
        for plan in plans:
            periods = plan.programme.last_year - plan.programme.first_year + 1
            for target in by_programme[plan.programme_id]:
                if target.value is not None and target.kind != TargetKind.VALUE_BY_YEAR:
                    plan_targets.append((plan.pk, target.pk, math.ceil(target.value / periods)))
                elif target.low is not None and target.kind == TargetKind.RANGE:
                    plan_targets.append((plan.pk, target.pk, math.ceil(target.low / periods)))
        self._copy(AnnualPlanTarget, ["annual_plan", "target", "quantity"], plan_targets, versioned=True)
        return plans

    def _budgets(self, plans: list[AnnualPlan]) -> tuple[list[tuple], list[tuple]]:
        """Planned budgets per plan, content and source, the allocations of past years, and the programme totals."""
        rng = self.rng
        budgets = []
        allocations = []
        for plan in plans:
            owner = self.programmes_by_id().get(plan.programme_id)
            national = owner is None  # the national programme has no province
            size = 3.0 if owner is None else owner.weight
            for number in LEAF_NUMBERS:
                content_id = self.contents[(plan.programme_id, number)]
                sources = [FundingSource.NATIONAL] if national else [FundingSource.LOCAL, FundingSource.NATIONAL]
                for source in sources:
                    share = 1.0 if source == FundingSource.LOCAL or national else 0.25
                    amount = round(LEAF_WEIGHTS[number] * 400 * size * share * (0.7 + 0.6 * rng.random())) * 1_000_000
                    budgets.append((plan.pk, content_id, source, amount))
                    if plan.year <= CURRENT_YEAR:
                        allocated = amount * rng.randint(85, 100) // 100 // 1_000_000 * 1_000_000
                        allocations.append(
                            (plan.programme_id, plan.year, source, content_id, allocated,
                             f"{rng.randint(100, 9999)}/QĐ-UBND", dt.date(plan.year - 1, 12, 20), "")
                        )  # fmt: skip
        self._copy(PlannedBudget, ["annual_plan", "content", "funding_source", "amount"], budgets, versioned=True)
        stamp = aware(dt.date(2011, 1, 1))
        self._copy(
            Allocation,
            ["programme", "year", "funding_source", "content", "amount", "decision_number", "decision_date", "note",
             "created_at", "updated_at"],
            [row + (stamp, stamp) for row in allocations],
            versioned=True,
        )  # fmt: skip
        totals: dict[int, int] = defaultdict(int)
        plan_programme = {plan.pk: plan.programme_id for plan in plans}
        for plan_id, _content, _source, amount in budgets:
            totals[plan_programme[plan_id]] += amount
        for programme, _spec in self.programmes:
            programme.planned_budget = totals[programme.pk]
        Programme.objects.bulk_update([p for p, _ in self.programmes], ["planned_budget"])
        return budgets, allocations

    def programmes_by_id(self) -> dict[int, ProvinceSpec | None]:
        if not hasattr(self, "_programmes_by_id"):
            self._programmes_by_id = {p.pk: spec for p, spec in self.programmes}
        return self._programmes_by_id

    def _copy(
        self, model: type[models.Model], names: list[str], rows: list[tuple], *, versioned: bool = False
    ) -> tuple[int, int]:
        n = len(rows)
        first = reserve_ids(model, n)
        columns = ["id"] + columns_of(model, names) + (["lock_version"] if versioned else [])
        tail = (1,) if versioned else ()
        return copy_rows(
            model._meta.db_table, columns, ((first + i,) + tuple(row) + tail for i, row in enumerate(rows))
        ), first

    # -------------------------------------------------------------- beneficiaries
    def beneficiaries(self) -> None:
        rng = self.rng
        total = scaled(BASE_BENEFICIARIES, self.scale)
        weights = [spec.weight for spec in self.provinces]
        per_province = self._apportion(total, weights)
        kinds = [
            ("Công ty TNHH {craft} {place}", BeneficiaryKind.ENTERPRISE, BeneficiarySize.SMALL, 30),
            ("Công ty cổ phần {craft} {place}", BeneficiaryKind.ENTERPRISE, BeneficiarySize.MEDIUM, 8),
            ("Hợp tác xã {craft} {place}", BeneficiaryKind.COOPERATIVE, BeneficiarySize.MICRO, 15),
            ("Cơ sở {craft} {owner}", BeneficiaryKind.RURAL_ESTABLISHMENT, BeneficiarySize.MICRO, 35),
            ("Hộ kinh doanh {owner}", BeneficiaryKind.HOUSEHOLD, BeneficiarySize.MICRO, 12),
        ]
        kind_weights = list(accumulate(k[3] for k in kinds))
        first = reserve_ids(Beneficiary, total)
        rows = []
        serial = 0
        stamp = aware(dt.date(2010, 12, 1))
        for spec, count in zip(self.provinces, per_province, strict=True):
            for _ in range(count):
                pattern, kind, size, _w = rng.choices(kinds, cum_weights=kind_weights)[0]
                craft = rng.choice(CRAFTS)
                unit = rng.choice(spec.districts)
                owner = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"
                place = unit.name.split(" ", 1)[1]
                pk = first + serial
                tax_code = "" if kind == BeneficiaryKind.HOUSEHOLD else f"{8_000_000_000 + serial:010d}"
                if size == BeneficiarySize.SMALL and rng.random() < 0.05:
                    size = BeneficiarySize.LARGE
                rows.append(
                    (pk, pattern.format(craft=craft.capitalize(), place=place, owner=owner) + f" ({serial + 1})",
                     kind, tax_code, f"{unit.name}, {spec.name}", unit.pk, size, craft,
                     f"Làng nghề {craft} {place}" if rng.random() < 0.4 else "", owner,
                     f"09{rng.randint(10_000_000, 99_999_999)}", stamp, stamp, 1, False, False)
                )  # fmt: skip
                spec.beneficiary_ids.append(pk)
                serial += 1
        names = ["id", "name", "kind", "tax_code", "address", "administrative_unit", "size", "sector",
                 "craft_village", "representative", "phone", "created_at", "updated_at", "lock_version",
                 "owned_by_women", "owned_by_ethnic_minority"]  # fmt: skip
        copy_rows(Beneficiary._meta.db_table, columns_of(Beneficiary, names), rows)
        self.counts["beneficiaries"] = total

    @staticmethod
    def _apportion(total: int, weights: list[float]) -> list[int]:
        """Whole numbers proportional to `weights` that sum exactly to `total` (largest remainders)."""
        whole = sum(weights)
        raw = [total * w / whole for w in weights]
        parts = [int(x) for x in raw]
        order = sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))
        for i in order[: total - sum(parts)]:
            parts[i] += 1
        return parts

    # -------------------------------------------------------------- projects
    def project_rows(self) -> None:
        rng = self.rng
        total = scaled(BASE_PROJECTS, self.scale)
        # Later periods carry more projects; the national programme a tenth of a province's total.
        period_weight = {2011: 0.8, 2016: 1.0, 2021: 1.2, 2026: 0.7}
        weights = [period_weight[p.first_year] * (spec.weight if spec else 1.5) for p, spec in self.programmes]
        per_programme = self._apportion(total, weights)
        leaf_cum = list(accumulate(LEAF_WEIGHTS[n] for n in LEAF_NUMBERS))
        first = reserve_ids(Project, total)
        rows = []
        m2m = []
        outputs = []
        transitions = []
        serial = 0
        for (programme, spec), count in zip(self.programmes, per_programme, strict=True):
            national = spec is None
            years = list(programme.years)
            year_cum = list(accumulate(range(10, 10 + 2 * len(years), 2)))
            for _ in range(count):
                province = spec or self.provinces[rng.randrange(len(self.provinces))]
                year = rng.choices(years, cum_weights=year_cum)[0]
                mix = STATUS_MIX[year_age(year)]
                status = rng.choices([s for s, _ in mix], weights=[w for _, w in mix])[0]
                number = rng.choices(LEAF_NUMBERS, cum_weights=leaf_cum)[0]
                content_id = self.contents[(programme.pk, number)]
                unit = rng.choice(province.districts if year <= 2025 else province.communes)
                by_centre = rng.random() < 0.55
                organisation = province.centre if by_centre else province.offices[unit.pk]
                assert organisation is not None  # noqa: S101  typing narrowing: every province has its centre
                kind = ProjectKind.GROUP if rng.random() < 0.2 else ProjectKind.PILOT
                support = min(3_000, max(10, round(rng.lognormvariate(math.log(150), 0.9)))) * 1_000_000
                if national:
                    support_national, support_local = support, 0
                elif rng.random() < 0.2:
                    support_national = support // 2_000_000 * 1_000_000
                    support_local = support - support_national
                else:
                    support_national, support_local = 0, support
                counterpart = round(support * (0.3 + 1.7 * rng.random()) / 1_000_000) * 1_000_000
                start = dt.date(year, rng.randint(2, 6), rng.randint(1, 28))
                end = dt.date(year, rng.randint(9, 12), rng.randint(1, 28))
                settled = support * rng.randint(90, 100) // 100 if status == S.SETTLED else None
                effects = status in ACCEPTED_STATUSES
                jobs = rng.randint(0, 60) if effects else None
                revenue_before = revenue_after = production = None
                if effects:
                    revenue_before = rng.randint(500, 20_000) * 1_000_000
                    revenue_after = round(revenue_before * (1 + rng.gauss(0.2, 0.08)))
                    production = round(revenue_after * 1.1)
                pk = first + serial
                code = f"{CODE_PREFIX}-{province.code}-{year}-{serial + 1:06d}"
                craft = rng.choice(CRAFTS)
                title = f"{CONTENT_TITLE[number]} {craft} tại {unit.name}"
                changed = None
                if status != S.DRAFT:
                    changed_day = dt.date(year - 1, 6, 1) + dt.timedelta(days=rng.randint(0, 540))
                    changed = aware(min(changed_day, dt.date(CURRENT_YEAR, 10, 31)), 10)
                    action, from_status = LAST_ACTION[status]
                    transitions.append((pk, action, from_status, status, None, changed, ""))
                created = aware(dt.date(year - 1, 5, 1) + dt.timedelta(days=rng.randint(0, 40)))
                rows.append(
                    (pk, code, title, programme.pk, year, content_id, kind, organisation.pk, unit.pk,
                     support_national, support_local, counterpart, support + counterpart, start, end, status,
                     changed, settled, jobs, production, revenue_before, revenue_after, "", None, created,
                     changed or created, 1)
                )  # fmt: skip
                pool = province.beneficiary_ids
                if pool:
                    how_many = 1 if kind == ProjectKind.PILOT else rng.randint(2, 6)
                    for beneficiary in rng.sample(pool, min(how_many, len(pool))):
                        m2m.append((pk, beneficiary))
                target_ids = self.targets.get((programme.pk, number))
                if target_ids and status in COUNTING_STATUSES:
                    planned = max(1, round(CONTENT_QUANTITY[number] * (0.5 + rng.random())))
                    done = planned if status in ACCEPTED_STATUSES else round(planned * rng.random())
                    outputs.append((pk, target_ids[0], planned, done))
                if status in PAID_STATUSES:
                    self.projects.append(
                        ProjectRow(pk, programme.pk, year, content_id, number, status, support_national,
                                   support_local, unit.pk)
                    )  # fmt: skip
                serial += 1
        names = ["id", "code", "title", "programme", "year", "content", "kind", "implementing_organisation",
                 "administrative_unit", "support_national", "support_local", "counterpart", "total_cost",
                 "start_date", "end_date", "status", "status_changed_at", "settled_amount", "jobs_created",
                 "production_value", "revenue_before", "revenue_after", "description", "created_by", "created_at",
                 "updated_at", "lock_version"]  # fmt: skip
        copy_rows(Project._meta.db_table, columns_of(Project, names), rows)
        self.counts["projects"] = len(rows)
        del rows
        through = Project.beneficiaries.through
        self._copy(through, ["project", "beneficiary"], m2m)
        self._copy(ProjectOutput, ["project", "target", "planned", "delivered"], outputs, versioned=True)
        self._copy(
            ProjectTransition, ["project", "action", "from_status", "to_status", "actor", "at", "comment"], transitions
        )
        self.counts.update(project_beneficiaries=len(m2m), project_outputs=len(outputs), transitions=len(transitions))

    # -------------------------------------------------------------- money
    def disbursements(self) -> None:
        rng = self.rng
        total = scaled(BASE_DISBURSEMENTS, self.scale)
        to_projects = round(total * (1 - CONTENT_ONLY_SHARE)) if self.projects else 0
        weights = [(p.national + p.local) for p in self.projects]
        picks: Counter[int] = Counter()
        if to_projects:
            cum = list(accumulate(weights))
            for index in rng.choices(range(len(self.projects)), cum_weights=cum, k=to_projects):
                picks[index] += 1
        first = reserve_ids(Disbursement, total)
        serial = 0

        def rows() -> Iterator[tuple]:
            nonlocal serial
            for index in sorted(picks):
                project = self.projects[index]
                count = picks[index]
                support = project.national + project.local
                paid_share = 1.0 if project.status in ACCEPTED_STATUSES else 0.3 + 0.4 * rng.random()
                base = max(1_000, int(support * paid_share / count))
                for n in range(count):
                    source = (
                        FundingSource.NATIONAL if rng.random() * support < project.national else FundingSource.LOCAL
                    )
                    if rng.random() < 0.08:
                        source = FundingSource.COUNTERPART
                    day = dt.date(project.year, 3, 1) + dt.timedelta(days=rng.randint(0, 300))
                    amount = max(1_000, round(base * (0.5 + rng.random()) / 1_000) * 1_000)
                    serial += 1
                    yield (first + serial - 1, project.programme_id, project.year, project.id, project.content_id,
                           source, day, f"GN{project.year}-{serial:07d}", amount, n == 0 and count > 1,
                           "", None, aware(day, 15), aware(day, 15), 1)  # fmt: skip
            programmes = [(p, spec) for p, spec in self.programmes if p.first_year <= CURRENT_YEAR]
            while serial < total:
                programme, spec = programmes[rng.randrange(len(programmes))]
                year = rng.randint(programme.first_year, min(programme.last_year, CURRENT_YEAR))
                number = rng.choice(("9", "6", "4.1", "1.1"))
                day = dt.date(year, 1, 15) + dt.timedelta(days=rng.randint(0, 340))
                amount = rng.randint(5, 400) * 1_000_000 // 10
                source = FundingSource.NATIONAL if spec is None else FundingSource.LOCAL
                serial += 1
                yield (first + serial - 1, programme.pk, year, None, self.contents[(programme.pk, number)], source,
                       day, f"GN{year}-{serial:07d}", amount, False, "Chi quản lý, tổ chức thực hiện", None,
                       aware(day, 15), aware(day, 15), 1)  # fmt: skip

        names = ["id", "programme", "year", "project", "content", "funding_source", "date", "voucher_number",
                 "amount", "is_advance", "note", "created_by", "created_at", "updated_at", "lock_version"]  # fmt: skip
        self.counts["disbursements"] = copy_rows(Disbursement._meta.db_table, columns_of(Disbursement, names), rows())


CONTENT_TITLE = {
    "1.1": "Đào tạo nghề",
    "1.2": "Nhân cấy nghề",
    "2": "Tập huấn nâng cao năng lực quản lý ngành",
    "3.1": "Mô hình trình diễn kỹ thuật sản xuất",
    "3.2": "Ứng dụng máy móc thiết bị tiên tiến trong sản xuất",
    "4.1": "Tham gia hội chợ sản phẩm",
    "4.2": "Bình chọn sản phẩm tiêu biểu ngành",
    "5": "Tư vấn phát triển sản phẩm",
    "6": "Tuyên truyền về nghề",
    "7": "Hỗ trợ xử lý ô nhiễm cơ sở",
    "8": "Khảo sát học tập kinh nghiệm nghề",
    "9": "Kiểm tra, giám sát đề án nghề",
}
CONTENT_QUANTITY = {number: quantity for number, _t, _l, unit, quantity in CONTENTS if unit}


def generate_dataset(scale: float, *, seed: int = SEED, log: Callable[[str], None] | None = None) -> dict[str, int]:
    return DatasetGenerator(scale, seed=seed, log=log).generate()


def expected_counts(scale: float) -> dict[str, int]:
    return {
        "projects": scaled(BASE_PROJECTS, scale),
        "beneficiaries": scaled(BASE_BENEFICIARIES, scale),
        "disbursements": scaled(BASE_DISBURSEMENTS, scale),
    }
