"""The rules of each record kind of a project under way, said once: the pages, the admin and the
services call these and show the same Vietnamese words."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from khuyencong.formatting import format_percent
from khuyencong.problems import Problem, RecordInvalid

HUNDRED = Decimal(100)


class InspectionInvalid(RecordInvalid):
    pass


class ProgressReportInvalid(RecordInvalid):
    pass


class EffectInvalid(RecordInvalid):
    pass


class AppraisalInvalid(RecordInvalid):
    pass


class ProjectPartyInvalid(RecordInvalid):
    pass


UNDER_WAY_STATUSES = ("under_way", "adjusted")


def percent_problem(field: str, value: object, label: str) -> Problem | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return Problem(field, _("%(label)s phải là một số từ 0 đến 100.") % {"label": label})
    if not number.is_finite() or number < 0 or number > HUNDRED:
        return Problem(field, _("%(label)s phải từ 0 đến 100%%.") % {"label": label})
    if number != number.quantize(Decimal("0.01")):
        return Problem(field, _("%(label)s ghi tối đa hai chữ số thập phân.") % {"label": label})
    return None


def inspection_problems(inspection, *, today: dt.date) -> list[Problem]:
    from projects.lifecycle import ACCEPTED_STATUSES

    problems: list[Problem] = []
    project = inspection.project
    if project.status not in (*UNDER_WAY_STATUSES, *ACCEPTED_STATUSES):
        problems.append(Problem(None, _("Chỉ kiểm tra hiện trường đề án đang thực hiện.")))
    if inspection.inspected_on is None:
        problems.append(Problem("inspected_on", _("Cần ghi ngày kiểm tra.")))
    elif inspection.inspected_on > today:
        problems.append(Problem("inspected_on", _("Ngày kiểm tra không được sau hôm nay.")))
    elif project.start_date and inspection.inspected_on < project.start_date:
        problems.append(Problem("inspected_on", _("Ngày kiểm tra không được trước ngày bắt đầu đề án.")))
    if inspection.verified_percent is None:
        problems.append(Problem("verified_percent", _("Cần ghi tỷ lệ khối lượng đã xác minh.")))
    else:
        problem = percent_problem("verified_percent", inspection.verified_percent, _("Tỷ lệ xác minh"))
        if problem:
            problems.append(problem)
    minutes = inspection.minutes if inspection.minutes_id else None
    if minutes is None:
        problems.append(Problem("minutes", _("Cần đính kèm biên bản kiểm tra hiện trường.")))
    elif minutes.project_id != project.pk or minutes.kind.code != "inspection_minutes":
        problems.append(Problem("minutes", _("Biên bản phải là «Biên bản kiểm tra hiện trường» của chính đề án này.")))
    return problems


def ensure_inspection_valid(inspection, *, today: dt.date) -> None:
    problems = inspection_problems(inspection, today=today)
    if problems:
        raise InspectionInvalid(problems)


def progress_report_problems(report, *, today: dt.date) -> list[Problem]:
    from execution.models import ProgressReport

    problems: list[Problem] = []
    project = report.project
    if project.status not in UNDER_WAY_STATUSES:
        problems.append(Problem(None, _("Chỉ báo cáo tiến độ đề án đang thực hiện.")))
    month = report.month
    if month is None:
        problems.append(Problem("month", _("Cần ghi tháng báo cáo (tháng/năm, ví dụ 06/2026).")))
    elif month > today.replace(day=1):
        problems.append(Problem("month", _("Không báo cáo trước cho tháng chưa đến.")))
    elif project.start_date and month < project.start_date.replace(day=1):
        problems.append(Problem("month", _("Tháng báo cáo trước khi đề án bắt đầu.")))
    elif ProgressReport.objects.filter(project=project, month=month).exclude(pk=report.pk).exists():
        problems.append(
            Problem("month", _("Đề án đã có báo cáo tiến độ tháng %(month)s.") % {"month": f"{month:%m/%Y}"})
        )
    if report.percent_done is None:
        problems.append(Problem("percent_done", _("Cần ghi tỷ lệ hoàn thành.")))
    else:
        problem = percent_problem("percent_done", report.percent_done, _("Tỷ lệ hoàn thành"))
        if problem:
            problems.append(problem)
        elif month is not None:
            earlier = (
                ProgressReport.objects.filter(project=project, month__lt=month)
                .exclude(pk=report.pk)
                .order_by("-month")
                .first()
            )
            if earlier is not None and Decimal(str(report.percent_done)) < earlier.percent_done:
                problems.append(
                    Problem(
                        "percent_done",
                        _("Tỷ lệ hoàn thành không được thấp hơn tháng %(month)s (%(percent)s).")
                        % {"month": f"{earlier.month:%m/%Y}", "percent": format_percent(earlier.percent_done, 2)},
                    )
                )
    if not (report.delivered or "").strip():
        problems.append(Problem("delivered", _("Cần ghi khối lượng đã thực hiện trong tháng.")))
    return problems


def ensure_progress_report_valid(report, *, today: dt.date) -> None:
    problems = progress_report_problems(report, today=today)
    if problems:
        raise ProgressReportInvalid(problems)


EFFECT_COUNTS = ("jobs_created", "new_products")
EFFECT_MONEY = (
    "average_income",
    "revenue_before",
    "revenue_after",
    "production_value_before",
    "production_value_after",
    "budget_contribution",
)
EFFECT_SHARES = ("female_share", "disabled_share")
MAX_MONEY = 10**15


def effect_problems(effect) -> list[Problem]:
    from execution.models import Effect
    from projects.lifecycle import ACCEPTED_STATUSES

    problems: list[Problem] = []
    if effect.project.status not in ACCEPTED_STATUSES:
        problems.append(Problem(None, _("Hiệu quả đề án chỉ ghi sau khi đề án đã được nghiệm thu.")))
    for name in (*EFFECT_COUNTS, *EFFECT_MONEY, *EFFECT_SHARES):
        label = str(Effect._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
        value = getattr(effect, name)
        if value is None:
            problems.append(Problem(name, _("Cần ghi %(label)s.") % {"label": label}))
        elif name in EFFECT_SHARES:
            problem = percent_problem(name, value, label[:1].upper() + label[1:])
            if problem:
                problems.append(problem)
        elif not isinstance(value, int) or isinstance(value, bool):
            problems.append(Problem(name, _("%(label)s phải là số nguyên.") % {"label": label}))
        elif value < 0:
            problems.append(Problem(name, _("%(label)s không được âm.") % {"label": label}))
        elif value > MAX_MONEY:
            problems.append(Problem(name, _("%(label)s quá lớn.") % {"label": label}))
    return problems


def ensure_effect_valid(effect) -> None:
    problems = effect_problems(effect)
    if problems:
        raise EffectInvalid(problems)


MIN_COUNCIL_MEMBERS = 3


def appraisal_problems(appraisal, answers: list, criteria: list) -> list[Problem]:
    """`answers`: unsaved AppraisalAnswer rows; `criteria`: the checklist in force (each must be answered)."""
    from execution.models import AppraisalConclusion, AppraisalMode
    from projects.lifecycle import appraisal_level

    problems: list[Problem] = []
    level = appraisal_level(appraisal.project.status)
    if level is None:
        problems.append(Problem(None, _("Đề án không ở bước chờ thẩm định.")))
    elif level == "ministry" and not appraisal.project.needs_ministry_appraisal:
        problems.append(Problem(None, _("Đề án khuyến công địa phương chỉ thẩm định một lần, tại Sở Công Thương.")))
    if appraisal.mode not in AppraisalMode.values:
        problems.append(Problem("mode", _("Chọn hình thức thẩm định: cán bộ hoặc hội đồng.")))
    elif appraisal.mode == AppraisalMode.COUNCIL:
        if not appraisal.council_decision_number.strip():
            problems.append(Problem("council_decision_number", _("Cần ghi số quyết định thành lập hội đồng.")))
        if appraisal.council_decision_date is None:
            problems.append(Problem("council_decision_date", _("Cần ghi ngày quyết định thành lập hội đồng.")))
        if len(appraisal.members) < MIN_COUNCIL_MEMBERS:
            problems.append(
                Problem(
                    "council_members",
                    _("Hội đồng cần ít nhất %(count)s thành viên, mỗi dòng một người.")
                    % {"count": MIN_COUNCIL_MEMBERS},
                )
            )
    if appraisal.conclusion not in AppraisalConclusion.values:
        problems.append(Problem("conclusion", _("Cần ghi kết luận thẩm định.")))
    by_criterion = {answer.criterion_id: answer for answer in answers}
    if not criteria:
        problems.append(Problem(None, _("Chưa có bộ tiêu chí thẩm định có hiệu lực cho đề án này.")))
    for criterion in criteria:
        answer = by_criterion.get(criterion.pk)
        field = f"criterion_{criterion.pk}_points"
        if answer is None or answer.met is None or answer.points is None:
            problems.append(Problem(field, _("Chưa đánh giá tiêu chí «%(name)s».") % {"name": criterion.name}))
        elif not 0 <= answer.points <= criterion.max_points:
            problems.append(
                Problem(
                    field,
                    _("Điểm tiêu chí «%(name)s» phải từ 0 đến %(max)s.")
                    % {"name": criterion.name, "max": criterion.max_points},
                )
            )
    if (
        appraisal.conclusion == AppraisalConclusion.PASSED
        and answers
        and any(answer.met is False for answer in answers)
    ):
        problems.append(Problem("conclusion", _("Kết luận «Đạt» khi còn tiêu chí không đạt: hãy xem lại.")))
    return problems


def project_party_problems(party, *, today: dt.date) -> list[Problem]:
    from execution.models import PartyRole, ProjectParty
    from khuyencong.taxcode import TaxCodeInvalid, normalize_tax_code
    from projects.lifecycle import EDITABLE_STATUSES

    problems: list[Problem] = []
    if party.project.status not in EDITABLE_STATUSES:
        problems.append(Problem(None, _("Đề án đã đóng: không ghi thêm đơn vị thi công, giám sát.")))
    if party.role not in PartyRole.values:
        problems.append(Problem("role", _("Chọn vai trò: đơn vị thi công, cung cấp hoặc đơn vị giám sát.")))
    if not party.name.strip():
        problems.append(Problem("name", _("Cần ghi tên đơn vị.")))
    try:
        party.tax_code = normalize_tax_code(party.tax_code or "")
    except TaxCodeInvalid as error:
        problems.append(Problem("tax_code", str(error)))
    else:
        clash = ProjectParty.objects.filter(project=party.project, role=party.role, tax_code=party.tax_code)
        if clash.exclude(pk=party.pk).exists():
            problems.append(Problem("tax_code", _("Đơn vị có mã số thuế này đã được ghi cho đề án với vai trò này.")))
    if not party.contract_number.strip():
        problems.append(Problem("contract_number", _("Cần ghi số hợp đồng.")))
    if party.contract_date is None:
        problems.append(Problem("contract_date", _("Cần ghi ngày hợp đồng.")))
    elif party.contract_date > today:
        problems.append(Problem("contract_date", _("Ngày hợp đồng không được sau hôm nay.")))
    return problems
