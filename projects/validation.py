"""The rules every project must keep, in one place: the page, the import and the admin call them.

`project_problems` returns every problem of a project at once (not only the first), each with the
field it concerns and its Vietnamese message, so that a form can mark its fields and an import its
cells with the same words. The services raise `ProjectInvalid` with them.
"""

import datetime as dt
from collections.abc import Iterable

from django.utils.translation import gettext as _

from accounts.models import AdministrativeUnit
from khuyencong.formatting import format_money
from khuyencong.problems import Problem, RecordInvalid
from programs.models import AnnualPlan, Programme
from programs.services import YearLocked, YearOutsideProgramme
from projects.eligibility import eligibility_problems
from projects.models import Beneficiary, Project, SupportLevel


class ProjectInvalid(RecordInvalid):
    """The project breaks a rule; `problems` lists each with its field and Vietnamese message."""


class ProjectRules:
    """The rules of one programme's projects, with the reference data read once.

    An import checks hundreds of rows against the same programme: the locked years, the support
    levels and the codes in use are read once here instead of once per row.
    """

    def __init__(self, programme: Programme):
        self.programme = programme
        self._locked: set[int] | None = None
        self._levels: dict[int, list[SupportLevel]] = {}
        self._codes: dict[str, int] | None = None
        self._units: dict[int, AdministrativeUnit] = {}

    def preload_codes(self, codes: Iterable[str]) -> None:
        """Read at once which of `codes` are in use (code → project id), for checking many rows."""
        self._codes = dict(Project.objects.filter(code__in=list(codes)).values_list("code", "pk"))

    def _code_taken(self, project: Project) -> bool:
        if self._codes is not None and project.code in self._codes:
            return self._codes[project.code] != project.pk
        if self._codes is not None:
            return False
        return Project.objects.filter(code=project.code).exclude(pk=project.pk).exists()

    def _year_locked(self, year: int) -> bool:
        if self._locked is None:
            self._locked = set(
                AnnualPlan.objects.filter(programme=self.programme, is_locked=True).values_list("year", flat=True)
            )
        return year in self._locked

    def _unit(self, project: Project) -> AdministrativeUnit | None:
        unit_id = project.administrative_unit_id
        if unit_id is None:
            return None
        if unit_id not in self._units:
            self._units[unit_id] = project.administrative_unit
        return self._units[unit_id]

    def unit_problem(self, project: Project) -> Problem | None:
        """The place must be a unit in force at some time of the project: a project of 2026 names a
        commune of today, never a district abolished on 1/7/2025; a project of 2020 keeps its old district."""
        unit = self._unit(project)
        if unit is None:
            return None
        first = project.start_date or dt.date(project.year, 1, 1)
        # A project may start after its plan year ends (work carried over): its period runs to its start then.
        last = project.end_date or max(dt.date(project.year, 12, 31), first)
        if unit.valid_to is not None and unit.valid_to < first:
            return Problem(
                "administrative_unit",
                _(
                    "Đơn vị hành chính «%(unit)s» đã hết hiệu lực từ sau ngày %(date)s, trước thời gian thực hiện "
                    "đề án; hãy chọn đơn vị đang có hiệu lực (từ 01/07/2025: xã, phường, đặc khu)."
                )
                % {"unit": unit.name, "date": f"{unit.valid_to:%d/%m/%Y}"},
            )
        if unit.valid_from > last:
            return Problem(
                "administrative_unit",
                _("Đơn vị hành chính «%(unit)s» chỉ có hiệu lực từ ngày %(date)s, sau thời gian thực hiện đề án.")
                % {"unit": unit.name, "date": f"{unit.valid_from:%d/%m/%Y}"},
            )
        return None

    def support_limit(self, project: Project) -> tuple[int | None, str]:
        """The most the support levels in force allow for this project, and the basis quoted to the user."""
        law_type_id = project.content.law_type_id
        if law_type_id not in self._levels:
            self._levels[law_type_id] = list(SupportLevel.objects.filter(law_type_id=law_type_id))
        day = project.start_date or dt.date(project.year, 1, 1)
        best: int | None = None
        basis = ""
        for level in self._levels[law_type_id]:
            if level.valid_from > day or (level.valid_to is not None and level.valid_to < day):
                continue
            limits = []
            if level.max_amount is not None:
                limits.append(int(level.max_amount * level.priority_multiplier))
            if level.max_percent is not None and project.total_cost:
                limits.append(int(project.total_cost * level.max_percent / 100))
            if not limits:
                return None, ""  # a level without a ceiling: nothing to hold the support to
            limit = min(limits)
            if best is None or limit > best:
                best, basis = limit, f"{level.name} ({level.legal_basis})"
        return best, basis

    def problems(self, project: Project, beneficiaries: Iterable[Beneficiary] | None = None) -> list[Problem]:
        """Every rule `project` breaks, in the order of the form's fields.

        `beneficiaries` are those about to be saved with it (a new project has none stored yet).
        """
        programme = self.programme
        found: list[Problem] = []
        period = {"first": programme.first_year, "last": programme.last_year}
        if project.code and self._code_taken(project):
            found.append(
                Problem("code", _("Mã đề án «%(code)s» đã được dùng cho đề án khác.") % {"code": project.code})
            )
        if project.year not in programme.years:
            found.append(Problem("year", str(YearOutsideProgramme(programme, project.year))))
        elif self._year_locked(project.year):
            found.append(Problem("year", str(YearLocked(programme, project.year))))
        content_ok = project.content.programme_id == programme.pk
        if not content_ok:
            found.append(Problem("content", _("Nội dung không thuộc chương trình đã chọn.")))
        for name in ("start_date", "end_date"):
            day = getattr(project, name)
            if day is not None and not (programme.first_year <= day.year <= programme.last_year):
                found.append(
                    Problem(name, _("Ngày phải nằm trong giai đoạn %(first)s–%(last)s của chương trình.") % period)
                )
        if project.start_date and project.end_date and project.end_date < project.start_date:
            found.append(Problem("end_date", _("Ngày kết thúc phải sau ngày bắt đầu.")))
        elif (unit_problem := self.unit_problem(project)) is not None:
            found.append(unit_problem)
        parts = project.support_national + project.support_local + project.counterpart
        cost_ok = project.total_cost == parts
        if not cost_ok:
            found.append(
                Problem(
                    "total_cost",
                    _("Tổng chi phí đề án phải bằng kinh phí hỗ trợ cộng vốn đối ứng (%(amount)s đồng).")
                    % {"amount": format_money(parts)},
                )
            )
        if project.support_total == 0:
            found.append(
                Problem("support_local", _("Đề án cần có kinh phí hỗ trợ từ khuyến công quốc gia hoặc địa phương."))
            )
        elif content_ok and cost_ok:
            # The percentage ceilings are of the total cost, so they are only meaningful once it adds up.
            limit, basis = self.support_limit(project)
            if limit is not None and project.support_total > limit:
                found.append(
                    Problem(
                        "support_local" if project.support_local else "support_national",
                        _(
                            "Kinh phí hỗ trợ %(support)s đồng vượt mức tối đa "
                            "%(limit)s đồng theo mức hỗ trợ đang áp dụng: %(basis)s."
                        )
                        % {
                            "support": format_money(project.support_total),
                            "limit": format_money(limit),
                            "basis": basis,
                        },
                    )
                )
        # Who may be supported, under the rules in force on the project's date (Nghị định 235/2025).
        found.extend(eligibility_problems(project, beneficiaries))
        return found


def project_problems(project: Project, beneficiaries: Iterable[Beneficiary] | None = None) -> list[Problem]:
    """Every rule `project` breaks (empty when it may be saved)."""
    return ProjectRules(project.programme).problems(project, beneficiaries)


def ensure_project_valid(project: Project, beneficiaries: Iterable[Beneficiary] | None = None) -> None:
    problems = project_problems(project, beneficiaries)
    if problems:
        raise ProjectInvalid(problems)


def support_limit(project: Project) -> tuple[int | None, str]:
    """The most the support levels in force allow for this project, and the basis quoted to the user."""
    return ProjectRules(project.programme).support_limit(project)
