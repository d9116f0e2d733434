"""Builds the demo data from the seed documents (`shared/seeds/`).

Figures marked "seed" are the source documents' own; the rest is spread over
years, districts and projects so that every sum comes out exactly as the
seeds print it. The whole load is one transaction and only creates what is
missing, so running it twice changes nothing.
"""

import datetime as dt
import random
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pghistory
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.admin_units import admin_units_load, admin_units_loaded
from accounts.models import AdministrativeUnit, Organisation, OrganisationKind, Role, UnitLevel, User
from budgets.models import Allocation, Disbursement, FundingSource, PlannedBudget
from programs.models import (
    AnnualPlan,
    AnnualPlanStatus,
    AnnualPlanTarget,
    Content,
    ContentCatalogue,
    EffectMeasure,
    LawContentType,
    Programme,
    ProgrammeLevel,
    ProgrammeStatus,
    ProgrammeVersion,
    Result,
    Target,
    TargetKind,
)
from projects.lifecycle import ACTIONS
from projects.models import (
    Beneficiary,
    BeneficiaryKind,
    BeneficiarySize,
    EligibilityRule,
    Project,
    ProjectKind,
    ProjectOutput,
    ProjectStatus,
    ProjectTransition,
    SupportLevel,
)
from seeding.demo import reference as ref
from seeding.logins import BENEFICIARY_LOGIN, DEMO_PASSWORD, DEMO_USERS, REPORTING_LEADER_LOGIN

# A Hà Nội commune of today that took over part of old Chương Mỹ district: its official code
# (Quyết định 19/2025/QĐ-TTg), so the demo finds the row that `load_admin_units` loaded.
PHU_NGHIA = ("10030", "Xã Phú Nghĩa")
# An old district of Bắc Ninh province, where its demo project is carried out.
TU_SON = ("261", "Thị xã Từ Sơn")
TY = 1_000_000_000
TRIEU = 1_000_000


