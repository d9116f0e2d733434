"""The raw SQL of the aggregates each report kind needs, written by hand.

A report's server time is compared with the time of these statements (the
`report.<kind>.ratio_to_sql` figures): the difference is what the ORM,
completion arithmetic and table building cost on top of the database work.
Each reference reads what its report shows, no more, and may use what the
report's own SQL relies on (a payment belongs to its project's programme).
"""

COUNTING = "('approved', 'under_way', 'adjusted', 'accepted', 'settled')"

TARGETS = "SELECT id, code, name, unit, kind, value, low, high FROM programs_target WHERE programme_id = %(p)s"
CONTENTS = "SELECT id, number, title, parent_id FROM programs_content WHERE programme_id = %(p)s"
OUTPUTS = f"""
SELECT o.target_id, SUM(o.delivered) FROM projects_projectoutput o
  JOIN projects_project j ON j.id = o.project_id
 WHERE j.programme_id = %(p)s AND j.status IN {COUNTING} {{year}} GROUP BY o.target_id"""
RESULTS = """
SELECT r.target_id, SUM(r.quantity) FROM programs_result r JOIN programs_target t ON t.id = r.target_id
 WHERE t.programme_id = %(p)s {year} GROUP BY r.target_id"""
PLANNED = """
SELECT b.content_id, b.funding_source, SUM(b.amount) FROM budgets_plannedbudget b
  JOIN programs_annualplan a ON a.id = b.annual_plan_id
 WHERE a.programme_id = %(p)s {year} GROUP BY 1, 2"""
ALLOCATED = """
SELECT content_id, funding_source, SUM(amount) FROM budgets_allocation
 WHERE programme_id = %(p)s {year} GROUP BY 1, 2"""
DISBURSED = """
SELECT content_id, funding_source, SUM(amount) FROM budgets_disbursement
 WHERE programme_id = %(p)s {year} GROUP BY 1, 2"""


PROGRAMME_UNIT = "SELECT administrative_unit_id FROM programs_programme WHERE id = %(p)s"
SAME_PLACE = (
    f"ARRAY(SELECT id FROM programs_programme WHERE administrative_unit_id IS NOT DISTINCT FROM ({PROGRAMME_UNIT}))"
)


def _year(sql: str, column: str, annual: bool) -> str:
    return sql.format(year=f"AND {column} = %(y)s" if annual else "")


KIND_SQL: dict[str, list[str]] = {
    "summary": [
        TARGETS,
        CONTENTS,
        _year(OUTPUTS, "j.year", False),
        _year(RESULTS, "r.year", False),
        _year(PLANNED, "a.year", False),
        _year(ALLOCATED, "year", False),
        _year(DISBURSED, "year", False),
    ],
    "annual": [
        TARGETS,
        CONTENTS,
        "SELECT t.target_id, t.quantity FROM programs_annualplantarget t JOIN programs_annualplan a "
        "ON a.id = t.annual_plan_id WHERE a.programme_id = %(p)s AND a.year = %(y)s",
        _year(OUTPUTS, "j.year", True),
        _year(RESULTS, "r.year", True),
        _year(PLANNED, "a.year", True),
        _year(ALLOCATED, "year", True),
        _year(DISBURSED, "year", True),
        "SELECT status, COUNT(*), SUM(support_national + support_local) FROM projects_project "
        "WHERE programme_id = %(p)s AND year = %(y)s GROUP BY status",
    ],
    "units": [
        "SELECT administrative_unit_id, COUNT(*), SUM(support_national + support_local), SUM(counterpart) "
        "FROM projects_project WHERE programme_id = %(p)s GROUP BY 1",
        "SELECT j.administrative_unit_id, SUM(d.amount) FROM budgets_disbursement d "
        "JOIN projects_project j ON j.id = d.project_id WHERE d.programme_id = %(p)s AND j.programme_id = %(p)s "
        "GROUP BY 1",
        f"SELECT j.administrative_unit_id, o.target_id, SUM(o.delivered) FROM projects_projectoutput o "
        f"JOIN projects_project j ON j.id = o.project_id WHERE j.programme_id = %(p)s AND j.status IN {COUNTING} "
        "GROUP BY 1, 2",
        "SELECT id, name FROM accounts_administrativeunit WHERE id IN "
        "(SELECT administrative_unit_id FROM projects_project WHERE programme_id = %(p)s)",
    ],
    "sources": [
        "SELECT a.year, b.funding_source, SUM(b.amount) FROM budgets_plannedbudget b "
        "JOIN programs_annualplan a ON a.id = b.annual_plan_id WHERE a.programme_id = %(p)s GROUP BY 1, 2",
        "SELECT year, funding_source, SUM(amount) FROM budgets_allocation WHERE programme_id = %(p)s GROUP BY 1, 2",
        "SELECT year, funding_source, SUM(amount) FROM budgets_disbursement WHERE programme_id = %(p)s GROUP BY 1, 2",
        "SELECT year, SUM(support_national), SUM(support_local), SUM(counterpart) FROM projects_project "
        f"WHERE programme_id = %(p)s AND status IN {COUNTING} GROUP BY 1",
    ],
    "projects": [
        "SELECT j.id, j.code, j.title, j.year, c.number, u.name, j.status, j.support_national, j.support_local, "
        "j.counterpart FROM projects_project j JOIN programs_content c ON c.id = j.content_id "
        "JOIN accounts_administrativeunit u ON u.id = j.administrative_unit_id "
        "WHERE j.programme_id = %(p)s ORDER BY j.year, j.code",
        "SELECT project_id, SUM(amount) FROM budgets_disbursement WHERE programme_id = %(p)s "
        "AND project_id IS NOT NULL GROUP BY 1",
    ],
    "entries": [
        "SELECT d.date, d.voucher_number, d.year, c.number, d.funding_source, j.code, d.is_advance, d.amount, d.note "
        "FROM budgets_disbursement d JOIN programs_content c ON c.id = d.content_id "
        "LEFT JOIN projects_project j ON j.id = d.project_id AND j.programme_id = %(p)s "
        "WHERE d.programme_id = %(p)s ORDER BY d.date, d.voucher_number",
    ],
    # The programmes of the same province (the national ones for a national programme), then the
    # counting projects and the payments of those programmes by programme and year.
    "trend": [
        "SELECT p.id, p.code, u.name FROM programs_programme p "
        "LEFT JOIN accounts_administrativeunit u ON u.id = p.administrative_unit_id "
        f"WHERE p.administrative_unit_id IS NOT DISTINCT FROM ({PROGRAMME_UNIT})",
        "SELECT programme_id, year, COUNT(*), SUM(support_national) + SUM(support_local) FROM projects_project "
        f"WHERE programme_id = ANY({SAME_PLACE}) AND status IN {COUNTING} GROUP BY 1, 2",
        "SELECT programme_id, year, SUM(amount) FROM budgets_disbursement "
        f"WHERE programme_id = ANY({SAME_PLACE}) GROUP BY 1, 2",
    ],
}


def run_kind_sql(cursor, kind: str, programme_id: int, year: int) -> int:
    """Run every statement of `kind`, fetching all rows; return the number of rows."""
    rows = 0
    for sql in KIND_SQL[kind]:
        cursor.execute(sql, {"p": programme_id, "y": year})
        rows += len(cursor.fetchall())
    return rows
