"""A project waiting for someone's decision, or returned to its sender, tells exactly those who may act."""

import pytest
from django.db import transaction

from notifications.models import Notification, NotificationKind
from policy.access import visible_projects
from projects.models import Project, ProjectStatus
from projects.services import project_transition


def _draft(code: str) -> Project:
    Project.objects.filter(code=code).update(status=ProjectStatus.DRAFT)
    project = Project.objects.select_related("programme").get(code=code)
    project.transitions.all().delete()
    Notification.objects.all().delete()
    return project


def _told(project: Project, kind=NotificationKind.PROJECT_WAITING, unread_only: bool = True) -> set[str]:
    rows = Notification.objects.filter(kind=kind, url=f"/projects/{project.pk}/")
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return set(rows.values_list("recipient__username", flat=True))


def test_a_proposal_waits_for_the_departments_appraisal_and_then_the_leaders_approval(personas):
    project = _draft("HN2020-CM-002")
    project_transition(project=project, action="propose", user=personas.officer_a)
    # Who may appraise a local proposal: the province's planners; the proposer, another province
    # and the ministry are not told.
    assert _told(project) == {"canbo", "lanhdao"}
    notification = Notification.objects.get(recipient=personas.staff)
    assert notification.subject == "Đề án HN2020-CM-002 chờ thẩm định"
    assert "đang chờ bạn thẩm định" in notification.body
    assert project.title in notification.body
    assert notification.url == f"/projects/{project.pk}/"

    project_transition(project=project, action="appraise", user=personas.staff)
    assert _told(project) == {"lanhdao"}  # what canbo was told is settled: read
    assert Notification.objects.get(recipient=personas.leader, read_at__isnull=True).subject == (
        "Đề án HN2020-CM-002 chờ phê duyệt"
    )
    project_transition(project=project, action="approve", user=personas.leader)
    assert _told(project) == set()


def test_a_project_returned_for_more_information_tells_its_sender(personas):
    project = _draft("HN2020-CM-002")
    project_transition(project=project, action="propose", user=personas.officer_a)
    project_transition(project=project, action="return", user=personas.staff, comment="Thiếu báo giá thứ ba.")
    assert _told(project, NotificationKind.PROJECT_RETURNED) == {"huyen"}  # not xa, who did not send it
    notification = Notification.objects.get(kind=NotificationKind.PROJECT_RETURNED)
    assert notification.subject == "Đề án HN2020-CM-002 được trả lại để bổ sung hồ sơ"
    assert "Thiếu báo giá thứ ba." in notification.body
    assert _told(project) == set()  # nobody waits to appraise a returned project
    project_transition(project=project, action="propose", user=personas.officer_a)
    assert _told(project, NotificationKind.PROJECT_RETURNED) == set()
    assert _told(project) == {"canbo", "lanhdao"}


def test_a_national_project_waits_for_the_ministrys_second_appraisal_and_never_reaches_another_province(personas):
    project = _draft("KCQG2016-HN-003")
    project_transition(project=project, action="propose", user=personas.staff)
    assert _told(project) == {"lanhdao"}
    project_transition(project=project, action="appraise", user=personas.staff)
    assert _told(project) == {"bo"}
    assert Notification.objects.get(recipient=personas.bo).subject == (
        "Đề án KCQG2016-HN-003 chờ Bộ Công Thương thẩm định"
    )
    project_transition(project=project, action="return", user=personas.bo, comment="Bổ sung dự toán chi tiết.")
    assert _told(project, NotificationKind.PROJECT_RETURNED) == {"canbo"}
    project_transition(project=project, action="propose", user=personas.staff)
    assert _told(project) == {"bo"}  # the completed file goes back to the ministry that returned it
    project_transition(project=project, action="appraise", user=personas.bo)
    assert _told(project) == {"lanhdao"}
    everyone_told = set(Notification.objects.values_list("recipient_id", flat=True))
    assert personas.bacninh.pk not in everyone_told
    for notification in Notification.objects.select_related("recipient"):
        assert visible_projects(notification.recipient).filter(pk=project.pk).exists()


def test_a_step_rolled_back_tells_nobody(personas):
    project = _draft("HN2020-CM-002")

    def propose_then_fail() -> None:
        with transaction.atomic():
            project_transition(project=project, action="propose", user=personas.officer_a)
            raise RuntimeError("the surrounding work failed")

    with pytest.raises(RuntimeError):
        propose_then_fail()
    assert not Notification.objects.exists()


def test_a_merged_provinces_staff_are_told_and_no_other_province_is_asked(personas):
    """Bắc Giang merged into Bắc Ninh on 1/7/2025: an office still kept on old Bắc Giang is Bắc Ninh's tenant."""
    from accounts.admin_units import OLD_TO
    from accounts.models import AdministrativeUnit, Organisation, OrganisationKind, Role, UnitLevel, User

    bac_giang = AdministrativeUnit.objects.get(level=UnitLevel.PROVINCE, code="24", valid_to=OLD_TO)
    office = Organisation.objects.create(
        name="Sở Công Thương Bắc Giang (cũ)", kind=OrganisationKind.DEPARTMENT, administrative_unit=bac_giang
    )
    User.objects.create_user(username="bacgiang", role=Role.DEPARTMENT_STAFF, organisation=office)
    project = _draft("BN2019-TS-002")
    project_transition(project=project, action="propose", user=personas.bacninh)
    # bacninh proposed it; Bắc Ninh's other planners (its centre leader) are told, no Hà Nội planner is.
    assert _told(project) == {"bacgiang", "lanhdaobn"}