def split(total: int, parts: int) -> list[int]:
    """Split an integer into `parts` integers that sum exactly to `total`."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def split_by_shares(total: int, shares: list[int]) -> list[int]:
    """Split by integer shares; the last part takes the rounding so the sum is exact."""
    weight = sum(shares)
    parts = [total * share // weight for share in shares[:-1]]
    return parts + [total - sum(parts)]


@dataclass
class TargetSpec:
    code: str
    content: str | None
    name: str
    unit: str
    kind: str = TargetKind.EXACT
    value: int | None = None
    low: int | None = None
    high: int | None = None
    year: int | None = None
    decimals: int = 1
    wording: str = ""
    effect: str = ""  # the effect after acceptance this target counts (programs.EffectMeasure)


class DemoLoader:
    def __init__(self) -> None:
        self.rng = random.Random(20111697)  # noqa: S311  seeded for repeatable demo data, not for secrets
        self.units: dict[str, AdministrativeUnit] = {}
        self.orgs: dict[str, Organisation] = {}
        self.law_types: dict[int, LawContentType] = {}
        self.beneficiaries: dict[str, list[Beneficiary]] = {}
        self.voucher_seq = 0

    # ------------------------------------------------------------------ entry
    @transaction.atomic
    def load(self) -> dict[str, int]:
        with pghistory.context(source="load_demo"):
            # A test that flushed the database took the migrations' reference rows with it: put them back first.
            self._reseed_migrated_reference()
            self.load_reference()
            self.load_tenant_units()
            self.load_organisations()
            if settings.DEMO_ENABLED:
                self.load_users()
            self.load_beneficiaries()
            self.load_hanoi_2011_2015()
            self.load_hanoi_2016_2020()
            self.load_national_2014_2018()
            self.load_bac_ninh_contests()
            self.load_bac_ninh_projects()
            self.load_national_2021_2025()
            self.load_national_2026_2030()
            self.load_hanoi_2026_2030()
            self.load_enterprise_online()
            self.load_reporting_round()
            # Last: the reporting round adds Bắc Ninh's centre leader, whom its waiting projects tell too.
            self.load_notifications()
        return {
            "programmes": Programme.objects.count(),
            "projects": Project.objects.count(),
            "disbursements": Disbursement.objects.count(),
            "beneficiaries": Beneficiary.objects.count(),
        }

    def load_notifications(self) -> None:
        """The bell of today: whoever a waiting or returned project waits for is told, as its last step would have.

        The demo records its steps in bulk, past the service that notifies; this tells the same users
        the same words. Idempotent: each notification is keyed by the step it is about.
        """
        from projects.lifecycle import EDITABLE_BY_PROPOSER
        from projects.notifying import WAITING_STATUSES, notify_transition

        statuses = [*WAITING_STATUSES, *(s for s in EDITABLE_BY_PROPOSER if s != ProjectStatus.DRAFT)]
        for project in Project.objects.filter(status__in=statuses).select_related("programme", "content__law_type"):
            step = project.transitions.select_related("actor").last()
            if step is not None:
                # Nothing to settle: a second load must leave what was read, read, and what was not, unread.
                notify_transition(project=project, transition=step, settle_earlier=False)

    # -------------------------------------------------------------- reference
    def load_reference(self) -> None:
        # The official units first: the demo's Hà Nội districts and provinces below are then
        # found by their official code and start date instead of being created again.
        if not admin_units_loaded():
            admin_units_load()
        catalogues = []
        for (name, basis, start, end), entries in (
            (ref.CATALOGUE_2012, ref.LAW_CONTENT_TYPES),
            (ref.CATALOGUE_2025, ref.LAW_CONTENT_TYPES_2025),
        ):
            catalogue, _ = ContentCatalogue.objects.get_or_create(
                name=name, defaults={"legal_basis": basis, "valid_from": start, "valid_to": end}
            )
            catalogues.append(catalogue)
            for law_code, type_name, name_en in entries:
                law_type, _ = LawContentType.objects.get_or_create(
                    catalogue=catalogue,
                    code=law_code,
                    defaults={"name": type_name, "name_en": name_en, "legal_basis": basis, "key": law_code},
                )
                # The demo's programmes (2011-2020) are mapped to the 2012 catalogue.
                if catalogue is catalogues[0]:
                    self.law_types[law_code] = law_type
        for kind, location, start, end, basis, wording in ref.ELIGIBILITY_RULES:
            EligibilityRule.objects.get_or_create(
                kind=kind,
                valid_from=start,
                legal_basis=basis,
                defaults={"location": location, "valid_to": end, "wording": wording},
            )
        for law_code, name, percent, amount in ref.SUPPORT_LEVELS_2014:
            SupportLevel.objects.get_or_create(
                law_type=self.law_types[law_code],
                name=name,
                valid_from=dt.date(2014, 8, 1),
                defaults={
                    "max_percent": percent,
                    "max_amount": amount,
                    "priority_multiplier": Decimal("1.5"),
                    "legal_basis": ref.SUPPORT_BASIS_2014,
                },
            )
        code, name, valid_from = ref.HANOI
        hanoi = self._unit(code, name, UnitLevel.PROVINCE, valid_from, None, None, ref.PROVINCE_LEGAL_BASIS)
        self.units["01"] = hanoi
        for code, name in ref.HANOI_DISTRICTS:
            self.units[code] = self._unit(code, name, UnitLevel.DISTRICT, valid_from, ref.DISTRICTS_VALID_TO, hanoi)
        code, name, start, end = ref.TU_LIEM
        tu_liem = self._unit(code, name, UnitLevel.DISTRICT, start, end, hanoi)
        for code, name in ref.TU_LIEM_SUCCESSORS:
            successor = self._unit(code, name, UnitLevel.DISTRICT, ref.TU_LIEM_SPLIT, ref.DISTRICTS_VALID_TO, hanoi)
            tu_liem.successors.add(successor)
        new_provinces = {}
        for code, name in ref.PROVINCES_2025:
            new_provinces[code] = self._unit(
                code, name, UnitLevel.PROVINCE, ref.NEW_PROVINCES_FROM, None, None, ref.PROVINCE_LEGAL_BASIS
            )
        for code, name, successor_code in ref.OLD_PROVINCES:
            old = self._unit(code, name, UnitLevel.PROVINCE, dt.date(1997, 1, 1), dt.date(2025, 6, 30), None)
            old.successors.add(new_provinces[successor_code])
            self.units[f"old-{code}"] = old

    def load_tenant_units(self) -> None:
        """The units of the second tenant and of the commune officer (see PHU_NGHIA)."""
        hanoi = self.units["01"]
        commune = self._unit(
            *PHU_NGHIA, UnitLevel.COMMUNE, ref.NEW_PROVINCES_FROM, None, hanoi, ref.PROVINCE_LEGAL_BASIS
        )
        # Took over part of Chương Mỹ: the district's records are the commune's predecessors' records.
        self.units["277"].successors.add(commune)
        self.units["phu_nghia"] = commune
        code, name = TU_SON
        self.units[code] = self._unit(
            code, name, UnitLevel.DISTRICT, dt.date(1997, 1, 1), ref.DISTRICTS_VALID_TO, self.units["old-27"]
        )

    def _unit(
        self,
        code: str,
        name: str,
        level: str,
        valid_from: dt.date,
        valid_to: dt.date | None,
        parent: AdministrativeUnit | None,
        basis: str = "",
    ) -> AdministrativeUnit:
        unit, _ = AdministrativeUnit.objects.get_or_create(
            code=code,
            valid_from=valid_from,
            defaults={"name": name, "level": level, "valid_to": valid_to, "parent": parent, "legal_basis": basis},
        )
        return unit

    # ---------------------------------------------------------- organisations
    def load_organisations(self) -> None:
        hanoi = self.units["01"]

        def org(
            key: str, name: str, short: str, kind: str, unit: AdministrativeUnit, parent: Organisation | None = None
        ) -> None:
            self.orgs[key], _ = Organisation.objects.get_or_create(
                name=name, administrative_unit=unit, defaults={"short_name": short, "kind": kind, "parent": parent}
            )

        org("bct", "Bộ Công Thương", "BCT", OrganisationKind.MINISTRY_UNIT, hanoi)
        org("cuc_ctdp", "Cục Công Thương địa phương", "CTĐP", OrganisationKind.MINISTRY_UNIT, hanoi, self.orgs["bct"])
        org("ubnd_hn", "Ủy ban nhân dân Thành phố Hà Nội", "UBND TP", OrganisationKind.PEOPLES_COMMITTEE, hanoi)
        org("so_hn", "Sở Công Thương Hà Nội", "SCT", OrganisationKind.DEPARTMENT, hanoi, self.orgs["ubnd_hn"])
        org(
            "ttkc_hn",
            "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Hà Nội",
            "TTKC",
            OrganisationKind.EXTENSION_CENTRE,
            hanoi,
            self.orgs["so_hn"],
        )
        org("hiephoi_hn", "Hiệp hội Làng nghề Hà Nội", "HHLN", OrganisationKind.ASSOCIATION, hanoi)
        for code, _village, _craft in ref.CRAFT_DISTRICTS:
            unit = self.units[code]
            office = "Phòng Kinh tế " + unit.name.replace("Huyện ", "huyện ").replace("Quận ", "quận ").replace(
                "Thị xã ", "thị xã "
            )
            org(f"pkt_{code}", office, "PKT", OrganisationKind.DISTRICT_OFFICE, unit, self.orgs["ubnd_hn"])
        bac_ninh = self.units["old-27"]
        org("ubnd_bn", "Ủy ban nhân dân tỉnh Bắc Ninh", "UBND tỉnh", OrganisationKind.PEOPLES_COMMITTEE, bac_ninh)
        org("so_bn", "Sở Công Thương Bắc Ninh", "SCT", OrganisationKind.DEPARTMENT, bac_ninh, self.orgs["ubnd_bn"])
        org(
            "ttkc_bn",
            "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Bắc Ninh",
            "TTKC",
            OrganisationKind.EXTENSION_CENTRE,
            bac_ninh,
            self.orgs["so_bn"],
        )
        org(
            "cuc_dmst",
            "Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công",
            "Cục ĐMST",
            OrganisationKind.MINISTRY_UNIT,
            hanoi,
            self.orgs["bct"],
        )
        org(
            "ubnd_xa_phu_nghia",
            "Ủy ban nhân dân xã Phú Nghĩa",
            "UBND xã",
            OrganisationKind.PEOPLES_COMMITTEE,
            self.units["phu_nghia"],
            self.orgs["ubnd_hn"],
        )

    def load_users(self) -> None:
        for username, full_name, role, org_key in DEMO_USERS:
            first, _, last = full_name.rpartition(" ")
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": last,
                    "last_name": first,
                    "role": role,
                    "organisation": self.orgs[org_key],
                    "is_staff": role == Role.ADMINISTRATOR,
                    "is_superuser": role == Role.ADMINISTRATOR,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])

    def load_beneficiaries(self) -> None:
        kinds = [
            ("Công ty TNHH {craft} {village}", BeneficiaryKind.ENTERPRISE, BeneficiarySize.SMALL),
            ("Hợp tác xã {craft} {village}", BeneficiaryKind.COOPERATIVE, BeneficiarySize.MICRO),
            ("Cơ sở {craft} {owner}", BeneficiaryKind.RURAL_ESTABLISHMENT, BeneficiarySize.MICRO),
            ("Công ty cổ phần {craft} {village}", BeneficiaryKind.ENTERPRISE, BeneficiarySize.MEDIUM),
            ("Hộ kinh doanh {owner}", BeneficiaryKind.HOUSEHOLD, BeneficiarySize.MICRO),
        ]
        owners = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Đỗ Thị Giang"]
        serial = 0
        for code, village, craft in ref.CRAFT_DISTRICTS:
            unit = self.units[code]
            self.beneficiaries[code] = []
            for i, (pattern, kind, size) in enumerate(kinds):
                serial += 1
                owner = owners[(serial + i) % len(owners)]
                name = pattern.format(craft=craft.capitalize(), village=village, owner=owner)
                tax_code = "" if kind == BeneficiaryKind.HOUSEHOLD else f"01{600000 + serial * 1373:08d}"
                beneficiary, _ = Beneficiary.objects.get_or_create(
                    name=name,
                    administrative_unit=unit,
                    defaults={
                        "kind": kind,
                        "tax_code": tax_code,
                        "address": f"Làng {village}, {unit.name}, Thành phố Hà Nội",
                        "size": size,
                        "sector": craft,
                        "craft_village": f"Làng nghề {craft} {village}",
                        "representative": owner,
                    },
                )
                self.beneficiaries[code].append(beneficiary)

    # ---------------------------------------------------------------- helpers
    def _programme(self, **fields: Any) -> tuple[Programme, bool]:
        code = fields.pop("code")
        programme, created = Programme.objects.get_or_create(code=code, defaults=fields)
        if created and programme.decision_date:
            ProgrammeVersion.objects.create(
                programme=programme,
                number=1,
                decision_number=programme.decision_number,
                decision_date=programme.decision_date,
                decision_body=programme.decision_body,
                planned_budget=programme.planned_budget,
                summary="Quyết định phê duyệt chương trình.",
            )
        return programme, created

    def _contents(self, programme: Programme, specs: Iterable[tuple[str, str, int]]) -> dict[str, Content]:
        return {
            number: Content.objects.create(
                programme=programme, number=number, title=title, law_type=self.law_types[law]
            )
            for number, title, law in specs
        }

    def _targets(
        self, programme: Programme, contents: dict[str, Content], specs: list[TargetSpec]
    ) -> dict[str, Target]:
        targets = {}
        for order, spec in enumerate(specs):
            targets[spec.code] = Target.objects.create(
                programme=programme,
                content=contents.get(spec.content) if spec.content else None,
                code=spec.code,
                name=spec.name,
                unit=spec.unit,
                kind=spec.kind,
                value=spec.value,
                low=spec.low,
                high=spec.high,
                target_year=spec.year,
                percent_decimals=spec.decimals,
                source_wording=spec.wording,
                order=order,
                effect_measure=spec.effect,
            )
        return targets

    def _voucher(self, year: int) -> str:
        self.voucher_seq += 1
        return f"PC{year}-{self.voucher_seq:05d}"

    def _money(
        self,
        programme: Programme,
        contents: dict[str, Content],
        years: Iterable[int],
        planned: list[int],
        allocated: list[int],
        disbursed: list[int],
        shares: dict[str, int],
        project_share: dict[str, int],
        projects_by_key: dict[tuple[int, str], list[Project]],
        source: str,
    ) -> None:
        """Planned, allocated and disbursed money by year and content, summing exactly.

        Of each content's disbursement, `project_share` percent is paid to that
        year's projects of the content (their support, fully paid) and the rest
        is paid against the content itself.
        """
        numbers = list(shares)
        for year, plan_total, alloc_total, paid_total in zip(years, planned, allocated, disbursed, strict=True):
            plan = AnnualPlan.objects.get(programme=programme, year=year)
            plan_parts = split_by_shares(plan_total, [shares[n] for n in numbers])
            alloc_parts = split_by_shares(alloc_total, [shares[n] for n in numbers])
            paid_parts = split_by_shares(paid_total, [shares[n] for n in numbers])
            for number, plan_amount, alloc_amount, paid_amount in zip(
                numbers, plan_parts, alloc_parts, paid_parts, strict=True
            ):
                content = contents[number]
                PlannedBudget.objects.create(
                    annual_plan=plan, content=content, funding_source=source, amount=plan_amount
                )
                Allocation.objects.create(
                    programme=programme,
                    year=year,
                    funding_source=source,
                    content=content,
                    amount=alloc_amount,
                    decision_number=f"Giao dự toán năm {year}",
                    decision_date=dt.date(year - 1, 12, 20),
                    note="Số liệu minh họa, tổng khớp với văn bản nguồn.",
                )
                projects = projects_by_key.get((year, number), [])
                to_projects = paid_amount * project_share.get(number, 0) // 100 if projects else 0
                for project, amount in zip(
                    projects, split(to_projects, len(projects)) if projects else [], strict=True
                ):
                    field = "support_national" if source == FundingSource.NATIONAL else "support_local"
                    setattr(project, field, amount)
                    project.total_cost = amount * 2
                    project.counterpart = amount
                    if project.status == ProjectStatus.SETTLED:
                        project.settled_amount = amount
                    project.save()
                    if project.status in (ProjectStatus.ACCEPTED, ProjectStatus.SETTLED, ProjectStatus.UNDER_WAY):
                        paid_now = amount if project.status != ProjectStatus.UNDER_WAY else amount * 50 // 100
                        advance = paid_now * 30 // 100
                        for part, is_advance, month in ((advance, True, 4), (paid_now - advance, False, 10)):
                            if part:
                                Disbursement.objects.create(
                                    programme=programme,
                                    year=year,
                                    project=project,
                                    content=content,
                                    funding_source=source,
                                    date=dt.date(year, month, 15),
                                    voucher_number=self._voucher(year),
                                    amount=part,
                                    is_advance=is_advance,
                                    note="Tạm ứng" if is_advance else "Thanh toán sau nghiệm thu",
                                )
                        to_projects -= amount - paid_now
                rest = paid_amount - to_projects
                for part, month in zip(split(rest, 3), (3, 7, 11), strict=True):
                    if part:
                        Disbursement.objects.create(
                            programme=programme,
                            year=year,
                            content=content,
                            funding_source=source,
                            date=dt.date(year, month, 25),
                            voucher_number=self._voucher(year),
                            amount=part,
                            note=f"Chi thực hiện nội dung {content.number}",
                        )

    def _project(
        self,
        programme: Programme,
        *,
        code: str,
        title: str,
        year: int,
        content: Content,
        district: str,
        status: str,
        kind: str = ProjectKind.PILOT,
        organisation: Organisation | None = None,
        outputs: Iterable[tuple[Target, int | Decimal, int | Decimal]] = (),
        beneficiaries: int = 1,
    ) -> Project:
        unit = self.units[district]
        project = Project.objects.create(
            code=code,
            title=title,
            programme=programme,
            year=year,
            content=content,
            kind=kind,
            implementing_organisation=organisation or self.orgs["ttkc_hn"],
            administrative_unit=unit,
            start_date=dt.date(year, 3, 1),
            end_date=dt.date(year, 11, 30),
            status=ProjectStatus.DRAFT,
        )
        if district in self.beneficiaries and beneficiaries:
            pool = self.beneficiaries[district]
            project.beneficiaries.set(self.rng.sample(pool, min(beneficiaries, len(pool))))
        for target, planned, delivered in outputs:
            ProjectOutput.objects.create(project=project, target=target, planned=planned, delivered=delivered)
        self._walk(project, status)
        return project

    PATHS: dict[str, list[str]] = {
        ProjectStatus.DRAFT: [],
        ProjectStatus.PROPOSED: ["propose"],
        ProjectStatus.RETURNED: ["propose", "return"],
        ProjectStatus.REJECTED: ["propose", "reject"],
        ProjectStatus.APPRAISED_DEPARTMENT: ["propose", "appraise"],
        ProjectStatus.APPROVED: ["propose", "appraise", "approve"],
        ProjectStatus.UNDER_WAY: ["propose", "appraise", "approve", "start"],
        ProjectStatus.ADJUSTED: ["propose", "appraise", "approve", "start", "adjust"],
        ProjectStatus.ACCEPTED: ["propose", "appraise", "approve", "start", "accept"],
        ProjectStatus.SETTLED: ["propose", "appraise", "approve", "start", "accept", "settle"],
        ProjectStatus.CANCELLED: ["propose", "appraise", "approve", "cancel"],
    }
    COMMENTS = {
        "return": "Đề nghị bổ sung dự toán chi tiết và hồ sơ pháp lý của cơ sở.",
        "reject": "Cơ sở không thuộc đối tượng hỗ trợ theo quy định.",
        "adjust": "Điều chỉnh thời gian thực hiện theo đề nghị của đơn vị.",
        "cancel": "Đơn vị thụ hưởng xin rút đề án.",
    }

    def _walk(self, project: Project, status: str, proposer: str = "huyen") -> None:
        """Record the transitions that lead to `status`, dated through the project's year."""
        actors = {
            "propose": proposer,
            "appraise": "canbo",
            "approve": "lanhdao",
            "return": "canbo",
            "reject": "canbo",
            "start": "canbo",
            "adjust": "canbo",
            "accept": "lanhdao",
            "settle": "canbo",
            "cancel": "canbo",
        }
        users = {u.username: u for u in User.objects.filter(username__in=set(actors.values()))}
        day = dt.datetime(project.year - 1, 5, 10, 9, 0, tzinfo=timezone.get_current_timezone())
        current: str = ProjectStatus.DRAFT
        transitions = []
        for action in self.PATHS[status]:
            new = ACTIONS[action].target_from(current)  # the life cycle decides where each action leads
            transitions.append(
                ProjectTransition(
                    project=project,
                    action=action,
                    from_status=current,
                    to_status=new,
                    actor=users.get(actors[action]),
                    at=day,
                    comment=self.COMMENTS.get(action, ""),
                )
            )
            current = new
            day += dt.timedelta(days=45)
        ProjectTransition.objects.bulk_create(transitions)
        if transitions:
            project.status = status
            project.status_changed_at = transitions[-1].at
            project.save(update_fields=["status", "status_changed_at"])

    def _annual_plans(
        self,
        programme: Programme,
        targets: dict[str, Target],
        quantities: dict[str, list[int]],
        *,
        locked_years: Collection[int] = (),
        open_years: Collection[int] = (),
    ) -> None:
        for year in programme.years:
            plan = AnnualPlan.objects.create(
                programme=programme,
                year=year,
                status=AnnualPlanStatus.APPROVED,
                decision_number=f"Kế hoạch khuyến công năm {year}",
                decision_date=dt.date(year - 1, 12, 15),
                decision_body=programme.decision_body,
                is_locked=year in locked_years,
                locked_at=timezone.now() if year in locked_years else None,
            )
            for code, per_year in quantities.items():
                AnnualPlanTarget.objects.create(
                    annual_plan=plan, target=targets[code], quantity=per_year[year - programme.first_year]
                )

    def _results(
        self,
        targets: dict[str, Target],
        per_year: dict[str, dict[int, int | Decimal]],
        organisation: Organisation,
        unit: AdministrativeUnit | None,
    ) -> None:
        for code, by_year in per_year.items():
            for year, quantity in by_year.items():
                Result.objects.create(
                    target=targets[code],
                    year=year,
                    quantity=quantity,
                    organisation=organisation,
                    administrative_unit=unit,
                    note="Kết quả do Trung tâm Khuyến công trực tiếp tổ chức.",
                )

    # --------------------------------------------------------- Hà Nội 2011-15
    def load_hanoi_2011_2015(self) -> None:
        programme, created = self._programme(
            code="HN-2011-2015",
            name="Chương trình khuyến công thành phố Hà Nội giai đoạn 2011-2015",
            level=ProgrammeLevel.LOCAL,
            administrative_unit=self.units["01"],
            owner=self.orgs["so_hn"],
            first_year=2011,
            last_year=2015,
            decision_number="1697/QĐ-UBND",
            decision_date=dt.date(2011, 4, 9),
            decision_body="UBND Thành phố Hà Nội",
            planned_budget=86 * TY,
            budget_source="Ngân sách Thành phố (kinh phí sự nghiệp)",
            status=ProgrammeStatus.CLOSED,
            allocated_percent_decimals=2,
            disbursed_percent_decimals=1,
        )
        if not created:
            return
        contents = self._contents(
            programme,
            [
                ("1.1", "Truyền nghề và nhân cấy nghề", 1),
                ("1.2", "Nâng cao năng lực quản lý cho lãnh đạo, cán bộ quản lý các doanh nghiệp, cơ sở CNNT", 2),
                ("1.3", "Xây dựng mô hình trình diễn, chuyển giao công nghệ, ứng dụng tiến bộ KHKT vào sản xuất", 3),
                ("1.4", "Hỗ trợ phát triển sản phẩm CNNT", 4),
                ("1.5", "Hỗ trợ các hoạt động tư vấn, cung cấp thông tin", 5),
                ("1.6", "Duy trì hoạt động phòng trưng bày giới thiệu sản phẩm làng nghề", 4),
                ("1.7", "Chương trình hợp tác với các tỉnh, thành phố", 1),
                ("1.8", "Chương trình quản lý hoạt động khuyến công", 9),
            ],
        )
        T = TargetSpec
        targets = self._targets(
            programme,
            contents,
            [
                T(
                    "1.1-LD",
                    "1.1",
                    "Lao động nông thôn được truyền nghề, nhân cấy nghề",
                    "lao động",
                    value=25000,
                    wording="Tổ chức 473 lớp truyền nghề, nhân cấy nghề cho 17.800 lao động nông thôn (đạt 71,2% kế hoạch)",
                ),
                T("1.1-LOP", "1.1", "Lớp truyền nghề, nhân cấy nghề", "lớp"),
                T(
                    "1.2-QL",
                    "1.2",
                    "Lượt cán bộ lãnh đạo, quản lý doanh nghiệp, cơ sở CNNT được tập huấn",
                    "lượt",
                    value=7300,
                    wording="Tổ chức 35 lớp tập huấn … cho 3.000 lượt cán bộ lãnh đạo, quản lý (đạt 41,1% kế hoạch)",
                ),
                T("1.2-QL-LOP", "1.2", "Lớp tập huấn nâng cao kỹ năng quản lý", "lớp"),
                T(
                    "1.2-CB",
                    "1.2",
                    "Lượt cán bộ làm công tác khuyến công được tập huấn chính sách",
                    "lượt",
                    value=1900,
                    wording="Tổ chức 18 lớp tập huấn … cho 1.800 lượt cán bộ làm công tác khuyến công (đạt 94,7% kế hoạch)",
                ),
                T("1.2-CB-LOP", "1.2", "Lớp tập huấn giới thiệu văn bản, chính sách", "lớp"),
                T(
                    "1.2-HT",
                    "1.2",
                    "Hội thảo về phát triển nghề, làng nghề",
                    "hội thảo",
                    value=10,
                    wording="Tổ chức 04 hội thảo … chỉ đạt 40% kế hoạch",
                ),
                T(
                    "1.3-MH",
                    "1.3",
                    "Mô hình trình diễn kỹ thuật sản xuất tiêu biểu",
                    "mô hình",
                    value=10,
                    wording="Hỗ trợ 02 mô hình trình diễn kỹ thuật sản xuất tiêu biểu (đạt 20% kế hoạch)",
                ),
                T(
                    "1.3-DA",
                    "1.3",
                    "Dự án đầu tư đổi mới thiết bị, ứng dụng máy móc tiên tiến",
                    "dự án",
                    value=120,
                    decimals=2,
                    wording="Hỗ trợ 38 dự án đầu tư đổi mới thiết bị … (đạt 31,67% kế hoạch)",
                ),
                T(
                    "1.4-HC",
                    "1.4",
                    "Hội chợ xuất khẩu chuyên ngành thủ công mỹ nghệ",
                    "hội chợ",
                    value=5,
                    wording="Tổ chức 05 hội chợ xuất khẩu chuyên ngành thủ công mỹ nghệ (đạt 100% kế hoạch)",
                ),
                T("1.4-GH", "1.4", "Gian hàng tại hội chợ xuất khẩu", "gian hàng", wording="tổng số 2.642 gian hàng"),
                T(
                    "1.4-DN",
                    "1.4",
                    "Lượt doanh nghiệp, cơ sở sản xuất tham gia hội chợ",
                    "lượt DN",
                    value=100,
                    wording="Hỗ trợ 187 lượt doanh nghiệp, cơ sở sản xuất … tham gia hội chợ (đạt 187% kế hoạch)",
                ),
                T(
                    "1.5-TK",
                    "1.5",
                    "Lượt doanh nghiệp được hỗ trợ thiết kế mẫu sản phẩm mới",
                    "lượt DN",
                    value=30,
                    wording="Hỗ trợ 39 lượt doanh nghiệp … thiết kế mẫu sản phẩm mới (đạt 130% kế hoạch)",
                ),
                T(
                    "1.5-CT",
                    "1.5",
                    "Cuộc bình chọn sản phẩm, thi thiết kế mẫu cấp Thành phố",
                    "cuộc",
                    value=5,
                    wording="Tổ chức 01 cuộc bình chọn sản phẩm CNNT tiêu biểu và 4 cuộc thi thiết kế mẫu (đạt 100% kế hoạch)",
                ),
                T(
                    "1.7-LOP",
                    "1.7",
                    "Lớp cấy nghề cho các tỉnh miền núi phía Bắc",
                    "lớp",
                    wording="Hỗ trợ tổ chức 12 lớp cấy nghề … của 7 tỉnh miền núi phía Bắc",
                ),
                T(
                    "1.7-LD",
                    "1.7",
                    "Lao động các tỉnh miền núi phía Bắc được cấy nghề",
                    "lao động",
                    wording="với tổng số 420 lao động",
                ),
            ],
        )
        years = list(programme.years)
        self._annual_plans(
            programme,
            targets,
            {
                "1.1-LD": split(25000, 5),
                "1.2-QL": split(7300, 5),
                "1.2-CB": split(1900, 5),
                "1.2-HT": split(10, 5),
                "1.3-MH": split(10, 5),
                "1.3-DA": split(120, 5),
                "1.4-HC": split(5, 5),
                "1.4-DN": split(100, 5),
                "1.5-TK": split(30, 5),
                "1.5-CT": split(5, 5),
            },
            locked_years=years,
        )
        districts = [code for code, _v, _c in ref.CRAFT_DISTRICTS]
        by_key: dict[tuple[int, str], list[Project]] = {}
        serial = 0
        # 1.1: 473 classes for 17.800 workers (seed), spread over years and districts.
        for year, classes, workers, count in zip(
            years, [90, 95, 96, 96, 96], [4000, 3500, 3400, 3400, 3500], [18, 19, 19, 19, 19], strict=True
        ):
            for i, (c, w) in enumerate(zip(split(classes, count), split(workers, count), strict=True)):
                serial += 1
                district = districts[(serial * 7) % len(districts)]
                craft = next(cr for code, _v, cr in ref.CRAFT_DISTRICTS if code == district)
                project = self._project(
                    programme,
                    code=f"HN{year}-TN-{i + 1:03d}",
                    year=year,
                    content=contents["1.1"],
                    district=district,
                    title=f"Truyền nghề {craft} cho lao động nông thôn {self.units[district].name}",
                    status=ProjectStatus.SETTLED,
                    kind=ProjectKind.GROUP,
                    organisation=self.orgs.get(f"pkt_{district}"),
                    outputs=[(targets["1.1-LOP"], c, c), (targets["1.1-LD"], w, w)],
                )
                by_key.setdefault((year, "1.1"), []).append(project)
        # 1.2: 35 management classes for 3.000 (seed) and 18 policy classes for 1.800 (seed).
        for year, qc, qp, cc, cp in zip(
            years, [7] * 5, [600] * 5, [4, 4, 4, 3, 3], [400, 400, 400, 300, 300], strict=True
        ):
            for suffix, title, outputs in (
                (
                    "QL",
                    "Tập huấn nâng cao năng lực quản lý cho doanh nghiệp, cơ sở CNNT",
                    [(targets["1.2-QL-LOP"], qc, qc), (targets["1.2-QL"], qp, qp)],
                ),
                (
                    "CB",
                    "Tập huấn chính sách khuyến công cho cán bộ cấp huyện, xã",
                    [(targets["1.2-CB-LOP"], cc, cc), (targets["1.2-CB"], cp, cp)],
                ),
            ):
                project = self._project(
                    programme,
                    code=f"HN{year}-{suffix}-001",
                    year=year,
                    content=contents["1.2"],
                    district="01",
                    title=f"{title} năm {year}",
                    status=ProjectStatus.SETTLED,
                    kind=ProjectKind.GROUP,
                    outputs=outputs,
                    beneficiaries=0,
                )
                by_key.setdefault((year, "1.2"), []).append(project)
        # 1.3: 2 demonstration models and 38 machinery projects (seed).
        for year, machinery, models_ in zip(years, [6, 8, 8, 8, 8], [0, 0, 1, 0, 1], strict=True):
            for i in range(machinery + models_):
                serial += 1
                district = districts[(serial * 5) % len(districts)]
                is_model = i < models_
                target = targets["1.3-MH"] if is_model else targets["1.3-DA"]
                project = self._project(
                    programme,
                    code=f"HN{year}-{'MH' if is_model else 'MM'}-{i + 1:03d}",
                    year=year,
                    content=contents["1.3"],
                    district=district,
                    title=(
                        "Mô hình trình diễn kỹ thuật sản xuất "
                        if is_model
                        else "Ứng dụng máy móc thiết bị tiên tiến trong sản xuất "
                    )
                    + next(cr for code, _v, cr in ref.CRAFT_DISTRICTS if code == district),
                    status=ProjectStatus.SETTLED,
                    outputs=[(target, 1, 1)],
                )
                by_key.setdefault((year, "1.3"), []).append(project)
        centre, hanoi = self.orgs["ttkc_hn"], self.units["01"]
        self._results(
            targets,
            {
                "1.2-HT": {2012: 1, 2013: 1, 2014: 1, 2015: 1},
                "1.4-HC": dict.fromkeys(years, 1),
                "1.4-GH": dict(zip(years, [500, 520, 530, 540, 552], strict=True)),
                "1.4-DN": dict(zip(years, [30, 35, 38, 40, 44], strict=True)),
                "1.5-TK": dict(zip(years, [6, 7, 8, 9, 9], strict=True)),
                "1.5-CT": dict.fromkeys(years, 1),
                "1.7-LOP": {2012: 3, 2013: 3, 2014: 3, 2015: 3},
                "1.7-LD": {2012: 105, 2013: 105, 2014: 105, 2015: 105},
            },
            centre,
            hanoi,
        )
        # Budget (seed): 86 tỷ planned, 82,155 tỷ allocated, 77,63 tỷ disbursed.
        self._money(
            programme,
            contents,
            years,
            planned=[15 * TY, 16 * TY, 17 * TY, 18 * TY, 20 * TY],
            allocated=[14_200 * TRIEU, 15_600 * TRIEU, 16_400 * TRIEU, 17_255 * TRIEU, 18_700 * TRIEU],
            disbursed=[13_400 * TRIEU, 14_800 * TRIEU, 15_500 * TRIEU, 16_330 * TRIEU, 17_600 * TRIEU],
            shares={"1.1": 30, "1.2": 10, "1.3": 10, "1.4": 30, "1.5": 6, "1.6": 6, "1.7": 4, "1.8": 4},
            project_share={"1.1": 80, "1.2": 80, "1.3": 80},
            projects_by_key=by_key,
            source=FundingSource.LOCAL,
        )

    # --------------------------------------------------------- Hà Nội 2016-20
    def load_hanoi_2016_2020(self) -> None:
        programme, created = self._programme(
            code="HN-2016-2020",
            name="Chương trình khuyến công thành phố Hà Nội giai đoạn 2016-2020",
            level=ProgrammeLevel.LOCAL,
            administrative_unit=self.units["01"],
            owner=self.orgs["so_hn"],
            first_year=2016,
            last_year=2020,
            decision_number="4892/QĐ-UBND",
            decision_date=dt.date(2015, 9, 29),
            decision_body="UBND Thành phố Hà Nội",
            planned_budget=163_400_000_000,
            budget_source="Kinh phí sự nghiệp chi cho hoạt động khuyến công (Quyết định 27/2015/QĐ-UBND)",
            status=ProgrammeStatus.APPROVED,
        )
        if not created:
            return
        contents = self._contents(
            programme,
            [
                ("3.1", "Truyền nghề, nhân cấy nghề", 1),
                ("3.2", "Nâng cao năng lực quản lý cho lãnh đạo, cán bộ quản lý các doanh nghiệp, cơ sở CNNT", 2),
                ("3.3", "Ứng dụng máy móc thiết bị tiên tiến, hiện đại vào sản xuất", 3),
                ("3.4", "Phát triển sản phẩm CNNT", 4),
                ("3.5", "Hỗ trợ Phòng trưng bày quảng bá, giới thiệu sản phẩm CNNT của Thành phố", 4),
                ("3.6", "Cung cấp thông tin, hỗ trợ phát triển mẫu mã sản phẩm", 6),
                ("3.7", "Chương trình liên kết với các tỉnh, thành phố trong nước", 1),
                ("3.8", "Nâng cao năng lực quản lý và tổ chức thực hiện hoạt động khuyến công", 9),
            ],
        )
        T = TargetSpec
        targets = self._targets(
            programme,
            contents,
            [
                T(
                    "MT-DN",
                    None,
                    "Lượt doanh nghiệp, cơ sở CNNT được hỗ trợ",
                    "lượt DN",
                    kind=TargetKind.AT_LEAST,
                    value=7000,
                    wording="Trên 7.000 lượt doanh nghiệp, cơ sở CNNT trên địa bàn Thành phố được hỗ trợ từ Chương trình khuyến công.",
                ),
                T(
                    "MT-LD",
                    None,
                    "Lao động nông thôn được tạo việc làm",
                    "lao động",
                    kind=TargetKind.RANGE,
                    low=60000,
                    high=75000,
                    wording="Thông qua Chương trình khuyến công tạo việc làm cho khoảng 60.000-75.000 lao động nông thôn.",
                    # Jobs reported as the effect of accepted projects count here too (issue "Beneficiaries online").
                    effect=EffectMeasure.JOBS_CREATED,
                ),
                T(
                    "MT-XK",
                    None,
                    "Tăng trưởng kim ngạch xuất khẩu hàng thủ công mỹ nghệ",
                    "%/năm",
                    kind=TargetKind.GROWTH_RATE,
                    low=12,
                    high=15,
                    wording="Kim ngạch xuất khẩu nhóm hàng thủ công mỹ nghệ tăng bình quân 12-15%/năm",
                ),
                T(
                    "MT-XK-2020",
                    None,
                    "Kim ngạch xuất khẩu hàng thủ công mỹ nghệ năm 2020",
                    "triệu USD",
                    kind=TargetKind.VALUE_BY_YEAR,
                    value=400,
                    year=2020,
                    wording="năm 2020 đạt kim ngạch trên 400 triệu USD.",
                ),
                T(
                    "MT-MAU",
                    None,
                    "Mẫu sản phẩm thủ công mỹ nghệ có thiết kế mới",
                    "mẫu",
                    kind=TargetKind.AT_LEAST,
                    value=2500,
                    wording="Tạo ra trên 2.500 mẫu sản phẩm thủ công mỹ nghệ có thiết kế mới phục vụ xuất khẩu.",
                ),
                T(
                    "MT-LANG",
                    None,
                    "Làng thuần nông được truyền nghề",
                    "làng",
                    kind=TargetKind.AT_LEAST,
                    value=250,
                    wording="phấn đấu trên 250 làng thuần nông được truyền nghề tiểu thủ công nghiệp",
                ),
                T(
                    "MT-LANGNGHE",
                    None,
                    "Làng nghề mới được hình thành",
                    "làng",
                    value=100,
                    wording="góp phần hình thành thêm 100 làng nghề mới.",
                ),
                T(
                    "3.1-LOP",
                    "3.1",
                    "Lớp truyền nghề, nhân cấy nghề",
                    "lớp",
                    value=600,
                    wording="Hỗ trợ tổ chức 600 lớp truyền nghề, nhân cấy nghề",
                ),
                T(
                    "3.1-LD",
                    "3.1",
                    "Lao động nông thôn được truyền nghề",
                    "lao động",
                    value=21000,
                    wording="cho 21.000 lao động nông thôn.",
                ),
                T(
                    "3.2-QL-LOP",
                    "3.2",
                    "Lớp tập huấn quản lý cho doanh nghiệp, cơ sở CNNT",
                    "lớp",
                    value=50,
                    wording="Hỗ trợ tổ chức 50 lớp tập huấn",
                ),
                T(
                    "3.2-QL",
                    "3.2",
                    "Lượt lãnh đạo, cán bộ quản lý được tập huấn",
                    "lượt",
                    value=5000,
                    wording="cho 5.000 lượt lãnh đạo, cán bộ quản lý",
                ),
                T(
                    "3.2-CS-LOP",
                    "3.2",
                    "Lớp tập huấn văn bản, chính sách khuyến công",
                    "lớp",
                    value=20,
                    wording="Hỗ trợ tổ chức 20 lớp tập huấn",
                ),
                T(
                    "3.2-HT",
                    "3.2",
                    "Hội thảo, hội nghị chuyên đề",
                    "hội thảo",
                    value=5,
                    wording="Hỗ trợ tổ chức 05 hội thảo, hội nghị chuyên đề",
                ),
                T(
                    "3.3-DA",
                    "3.3",
                    "Dự án chuyển giao công nghệ, ứng dụng máy móc thiết bị",
                    "dự án",
                    value=50,
                    wording="Hỗ trợ 50 dự án",
                ),
                T(
                    "3.4-HC",
                    "3.4",
                    "Hội chợ quốc tế chuyên ngành thủ công mỹ nghệ tại Hà Nội",
                    "hội chợ",
                    value=5,
                    wording="Tổ chức 05 hội chợ quốc tế",
                ),
                T(
                    "3.4-NN",
                    "3.4",
                    "Lượt doanh nghiệp tham gia hội chợ ở nước ngoài",
                    "lượt DN",
                    kind=TargetKind.RANGE,
                    low=80,
                    high=100,
                    wording="80-100 lượt doanh nghiệp … tham gia hội chợ quốc tế … ở nước ngoài",
                ),
                T(
                    "3.4-TN",
                    "3.4",
                    "Lượt doanh nghiệp, cơ sở CNNT tham gia hội chợ trong nước",
                    "lượt DN",
                    kind=TargetKind.RANGE,
                    low=150,
                    high=200,
                    wording="150-200 lượt doanh nghiệp, cơ sở sản xuất CNNT tham gia Hội chợ trong nước",
                ),
                T(
                    "3.4-HUYEN",
                    "3.4",
                    "Huyện, thị xã được hỗ trợ tổ chức hội chợ triển lãm",
                    "huyện",
                    value=8,
                    wording="Hỗ trợ 8 huyện, thị xã tổ chức hội chợ triển lãm",
                ),
                T(
                    "3.6-TK",
                    "3.6",
                    "Cơ sở CNNT được hỗ trợ thuê tư vấn thiết kế mẫu",
                    "cơ sở",
                    value=50,
                    wording="Hỗ trợ 50 cơ sở CNNT thuê tư vấn thiết kế mẫu sản phẩm mới.",
                ),
                T(
                    "3.6-CT",
                    "3.6",
                    "Cuộc thi thiết kế mẫu sản phẩm thủ công mỹ nghệ cấp Thành phố",
                    "cuộc thi",
                    value=5,
                    wording="Tổ chức 05 cuộc thi",
                ),
                T(
                    "3.7-LOP",
                    "3.7",
                    "Lớp nhân cấy nghề cho các tỉnh",
                    "lớp",
                    value=60,
                    wording="Hỗ trợ tổ chức 60 lớp nhân cấy nghề tiểu thủ công nghiệp",
                ),
            ],
        )
        years = list(programme.years)
        self._annual_plans(
            programme,
            targets,
            {
                "3.1-LOP": split(600, 5),
                "3.1-LD": split(21000, 5),
                "3.2-QL-LOP": split(50, 5),
                "3.2-QL": split(5000, 5),
                "3.2-CS-LOP": split(20, 5),
                "3.2-HT": split(5, 5),
                "3.3-DA": split(50, 5),
                "3.4-HC": split(5, 5),
                "3.6-TK": split(50, 5),
                "3.6-CT": split(5, 5),
                "3.7-LOP": split(60, 5),
            },
            locked_years=years[:-1],
        )
        districts = [code for code, _v, _c in ref.CRAFT_DISTRICTS]
        by_key: dict[tuple[int, str], list[Project]] = {}
        # The last year of the period is still being worked on: every status appears there.
        open_statuses = [
            ProjectStatus.DRAFT,
            ProjectStatus.PROPOSED,
            ProjectStatus.RETURNED,
            ProjectStatus.REJECTED,
            ProjectStatus.APPRAISED_DEPARTMENT,
            ProjectStatus.APPROVED,
            ProjectStatus.UNDER_WAY,
            ProjectStatus.ADJUSTED,
            ProjectStatus.ACCEPTED,
            ProjectStatus.CANCELLED,
        ]
        serial = 0
        for year, classes, workers, count in zip(
            years, [110, 115, 120, 118, 77], [3850, 4030, 4200, 4130, 2690], [20, 21, 22, 22, 20], strict=True
        ):
            for i, (c, w) in enumerate(zip(split(classes, count), split(workers, count), strict=True)):
                serial += 1
                district = districts[(serial * 3) % len(districts)]
                if district == "277" and year == 2020:
                    district = "279"
                status = ProjectStatus.SETTLED if year < 2020 else open_statuses[i % len(open_statuses)]
                counts = status in (
                    ProjectStatus.SETTLED,
                    ProjectStatus.ACCEPTED,
                    ProjectStatus.UNDER_WAY,
                    ProjectStatus.ADJUSTED,
                )
                craft = next(cr for code, _v, cr in ref.CRAFT_DISTRICTS if code == district)
                project = self._project(
                    programme,
                    code=f"HN{year}-TN-{i + 1:03d}",
                    year=year,
                    content=contents["3.1"],
                    district=district,
                    title=f"Truyền nghề {craft} cho lao động nông thôn {self.units[district].name}",
                    status=status,
                    kind=ProjectKind.GROUP,
                    organisation=self.orgs.get(f"pkt_{district}"),
                    outputs=[(targets["3.1-LOP"], c, c if counts else 0), (targets["3.1-LD"], w, w if counts else 0)],
                )
                by_key.setdefault((year, "3.1"), []).append(project)
        # Chương Mỹ's own proposals for the open year, for the district officer's demo login.
        for i, status in enumerate(
            [
                ProjectStatus.DRAFT,
                ProjectStatus.PROPOSED,
                ProjectStatus.RETURNED,
                ProjectStatus.APPROVED,
                ProjectStatus.UNDER_WAY,
            ]
        ):
            project = self._project(
                programme,
                code=f"HN2020-CM-{i + 1:03d}",
                year=2020,
                content=contents["3.3" if i % 2 else "3.1"],
                district="277",
                title=[
                    "Truyền nghề mây tre đan cho lao động xã Phú Nghĩa",
                    "Ứng dụng máy chẻ nan tự động tại HTX Phú Vinh",
                    "Truyền nghề mây tre giang đan xã Đông Phương Yên",
                    "Ứng dụng lò sấy tre chống mốc tại cơ sở Phú Vinh",
                    "Truyền nghề đan cói cho lao động xã Thủy Xuân Tiên",
                ][i],
                status=status,
                organisation=self.orgs["pkt_277"],
                outputs=[(targets["3.3-DA"], 1, 0)]
                if i % 2
                else [(targets["3.1-LOP"], 2, 0), (targets["3.1-LD"], 70, 0)],
            )
            by_key.setdefault((2020, project.content.number), []).append(project)
        for year, count in zip(years, [9, 10, 9, 8, 6], strict=True):
            for i in range(count):
                serial += 1
                district = districts[(serial * 5) % len(districts)]
                status = ProjectStatus.SETTLED if year < 2020 else open_statuses[(i + 3) % len(open_statuses)]
                counts = status in (
                    ProjectStatus.SETTLED,
                    ProjectStatus.ACCEPTED,
                    ProjectStatus.UNDER_WAY,
                    ProjectStatus.ADJUSTED,
                )
                project = self._project(
                    programme,
                    code=f"HN{year}-MM-{i + 1:03d}",
                    year=year,
                    content=contents["3.3"],
                    district=district,
                    title="Ứng dụng máy móc thiết bị tiên tiến trong sản xuất "
                    + next(cr for code, _v, cr in ref.CRAFT_DISTRICTS if code == district),
                    status=status,
                    outputs=[(targets["3.3-DA"], 1, 1 if counts else 0)],
                )
                by_key.setdefault((year, "3.3"), []).append(project)
        for year, count in zip(years, [10, 10, 10, 10, 8], strict=True):
            for i in range(count):
                serial += 1
                district = districts[(serial * 11) % len(districts)]
                project = self._project(
                    programme,
                    code=f"HN{year}-TK-{i + 1:03d}",
                    year=year,
                    content=contents["3.6"],
                    district=district,
                    title="Tư vấn thiết kế mẫu sản phẩm mới "
                    + next(cr for code, _v, cr in ref.CRAFT_DISTRICTS if code == district),
                    status=ProjectStatus.SETTLED if year < 2020 else ProjectStatus.UNDER_WAY,
                    outputs=[(targets["3.6-TK"], 1, 1)],
                )
                by_key.setdefault((year, "3.6"), []).append(project)
        centre, hanoi = self.orgs["ttkc_hn"], self.units["01"]
        self._results(
            targets,
            {
                "3.2-QL-LOP": dict(zip(years, [10, 10, 11, 10, 6], strict=True)),
                "3.2-QL": dict(zip(years, [1000, 1000, 1100, 1000, 600], strict=True)),
                "3.2-CS-LOP": dict(zip(years, [4, 4, 4, 4, 2], strict=True)),
                "3.2-HT": dict(zip(years, [1, 1, 1, 1, 0], strict=True)),
                "3.4-HC": dict(zip(years, [1, 1, 1, 1, 0], strict=True)),
                "3.4-NN": dict(zip(years, [22, 24, 25, 21, 0], strict=True)),
                "3.4-TN": dict(zip(years, [38, 40, 42, 45, 12], strict=True)),
                "3.4-HUYEN": dict(zip(years, [2, 2, 2, 1, 0], strict=True)),
                "3.6-CT": dict(zip(years, [1, 1, 1, 1, 1], strict=True)),
                "3.7-LOP": dict(zip(years, [12, 12, 12, 12, 4], strict=True)),
                "MT-DN": dict(zip(years, [1350, 1420, 1480, 1510, 960], strict=True)),
                "MT-LD": dict(zip(years, [12500, 13100, 13600, 13900, 8200], strict=True)),
                "MT-XK": {2020: Decimal("9.5")},
                "MT-XK-2020": {2020: 318},
                "MT-MAU": dict(zip(years, [480, 520, 560, 540, 310], strict=True)),
                "MT-LANG": dict(zip(years, [52, 55, 58, 54, 30], strict=True)),
                "MT-LANGNGHE": dict(zip(years, [14, 16, 18, 15, 9], strict=True)),
            },
            centre,
            hanoi,
        )
        self._money(
            programme,
            contents,
            years,
            planned=[30 * TY, 31_500 * TRIEU, 32_700 * TRIEU, 34 * TY, 35_200 * TRIEU],
            allocated=[29 * TY, 30_200 * TRIEU, 31 * TY, 32_500 * TRIEU, 33 * TY],
            disbursed=[27_600 * TRIEU, 28_900 * TRIEU, 29_700 * TRIEU, 31_100 * TRIEU, 14_250 * TRIEU],
            shares={"3.1": 28, "3.2": 8, "3.3": 10, "3.4": 26, "3.5": 8, "3.6": 8, "3.7": 6, "3.8": 6},
            project_share={"3.1": 75, "3.3": 75, "3.6": 60},
            projects_by_key={
                k: [
                    p
                    for p in v
                    if p.status
                    not in (
                        ProjectStatus.DRAFT,
                        ProjectStatus.PROPOSED,
                        ProjectStatus.RETURNED,
                        ProjectStatus.REJECTED,
                        ProjectStatus.APPRAISED_DEPARTMENT,
                        ProjectStatus.CANCELLED,
                    )
                ]
                for k, v in by_key.items()
            },
            source=FundingSource.LOCAL,
        )
        # Proposals not yet approved still ask for support, which the appraisal weighs.
        for project in Project.objects.filter(programme=programme, support_local=0):
            project.support_local = 150 * TRIEU if project.content.number == "3.3" else 90 * TRIEU
            project.counterpart = project.support_local
            project.total_cost = project.support_local * 2
            project.save(update_fields=["support_local", "counterpart", "total_cost"])

    # ------------------------------------------------------- national programme
    def load_national_2014_2018(self) -> None:
        programme, created = self._programme(
            code="KCQG-2014-2018",
            name="Chương trình khuyến công quốc gia giai đoạn 2014-2018",
            level=ProgrammeLevel.NATIONAL,
            owner=self.orgs["cuc_ctdp"],
            first_year=2014,
            last_year=2018,
            decision_number="1288/QĐ-TTg",
            decision_date=dt.date(2014, 8, 1),
            decision_body="Thủ tướng Chính phủ",
            planned_budget=None,
            budget_source="Kinh phí khuyến công quốc gia",
            status=ProgrammeStatus.CLOSED,
        )
        if not created:
            return
        contents = self._contents(programme, [(str(code), name, code) for code, name, _en in ref.LAW_CONTENT_TYPES])
        T = TargetSpec
        targets = self._targets(
            programme,
            contents,
            [
                T(
                    "MT-DIEM",
                    None,
                    "Địa phương có đề án điểm",
                    "% địa phương",
                    kind=TargetKind.AT_LEAST,
                    value=30,
                    wording="ít nhất 30% địa phương có đề án điểm",
                ),
                T(
                    "MT-HOANTHANH",
                    None,
                    "Đề án được giao hoàn thành",
                    "% đề án",
                    kind=TargetKind.AT_LEAST,
                    value=100,
                    wording="100% các đề án được giao hoàn thành",
                ),
                T(
                    "MT-DOANHTHU",
                    None,
                    "Tăng doanh thu của doanh nghiệp, cơ sở CNNT được hỗ trợ",
                    "%",
                    wording="giúp doanh thu của DN, cơ sở CNNT tăng trung bình khoảng 20%",
                ),
            ],
        )
        self._annual_plans(programme, targets, {}, locked_years=list(programme.years))
        self._results(targets, {"MT-DOANHTHU": {2018: 20}}, self.orgs["cuc_ctdp"], None)
        # Hà Nội's national projects, appraised twice: by the Department, then the ministry.
        for i, (district, status) in enumerate(
            [("018", ProjectStatus.SETTLED), ("268", ProjectStatus.SETTLED), ("280", ProjectStatus.CANCELLED)]
        ):
            project = self._project(
                programme,
                code=f"KCQG2016-HN-{i + 1:03d}",
                year=2016,
                content=contents["3"],
                district=district,
                title="Mô hình trình diễn kỹ thuật "
                + next(cr for code, _v, cr in ref.CRAFT_DISTRICTS if code == district),
                status=ProjectStatus.DRAFT,
            )
            project.support_national = 450 * TRIEU
            project.counterpart = 1_050 * TRIEU
            project.total_cost = 1_500 * TRIEU
            project.save()
            path = ["propose", "appraise", "appraise", "approve", "start"]
            path += ["accept", "settle"] if status == ProjectStatus.SETTLED else ["cancel"]
            from projects.services import project_transition

            for action in path:
                project_transition(project=project, action=action, user=None, comment=self.COMMENTS.get(action, ""))
        Allocation.objects.create(
            programme=programme,
            year=2016,
            funding_source=FundingSource.NATIONAL,
            content=contents["3"],
            amount=900 * TRIEU,
            decision_number="Giao dự toán KCQG năm 2016",
            decision_date=dt.date(2016, 1, 20),
        )
        for project in Project.objects.filter(programme=programme, status=ProjectStatus.SETTLED):
            Disbursement.objects.create(
                programme=programme,
                year=2016,
                project=project,
                content=project.content,
                funding_source=FundingSource.NATIONAL,
                date=dt.date(2016, 11, 20),
                voucher_number=self._voucher(2016),
                amount=project.support_national,
            )

    # ------------------------------------------------------------- Bắc Ninh
    def load_bac_ninh_projects(self) -> None:
        """Bắc Ninh's own proposals: not counted (proposed, no outputs), so the seed's figures stand."""
        programme = Programme.objects.get(code="BN-BCSP")
        if Project.objects.filter(programme=programme).exists():
            return
        unit = self.units[TU_SON[0]]
        beneficiary, _ = Beneficiary.objects.get_or_create(
            name="Hợp tác xã Gỗ mỹ nghệ Đồng Kỵ",
            administrative_unit=unit,
            defaults={
                "kind": BeneficiaryKind.COOPERATIVE,
                "address": "Phường Đồng Kỵ, Thị xã Từ Sơn, Tỉnh Bắc Ninh",
                "size": BeneficiarySize.SMALL,
                "sector": "đồ gỗ mỹ nghệ",
                "craft_village": "Làng nghề gỗ mỹ nghệ Đồng Kỵ",
            },
        )
        content = programme.contents.get(number="1")
        for code, title, status in [
            ("BN2019-TS-001", "Hỗ trợ sản phẩm gỗ mỹ nghệ Đồng Kỵ dự bình chọn cấp tỉnh", ProjectStatus.PROPOSED),
            ("BN2019-TS-002", "Hỗ trợ thiết kế mẫu sản phẩm gỗ mỹ nghệ dự bình chọn", ProjectStatus.DRAFT),
        ]:
            project = Project.objects.create(
                code=code,
                title=title,
                programme=programme,
                year=2019,
                content=content,
                implementing_organisation=self.orgs["ttkc_bn"],
                administrative_unit=unit,
                support_local=30 * TRIEU,
                counterpart=20 * TRIEU,
                total_cost=50 * TRIEU,
                start_date=dt.date(2019, 3, 1),
                end_date=dt.date(2019, 9, 30),
                status=ProjectStatus.DRAFT,
            )
            project.beneficiaries.add(beneficiary)
            self._walk(project, status)
        # The commune officer's own record: a beneficiary recorded on the commune of today.
        Beneficiary.objects.get_or_create(
            name="Hộ kinh doanh mây tre đan Phú Nghĩa",
            administrative_unit=self.units["phu_nghia"],
            defaults={
                "kind": BeneficiaryKind.HOUSEHOLD,
                "address": "Xã Phú Nghĩa, Thành phố Hà Nội",
                "size": BeneficiarySize.MICRO,
                "sector": "mây tre đan",
            },
        )

    def load_bac_ninh_contests(self) -> None:
        bac_ninh = self.units["old-27"]
        programme, created = self._programme(
            code="BN-BCSP",
            name="Chương trình bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh Bắc Ninh",
            level=ProgrammeLevel.LOCAL,
            administrative_unit=bac_ninh,
            owner=self.orgs["so_bn"],
            first_year=2014,
            last_year=2019,
            decision_body="UBND tỉnh Bắc Ninh",
            planned_budget=None,
            budget_source="Kinh phí khuyến công địa phương",
            status=ProgrammeStatus.CLOSED,
        )
        if not created:
            return
        contents = self._contents(programme, [("1", "Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh", 4)])
        T = TargetSpec
        targets = self._targets(
            programme,
            contents,
            [
                T(
                    "BC-CUOC",
                    "1",
                    "Cuộc bình chọn sản phẩm CNNT cấp tỉnh",
                    "cuộc",
                    wording="đã tổ chức 6 cuộc bình chọn có 111 sản phẩm được bình chọn sản phẩm CNNT cấp tỉnh",
                ),
                T(
                    "BC-SP",
                    "1",
                    "Sản phẩm được bình chọn sản phẩm CNNT tiêu biểu cấp tỉnh",
                    "sản phẩm",
                    wording="111 sản phẩm được bình chọn sản phẩm CNNT cấp tỉnh",
                ),
            ],
        )
        years = list(programme.years)
        self._annual_plans(programme, targets, {}, locked_years=years)
        self._results(
            targets,
            {
                "BC-CUOC": dict.fromkeys(years, 1),
                "BC-SP": dict(zip(years, [16, 17, 18, 19, 20, 21], strict=True)),
            },
            self.orgs["so_bn"],
            bac_ninh,
        )
        for year, amount in zip(years, split(320 * TRIEU, len(years)), strict=True):
            Allocation.objects.create(
                programme=programme,
                year=year,
                funding_source=FundingSource.LOCAL,
                content=contents["1"],
                amount=amount,
                decision_number=f"Giao dự toán năm {year}",
                decision_date=dt.date(year, 1, 15),
            )
            Disbursement.objects.create(
                programme=programme,
                year=year,
                content=contents["1"],
                funding_source=FundingSource.LOCAL,
                date=dt.date(year, 10, 30),
                voucher_number=self._voucher(year),
                amount=amount,
                note="Kinh phí hỗ trợ tổ chức bình chọn (seed: tổng 320 triệu đồng).",
            )

    # ------------------------------------------------------------ today
    def _national_today(
        self, code: str, name: str, first: int, last: int, number: str, date: dt.date, body: str, status: str
    ) -> None:
        """A national programme whose decision we hold but whose targets are not in our sources.

        Its contents are the law's content types (the catalogue in force); the targets are left
        for the ministry officer to enter, and the programme page says so.
        """
        programme, created = self._programme(
            code=code,
            name=name,
            level=ProgrammeLevel.NATIONAL,
            owner=self.orgs["cuc_dmst"],
            first_year=first,
            last_year=last,
            decision_number=number,
            decision_date=date,
            decision_body=body,
            planned_budget=None,
            budget_source="Kinh phí khuyến công quốc gia",
            status=status,
        )
        if created:
            self._contents(programme, [(str(c), n, c) for c, n, _en in ref.LAW_CONTENT_TYPES])

    def load_national_2021_2025(self) -> None:
        self._national_today(*ref.NATIONAL_2021_2025, ProgrammeStatus.CLOSED)

    def load_national_2026_2030(self) -> None:
        self._national_today(*ref.NATIONAL_2026_2030, ProgrammeStatus.APPROVED)

    def load_hanoi_2026_2030(self) -> None:
        """Hà Nội's programme 2026-2030 in preparation (Chỉ thị 20/CT-BCT): illustrative figures only."""
        hanoi = self.units["01"]
        programme, created = self._programme(
            code="HN-KCDP-2026-2030",
            name="Chương trình khuyến công Thành phố Hà Nội giai đoạn 2026-2030 (dự thảo)",
            level=ProgrammeLevel.LOCAL,
            administrative_unit=hanoi,
            owner=self.orgs["so_hn"],
            first_year=2026,
            last_year=2030,
            decision_body="UBND Thành phố Hà Nội",
            planned_budget=200 * TY,
            budget_source="Kinh phí khuyến công địa phương",
            status=ProgrammeStatus.DRAFT,
            is_illustrative=True,
        )
        if not created:
            return
        contents = self._contents(
            programme,
            [
                ("1", "Đào tạo nghề, truyền nghề và nâng cao tay nghề", 1),
                ("2", "Nâng cao năng lực quản lý, sản xuất sạch hơn và chuyển đổi số", 2),
                ("3", "Mô hình trình diễn kỹ thuật, chuyển giao công nghệ, máy móc tiên tiến", 3),
                ("4", "Sản phẩm công nghiệp nông thôn tiêu biểu, hội chợ, xúc tiến thương mại", 4),
            ],
        )
        T = TargetSpec
        targets = self._targets(
            programme,
            contents,
            [
                T("2630-LOP", "1", "Lớp đào tạo nghề, truyền nghề", "lớp", value=300, wording="Số liệu minh họa"),
                T("2630-LD", "1", "Lao động được đào tạo", "lao động", value=9000, wording="Số liệu minh họa"),
                T("2630-DA", "3", "Đề án máy móc thiết bị tiên tiến", "dự án", value=60, wording="Số liệu minh họa"),
                T("2630-HC", "4", "Hội chợ, triển lãm", "hội chợ", value=5, wording="Số liệu minh họa"),
                T(
                    "2630-VL",
                    None,
                    "Lao động nông thôn được tạo việc làm",
                    "lao động",
                    kind=TargetKind.AT_LEAST,
                    value=15000,
                    wording="Số liệu minh họa",
                    effect=EffectMeasure.JOBS_CREATED,
                ),
            ],
        )
        # Only the 2027 plan is being prepared (the 2026 plan was made under the old programme).
        plan = AnnualPlan.objects.create(
            programme=programme,
            year=2027,
            status=AnnualPlanStatus.DRAFT,
            decision_body=programme.decision_body,
        )
        for code, quantity in {"2630-LOP": 60, "2630-LD": 1800, "2630-DA": 12, "2630-HC": 1}.items():
            AnnualPlanTarget.objects.create(annual_plan=plan, target=targets[code], quantity=quantity)
        users = {u.username: u for u in User.objects.filter(username__in=["xa", "canbo"])}
        for code, title, unit_code, number, support, proposer, status in ref.HANOI_2027_PROPOSALS:
            unit = AdministrativeUnit.objects.valid_on(ref.NEW_PROVINCES_FROM).get(
                code=unit_code, level=UnitLevel.COMMUNE, parent__code=hanoi.code
            )
            project = Project.objects.create(
                code=code,
                title=title,
                programme=programme,
                year=2027,
                content=contents[number],
                implementing_organisation=self.orgs["ttkc_hn"],
                administrative_unit=unit,
                support_local=support,
                counterpart=support,
                total_cost=support * 2,
                start_date=dt.date(2027, 3, 1),
                end_date=dt.date(2027, 11, 30),
                status=ProjectStatus.DRAFT,
                created_by=users.get(proposer),
            )
            self._walk(project, status, proposer=proposer)

    # A Hà Nội enterprise that works online (issue "Beneficiaries online"): the login `doanhnghiep`.
    ENTERPRISE_TAX_CODE = "0109234567"  # check digit valid (khuyencong.taxcode)
    ENTERPRISE_RETURN_REASON = "Thiếu báo giá thứ ba của dây chuyền sấy mây tre (cần ít nhất ba báo giá)."

    def load_enterprise_online(self) -> None:
        """One project under way (2026) and one 2027 proposal returned for a missing quotation."""
        programme = Programme.objects.filter(code="HN-KCDP-2026-2030").first()
        if programme is None or Project.objects.filter(code="HN2026-PN-DN1").exists():
            return
        unit = AdministrativeUnit.objects.valid_on(ref.NEW_PROVINCES_FROM).get(
            code=PHU_NGHIA[0], level=UnitLevel.COMMUNE, parent__code="01"
        )
        beneficiary, _created = Beneficiary.objects.get_or_create(
            tax_code=self.ENTERPRISE_TAX_CODE,
            defaults={
                "name": "Công ty TNHH Mây tre đan Phú Vinh",
                "kind": BeneficiaryKind.ENTERPRISE,
                "address": "Thôn Phú Vinh",
                "administrative_unit": unit,
                "size": BeneficiarySize.SMALL,
                "sector": "Mây tre đan",
                "craft_village": "Làng nghề mây tre đan Phú Vinh",
                "representative": "Hoàng Thị Doanh",
                "phone": "0243 386 1234",
                "owned_by_women": True,
            },
        )
        content = programme.contents.get(number="3")
        # Entered for the enterprise by the commune officer, who proposed both to the Department.
        commune_officer = User.objects.filter(username="xa").first()
        for code, title, year, support, status in (
            (
                "HN2026-PN-DN1",
                "Hỗ trợ máy đan mây tự động cho Công ty Mây tre đan Phú Vinh",
                2026,
                220 * TRIEU,
                "under_way",
            ),
            (
                "HN2027-PN-DN2",
                "Hỗ trợ dây chuyền sấy mây tre tiết kiệm năng lượng Phú Vinh",
                2027,
                280 * TRIEU,
                "returned",
            ),
        ):
            project = Project.objects.create(
                code=code,
                title=title,
                programme=programme,
                year=year,
                content=content,
                implementing_organisation=self.orgs["ttkc_hn"],
                administrative_unit=unit,
                support_local=support,
                counterpart=support,
                total_cost=support * 2,
                start_date=dt.date(year, 3, 1),
                end_date=dt.date(year, 11, 30),
                status=ProjectStatus.DRAFT,
                created_by=commune_officer,
            )
            project.beneficiaries.add(beneficiary)
            self._walk(project, status, proposer="xa")
            if status == "returned":
                ProjectTransition.objects.filter(project=project, action="return").update(
                    comment=self.ENTERPRISE_RETURN_REASON
                )
        if settings.DEMO_ENABLED:
            user, created = User.objects.get_or_create(
                username=BENEFICIARY_LOGIN[0],
                defaults={
                    "first_name": "Doanh",
                    "last_name": "Hoàng Thị",
                    "role": Role.BENEFICIARY,
                    "beneficiary": beneficiary,
                    "email": "phuvinh@example.com",
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])

    # Reporting up (issue "Reporting up"): the ministry's six-month round 2026 of the national programme.
    REPORTING_RETURN_REASON = (
        "Chưa có số liệu giải ngân của các đề án trên địa bàn tỉnh Bắc Giang cũ (trước 1/7/2025); "
        "đề nghị bổ sung và gửi lại."
    )

    def load_reporting_round(self) -> None:
        """`bo` opens the six-month round 2026 for Hà Nội and Bắc Ninh: Hà Nội accepted, Bắc Ninh returned.

        Submitted through the services, so the frozen rows and files are what the pages make; no
        figure of any programme is added or changed.
        """
        # Imported here: the demo sits above the reporting app, which the rest of the loader does not need.
        from reporting.models import PeriodKind, Round
        from reporting.services import (
            round_open,
            sender_draft,
            sender_sign_off,
            submission_accept,
            submission_create,
            submission_return,
        )

        if not settings.DEMO_ENABLED or Round.objects.filter(period_kind__code="so-6-thang-bo", year=2026).exists():
            return
        users = {u.username: u for u in User.objects.filter(username__in=["bo", "canbo", "lanhdao", "bacninh"])}
        if len(users) < 4:
            return
        username, full_name, role, org_key = REPORTING_LEADER_LOGIN
        family, _, given = full_name.rpartition(" ")
        leader_bn, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": given, "last_name": family, "role": role, "organisation": self.orgs[org_key]},
        )
        if created:
            leader_bn.set_password(DEMO_PASSWORD)
            leader_bn.save(update_fields=["password"])
        round = round_open(
            period_kind=PeriodKind.objects.get(code="so-6-thang-bo"),
            year=2026,
            number=1,
            programme=Programme.objects.get(code=ref.NATIONAL_2026_2030[0]),
            organisations=[self.orgs["so_hn"], self.orgs["so_bn"]],
            user=users["bo"],
        )
        for org_key, staff, leader in (
            ("so_hn", users["canbo"], users["lanhdao"]),
            ("so_bn", users["bacninh"], leader_bn),
        ):
            sender = round.senders.get(organisation=self.orgs[org_key])
            sender_draft(sender=sender, user=staff)
            sender_sign_off(sender=sender, user=leader)
            submission = submission_create(sender=sender, user=staff)
            if org_key == "so_hn":
                submission_accept(submission=submission, user=users["bo"])
            else:
                submission_return(submission=submission, user=users["bo"], reason=self.REPORTING_RETURN_REASON)
        # The enterprise reports its own progress (its account exists only where demo logins do).
        self._enterprise_under_way(
            Project.objects.get(code="HN2026-PN-DN1"), reporter=User.objects.filter(username="doanhnghiep").first()
        )

    # Phú Nghĩa, Hà Nội: where the demo's photos say they were taken.
    ENTERPRISE_POSITION = (20.9575, 105.6742)

    def _enterprise_under_way(self, project: Project, *, reporter: User | None) -> None:
        """The enterprise's project under way: its contractor, two monthly reports with photos, an inspection.

        The files go through the attachments service (type check, re-encoding) as an upload would.
        """
        from django.core.files.uploadedfile import SimpleUploadedFile

        from attachments.models import AttachmentKind
        from attachments.services import attachment_upload
        from execution.models import Inspection, PartyRole, ProgressReport, ProjectParty

        self._reseed_migrated_reference()
        from execution.rules import report_due_on
        from seeding.demo.photos import demo_minutes_pdf, demo_photo

        staff = User.objects.filter(username="canbo").first()
        ProjectParty.objects.create(
            project=project,
            role=PartyRole.CONTRACTOR,
            name="Công ty CP Cơ khí Phú Xuyên",
            tax_code="0100109106",
            contract_number="15/2026/HĐKT",
            contract_date=dt.date(2026, 4, 2),
            recorded_by=staff,
        )
        photo_kind = AttachmentKind.objects.get(code="photo")
        tz = timezone.get_current_timezone()
        latitude, longitude = self.ENTERPRISE_POSITION
        reports = (
            (
                dt.date(2026, 5, 1),
                Decimal(30),
                "Ký hợp đồng, nhận 1 máy đan mây tự động; đào tạo 6 công nhân vận hành.",
                18,
            ),
            (dt.date(2026, 6, 1), Decimal(55), "Lắp đặt và chạy thử 2 máy; sản xuất thử 300 sản phẩm.", 22),
        )
        for index, (month, percent, delivered, day) in enumerate(reports):
            photos = []
            for shot in range(2):
                taken = f"{month:%Y:%m}:{day - 1 - shot:02d} {9 + shot}:15:00"
                data = demo_photo(
                    taken=taken,
                    latitude=latitude + shot * 0.0004,
                    longitude=longitude + index * 0.0003,
                    hue=((60, 110, 160), (170, 80, 50))[shot],
                )
                upload = SimpleUploadedFile(f"tien-do-{month:%m-%Y}-{shot + 1}.jpg", data, content_type="image/jpeg")
                photos.append(
                    attachment_upload(
                        project=project,
                        kind=photo_kind,
                        upload=upload,
                        user=reporter,
                        note=f"Ảnh tiến độ tháng {month:%m/%Y}",
                    )
                )
            report = ProgressReport.objects.create(
                project=project,
                month=month,
                percent_done=percent,
                delivered=delivered,
                due_on=report_due_on(project, month),
                submitted_late=False,
                reported_by=reporter,
                reported_at=dt.datetime(month.year, month.month, day, 16, 0, tzinfo=tz),
            )
            report.photos.set(photos)
        minutes = attachment_upload(
            project=project,
            kind=AttachmentKind.objects.get(code="inspection_minutes"),
            upload=SimpleUploadedFile(
                "bien-ban-kiem-tra-30-06-2026.pdf", demo_minutes_pdf("BIEN BAN KIEM TRA HIEN TRUONG 30/06/2026")
            ),
            user=staff,
        )
        Inspection.objects.create(
            project=project,
            inspected_on=dt.date(2026, 6, 30),
            reported_percent=Decimal(55),
            verified_percent=Decimal(50),
            findings="Hai máy đã lắp đặt, một máy chưa chạy ổn định; khối lượng xác minh thấp hơn báo cáo.",
            minutes=minutes,
            recorded_by=staff,
        )

    # Reference rows that data migrations seed: a test that flushes the database (a live-server test) removes
    # them with everything else, and the demo loaded again after it needs them as a migrated database has them.
    SEEDING_MIGRATIONS = (
        "attachments.migrations.0002_seed_attachment_kinds",
        "attachments.migrations.0004_seed_required_documents",
        "attachments.migrations.0006_seed_acceptance_minutes",
        "execution.migrations.0002_seed_execution_rule",
        "execution.migrations.0006_seed_appraisal_criteria",
        "reporting.migrations.0002_seed_period_kinds",
        "scheduling.migrations.0002_register_waiting_projects_reminder",
        "scheduling.migrations.0003_register_unsent_email_retry",
        "reporting.migrations.0003_register_report_reminders",
    )

    def _reseed_migrated_reference(self) -> None:
        import importlib

        from django.apps import apps

        from attachments.models import AttachmentKind

        if AttachmentKind.objects.exists():
            return
        for module_name in self.SEEDING_MIGRATIONS:
            module = importlib.import_module(module_name)
            # Each seed is idempotent (get_or_create); the periodic tasks' migrations call theirs `register`.
            (getattr(module, "seed", None) or module.register)(apps, None)
