"""The bell in a real browser: a proposal waits for canbo, who follows the notification to the project."""

import re

from notifications.models import Notification
from projects.models import Project, ProjectStatus
from projects.services import project_transition
from tests.browser_support import requires_browser

pytestmark = requires_browser


def _badge(page) -> str:
    badge = page.query_selector("#nav-notifications .badge")
    return badge.inner_text().split()[0] if badge else ""


def test_canbo_follows_the_bell_to_the_waiting_project(
    demo_restored_afterwards, transactional_db, demo, personas, live_server, page
):
    Notification.objects.filter(recipient=personas.staff).delete()
    Project.objects.filter(code="HN2020-CM-002").update(status=ProjectStatus.DRAFT)
    project = Project.objects.get(code="HN2020-CM-002")
    project_transition(project=project, action="propose", user=personas.officer_a)

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "canbo")
    page.fill("#id_password", "khuyencong")
    page.click("button[type=submit]")
    page.wait_for_selector("text=Xin chào")
    assert _badge(page) == "1"

    page.click("#nav-notifications")
    page.wait_for_selector("h1:has-text('Thông báo')")
    page.click("text=Đề án HN2020-CM-002 chờ thẩm định")
    page.wait_for_url(re.compile(rf"/projects/{project.pk}/$"))
    assert _badge(page) == ""  # read by following it

    Notification.objects.filter(recipient=personas.staff).update(read_at=None)
    page.goto(f"{live_server.url}/notifications/")
    page.click("text=Đánh dấu tất cả là đã đọc")
    page.wait_for_selector("text=Đã đánh dấu 1 thông báo là đã đọc.")
    assert _badge(page) == ""
    assert not Notification.objects.filter(recipient=personas.staff, read_at__isnull=True).exists()
