"""The PDF, read back with poppler: the state's document format and the seed's figures."""

import pytest

from reports.pdf import STATIC_DIR, RefusedURL, StaticOnlyFetcher, render_pdf
from reports.selectors import build_overview, build_report
from tests.reports_helpers import pdf_page_png, pdf_text


@pytest.fixture
def summary_pdf(demo, personas, tmp_path):
    report = build_report("summary", programme=demo.hn2011, user=personas.staff)
    overview = build_overview(programme=demo.hn2011, user=personas.staff)
    path = tmp_path / "summary.pdf"
    path.write_bytes(render_pdf(report, overview))
    return path


def test_it_reads_back_as_an_official_report_with_the_seed_figures(summary_pdf):
    text = pdf_text(summary_pdf)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "SỞ CÔNG THƯƠNG HÀ NỘI",
        "/BC-SCT",
        "BÁO CÁO",
        "17.800",
        "71,2%",
        "31,67%",
        "187%",
        "95,53%",
        "94,5%",
        "Bằng chữ: Bảy mươi bảy tỷ, sáu trăm ba mươi triệu đồng",
        "Nơi nhận:",
        "GIÁM ĐỐC",
    ):
        assert expected in text, expected


def test_it_numbers_pages_from_the_second(summary_pdf):
    pages = pdf_text(summary_pdf).split("\f")
    assert len([p for p in pages if p.strip()]) >= 2
    assert pages[1].strip().splitlines()[0].strip() == "2"
    assert not pages[0].strip().splitlines()[0].strip().isdigit()


def test_it_embeds_the_shipped_font(summary_pdf):
    import subprocess

    fonts = subprocess.run(["pdffonts", str(summary_pdf)], capture_output=True, text=True, check=True).stdout
    assert "Liberation-Serif" in fonts
    assert "DejaVu" not in fonts


def test_a_page_is_kept_as_a_picture(summary_pdf):
    first = pdf_page_png(summary_pdf, 1, "summary-page-1")
    second = pdf_page_png(summary_pdf, 2, "summary-page-2")
    assert first.stat().st_size > 10_000
    assert second.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/font.ttf",
        "https://127.0.0.1/static/reports/pdf.css",
        "ftp://example.com/x",
        "data:text/css,body{}",
        "file://otherhost" + str(STATIC_DIR / "reports" / "pdf.css"),
        (STATIC_DIR / "reports" / ".." / ".." / "manage.py").as_uri(),
        (STATIC_DIR / "reports").as_uri(),
    ],
)
def test_the_fetcher_refuses_anything_but_the_static_files(url):
    with pytest.raises(RefusedURL):
        StaticOnlyFetcher().fetch(url)


def test_the_fetcher_serves_the_shipped_font():
    response = StaticOnlyFetcher().fetch((STATIC_DIR / "fonts" / "LiberationSerif-Regular.ttf").as_uri())
    assert response.read()[:4] == b"\x00\x01\x00\x00"


def test_a_document_that_asks_for_other_files_gets_nothing(demo, personas, tmp_path):
    from weasyprint import HTML

    html = '<img src="file:///etc/passwd"><link rel="stylesheet" href="http://127.0.0.1:9/x.css"><p>ok</p>'
    fetched = []

    class Recording(StaticOnlyFetcher):
        def fetch(self, url, headers=None):
            fetched.append(url)
            return super().fetch(url, headers)

    pdf = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=Recording()).write_pdf()
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    assert "root:" not in pdf_text(path)
    assert "file:///etc/passwd" in fetched


def test_long_tables_repeat_their_header_on_every_page(demo, personas, tmp_path):
    path = tmp_path / "projects.pdf"
    path.write_bytes(render_pdf(build_report("projects", programme=demo.hn2011, user=personas.staff)))
    pages = [p for p in pdf_text(path).split("\f") if p.strip()]
    assert len(pages) > 3
    with_rows = [page for page in pages[1:] if "HN201" in page]
    assert len(with_rows) > 2
    assert all("Tên đề án" in page for page in with_rows)
    assert "Tổng cộng: 144 đề án" in " ".join(pages[-2:])


def test_an_officers_pdf_is_issued_by_their_office_with_only_their_unit(demo, personas, tmp_path):
    path = tmp_path / "officer.pdf"
    path.write_bytes(render_pdf(build_report("projects", programme=demo.hn2011, user=personas.officer_a)))
    text = " ".join(pdf_text(path).split())
    assert "PHÒNG KINH TẾ HUYỆN" in text
    assert "CHƯƠNG MỸ" in text
    assert "Chương Mỹ, ngày" in text
    assert "Thanh Oai" not in text
    assert "Huyện Chương Mỹ" in text
