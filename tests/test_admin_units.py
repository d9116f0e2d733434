"""The official administrative units (vietnamadminunits 1.0.4), loaded by the test set-up."""

import datetime as dt

from accounts.admin_units import OLD_TO, admin_units_load
from accounts.models import AdministrativeUnit, UnitLevel, UnitType

TODAY = dt.date(2026, 12, 1)
U = AdministrativeUnit.objects


def test_counts_before_and_after_the_reform(demo):
    today = U.valid_on(TODAY)
    assert today.filter(level=UnitLevel.PROVINCE).count() == 34
    communes = today.filter(level=UnitLevel.COMMUNE)
    assert communes.count() == 3321
    assert communes.filter(unit_type=UnitType.COMMUNE).count() == 2621
    assert communes.filter(unit_type=UnitType.WARD).count() == 687
    assert communes.filter(unit_type=UnitType.SPECIAL_ZONE).count() == 13
    old = U.filter(valid_to=OLD_TO, legal_basis="Nghị quyết 202/2025/QH15")
    assert old.filter(level=UnitLevel.PROVINCE).count() == 63
    assert old.filter(level=UnitLevel.DISTRICT).count() == 696
    # The dataset's 10.040 rows hold 10.035 communes and five island districts without one.
    assert old.filter(level=UnitLevel.COMMUNE).count() == 10035


def test_a_second_run_changes_nothing(demo):
    before = list(U.order_by("pk").values_list("pk", "code", "valid_from", "valid_to", "default_successor_id"))
    report = admin_units_load()
    assert (report.created, report.updated, report.links_added, report.links_removed) == (0, 0, 0, 0)
    assert list(U.order_by("pk").values_list("pk", "code", "valid_from", "valid_to", "default_successor_id")) == before


def test_successors_of_a_whole_and_of_a_divided_commune(demo):
    whole = U.get(level=UnitLevel.COMMUNE, code="00001", valid_to=OLD_TO)  # Phường Phúc Xá, Ba Đình
    assert not whole.is_divided
    assert [s.name for s in whole.successors.all()] == [whole.default_successor.name]
    divided = U.filter(level=UnitLevel.COMMUNE, valid_to=OLD_TO, is_divided=True).first()
    assert divided.successors.count() >= 2
    assert divided.default_successor in divided.successors.all()


def test_hanoi_today_and_bac_giang_into_bac_ninh(demo):
    hanoi = U.get(level=UnitLevel.PROVINCE, code="01", valid_to=None)
    assert U.valid_on(TODAY).filter(parent=hanoi).count() == 126
    bac_giang = U.get(level=UnitLevel.PROVINCE, code="24", valid_to=OLD_TO)
    assert [s.name for s in bac_giang.successors.all()] == ["Tỉnh Bắc Ninh"]
    commune = U.filter(parent__parent=bac_giang).first()
    assert commune.province_on(TODAY).name == "Tỉnh Bắc Ninh"


def test_the_demo_chuong_my_is_the_official_district(demo):
    from projects.models import Project

    chuong_my = U.get(level=UnitLevel.DISTRICT, code="277")
    assert chuong_my.unit_type == UnitType.RURAL_DISTRICT
    assert chuong_my.latitude is not None
    assert Project.objects.filter(administrative_unit=chuong_my).exists()
    assert U.filter(name="Huyện Chương Mỹ").count() == 1


def test_search_without_diacritics_and_predecessors(demo):
    assert "Huyện Chương Mỹ" in U.search("chuong my").values_list("name", flat=True)
    new = U.get(
        level=UnitLevel.COMMUNE, valid_to=None, code=U.get(code="00001", valid_to=OLD_TO).default_successor.code
    )
    names = set(U.with_predecessors(new).values_list("name", flat=True))
    assert "Phường Phúc Xá" in names
    assert not U.with_predecessors(new).filter(level=UnitLevel.DISTRICT).exists()
