"""The user guide without a browser: its data is consistent, its pages open, the help link lands on the chapter."""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from accounts.models import Role
from guide import screenshots
from guide.chapters import BY_ROLE, CHAPTERS
from guide.targets import TARGETS


def test_every_role_has_a_chapter_and_every_chapter_a_known_role():
    assert set(Role.values) == set(BY_ROLE)
    assert all(chapter.role and chapter.login for chapter in CHAPTERS), "every chapter is photographed as its role"


def test_every_step_points_at_a_real_page():
    for chapter in CHAPTERS:
        slugs = [step.slug for step in chapter.steps]
        assert len(slugs) == len(set(slugs)), chapter.slug
        for step in chapter.steps:
            assert step.target in TARGETS, f"{chapter.slug}/{step.slug}"
            for name in step.pages:
                try:
                    reverse(name)
                except NoReverseMatch as error:
                    assert "arguments" in str(error) or "keyword" in str(error), f"{name}: {error}"  # noqa: PT017  reverse() may succeed; only a failure is checked


def test_the_help_link_opens_the_chapter_of_the_role_at_the_step_of_the_page(personas):
    client = Client()
    client.force_login(personas.officer_a)
    page = client.get(reverse("projects:list")).content.decode()
    assert 'href="/huong-dan/can-bo-huyen/#buoc-danh-sach-de-an">Hướng dẫn' in page
    client.force_login(personas.leader)
    page = client.get(reverse("programs:locks")).content.decode()
    assert 'href="/huong-dan/lanh-dao-trung-tam/#buoc-khoa-nam"' in page


def test_a_missing_screenshot_shows_a_placeholder(personas, tmp_path, monkeypatch):
    monkeypatch.setattr(screenshots, "SCREENSHOTS_DIR", tmp_path)
    monkeypatch.setattr("guide.views.has_screenshot", lambda chapter, step: False)
    client = Client()
    client.force_login(personas.viewer)
    page = client.get(reverse("guide:chapter", args=["nguoi-xem"])).content.decode()
    assert "Ảnh chưa được tạo" in page
    assert 'id="buoc-dang-nhap"' in page
    assert client.get(reverse("guide:chapter", args=["khong-co"])).status_code == 404


def test_in_english_the_page_says_the_guide_is_vietnamese_only(personas):
    client = Client()
    client.force_login(personas.staff)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("guide:index")).content.decode()
    assert "The user guide is official documentation and is available in Vietnamese only." in page
    assert "Cán bộ Sở Công Thương" in page


@pytest.mark.slow
def test_the_whole_guide_downloads_as_a_pdf(personas):
    client = Client()
    client.force_login(personas.viewer)
    response = client.get(reverse("guide:pdf"))
    assert response.status_code == 200
    assert response.content[:5] == b"%PDF-"
