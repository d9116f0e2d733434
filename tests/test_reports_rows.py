"""Listing rows are built as they are read: a page of 500 builds 500, an export builds each once."""

from django.core.paginator import Paginator

from reports.selectors import BuiltRows, Row


def _rows(count):
    built = []

    def build(record):
        built.append(record)
        return Row({"n": record[0]})

    return BuiltRows([(n,) for n in range(count)], build), built


def test_a_screen_builds_only_its_rows():
    rows, built = _rows(1200)
    page = Paginator(rows, 500).get_page(2)
    assert [row.cells["n"] for row in page.object_list] == list(range(500, 1000))
    assert len(built) == 500
    assert page.paginator.num_pages == 3


def test_it_reads_like_a_list():
    rows, built = _rows(5)
    assert len(rows) == 5
    assert not built
    assert rows[0].cells == {"n": 0}
    assert rows[-1].cells == {"n": 4}
    assert [row.cells["n"] for row in rows[1:3]] == [1, 2]
    assert [row.cells["n"] for row in rows] == [0, 1, 2, 3, 4]
    assert [row.cells["n"] for row in [*rows, Row({"n": "total"}, style="total")]][-1] == "total"
    assert all(row.style == "item" for row in rows)


def test_an_empty_queryset_fetches_no_rows(db):
    from projects.models import Project
    from reports.sql import fetch_rows

    assert fetch_rows(Project.objects.none().values_list("code")) == []
