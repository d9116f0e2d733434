"""Load Vietnam's administrative units from the `vietnamadminunits` package, idempotently.

The package (MIT) ships, as data files, the 34 provinces and 3.321 communes in
force from 1 July 2025, the 63 provinces, 696 district-level units and 10.035
communes in force until 30 June 2025, and the official old-to-new mapping. We
read those files directly (SQLite and JSON): the package's own API pulls in
geometry and geocoding code this application does not need.

Each unit is keyed by (level, official code, side of the reform). A second run
reads every row once, compares, and writes nothing when nothing changed.
"""

import datetime as dt
import importlib.util
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Q

from accounts.models import AdministrativeUnit, UnitLevel, UnitType

NEW_FROM = dt.date(2025, 7, 1)
OLD_TO = dt.date(2025, 6, 30)
LEGAL_BASIS = "Nghị quyết 202/2025/QH15"
NEW_LEGAL_BASIS = "Nghị quyết 202/2025/QH15; Quyết định 19/2025/QĐ-TTg"
# The dataset lists the units in force on 30/06/2025, not when each began. They are
# dated from Hà Nội's expansion (1/8/2008), before any record this application holds,
# so that a record of any year may name them; the few dates known better are below.
LEGACY_FROM = dt.date(2008, 8, 1)
KNOWN_STARTS = {
    (UnitLevel.PROVINCE, "24"): dt.date(1997, 1, 1),  # Bắc Giang, re-established (Nghị quyết 1996 of Quốc hội khóa IX)
    (UnitLevel.PROVINCE, "27"): dt.date(1997, 1, 1),  # Bắc Ninh, likewise
    (UnitLevel.DISTRICT, "019"): dt.date(2014, 4, 1),  # Nam Từ Liêm (Nghị quyết 132/NQ-CP, 2013)
    (UnitLevel.DISTRICT, "021"): dt.date(2014, 4, 1),  # Bắc Từ Liêm
}

DISTRICT_TYPES = {
    "Quận": UnitType.URBAN_DISTRICT,
    "Huyện": UnitType.RURAL_DISTRICT,
    "Thị xã": UnitType.TOWN,
    "Thành phố": UnitType.PROVINCIAL_CITY,
}
COMMUNE_TYPES = {
    "Xã": UnitType.COMMUNE,
    "Phường": UnitType.WARD,
    "Thị trấn": UnitType.TOWNSHIP,
    "Đặc khu": UnitType.SPECIAL_ZONE,
}
FIELDS = (
    "name",
    "unit_type",
    "parent_id",
    "valid_to",
    "latitude",
    "longitude",
    "legal_basis",
    "is_divided",
    "default_successor_id",
)
STEPS = [
    (UnitLevel.PROVINCE, True),
    (UnitLevel.COMMUNE, True),
    (UnitLevel.PROVINCE, False),
    (UnitLevel.DISTRICT, False),
    (UnitLevel.COMMUNE, False),
]


def data_dir() -> Path:
    """The package's data directory, found without importing the package (its __init__ loads shapely)."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("The vietnamadminunits package is not installed (see requirements.txt).")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _province_type(name: str) -> UnitType:
    return UnitType.CENTRAL_CITY if name.startswith("Thành phố") else UnitType.PROVINCE


@dataclass
class Spec:
    """One unit as the dataset describes it; `parent` and `successors` are keys of other specs."""

    level: str
    code: str
    new: bool
    name: str
    unit_type: str
    latitude: float | None
    longitude: float | None
    parent: tuple | None = None
    successors: set[tuple] = field(default_factory=set)
    default_successor: tuple | None = None
    is_divided: bool = False

    @property
    def key(self) -> tuple:
        return (self.level, self.code, self.new)


def read_dataset(directory: Path | None = None) -> dict[tuple, Spec]:
    """Every unit of both lists, with parents and successors, keyed by (level, code, new)."""
    directory = directory or data_dir()
    db = sqlite3.connect(f"file:{directory / 'dataset.db'}?mode=ro", uri=True)
    mapping = json.loads((directory / "converter_2025.json").read_text(encoding="utf-8"))
    specs: dict[tuple, Spec] = {}

    def add(spec: Spec) -> Spec:
        return specs.setdefault(spec.key, spec)

    new_by_key: dict[tuple[str, str], tuple] = {}  # (provinceKey, wardKey) -> spec key
    new_province_by_key: dict[str, tuple] = {}
    for row in db.execute(
        "SELECT province, provinceCode, provinceLat, provinceLon, provinceKey,"
        " ward, wardType, wardCode, wardLat, wardLon, wardKey FROM admin_units"
    ):
        p_name, p_code, p_lat, p_lon, p_key, w_name, w_type, w_code, w_lat, w_lon, w_key = row
        province = add(Spec(UnitLevel.PROVINCE, p_code, True, p_name, _province_type(p_name), p_lat, p_lon))
        new_province_by_key[p_key] = province.key
        commune = add(
            Spec(UnitLevel.COMMUNE, w_code, True, w_name, COMMUNE_TYPES[w_type], w_lat, w_lon, parent=province.key)
        )
        new_by_key[(p_key, w_key)] = commune.key

    old_by_key: dict[str, tuple] = {}  # "provinceKey_districtKey_wardKey" -> spec key
    old_province_by_key: dict[str, tuple] = {}
    district_communes: dict[tuple, list[tuple]] = {}
    for row in db.execute(
        "SELECT province, provinceCode, provinceLat, provinceLon, provinceKey,"
        " district, districtType, districtCode, districtLat, districtLon, districtKey,"
        " ward, wardType, wardCode, wardLat, wardLon, wardKey FROM admin_units_legacy"
    ):
        (p_name, p_code, p_lat, p_lon, p_key, d_name, d_type, d_code, d_lat, d_lon, d_key) = row[:11]
        w_name, w_type, w_code, w_lat, w_lon, w_key = row[11:]
        province = add(Spec(UnitLevel.PROVINCE, p_code, False, p_name, _province_type(p_name), p_lat, p_lon))
        old_province_by_key[p_key] = province.key
        district = add(
            Spec(UnitLevel.DISTRICT, d_code, False, d_name, DISTRICT_TYPES[d_type], d_lat, d_lon, parent=province.key)
        )
        communes = district_communes.setdefault(district.key, [])
        if w_code is None:
            # Five island districts had no communes; the mapping names the district itself.
            old_by_key[f"{p_key}_{d_key}_"] = district.key
            continue
        commune = add(
            Spec(UnitLevel.COMMUNE, w_code, False, w_name, COMMUNE_TYPES[w_type], w_lat, w_lon, parent=district.key)
        )
        old_by_key[f"{p_key}_{d_key}_{w_key}"] = commune.key
        communes.append(commune.key)
    db.close()
    _link_successors(
        specs,
        mapping,
        new_units=(new_province_by_key, new_by_key),
        old_units=(old_province_by_key, old_by_key),
        district_communes=district_communes,
    )
    return specs


def _link_successors(
    specs: dict[tuple, Spec],
    mapping: dict,
    *,
    new_units: tuple[dict[str, tuple], dict[tuple[str, str], tuple]],
    old_units: tuple[dict[str, tuple], dict[str, tuple]],
    district_communes: dict[tuple, list[tuple]],
) -> None:
    """Each old unit's successors and default successor, from the 2025 converter's mapping."""
    new_province_by_key, new_by_key = new_units
    old_province_by_key, old_by_key = old_units
    for new_p_key, old_p_keys in mapping["DICT_PROVINCE"].items():
        for old_p_key in old_p_keys:
            old = specs[old_province_by_key[old_p_key]]
            old.successors.add(new_province_by_key[new_p_key])
            old.default_successor = new_province_by_key[new_p_key]
    for p_key, wards in mapping["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for w_key, old_keys in wards.items():
            for old_key in old_keys:
                old = specs[old_by_key[old_key]]
                old.successors.add(new_by_key[(p_key, w_key)])
                if old.level == UnitLevel.COMMUNE:
                    old.default_successor = new_by_key[(p_key, w_key)]
    for p_key, olds in mapping["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, news in olds.items():
            old = specs[old_by_key[old_key]]
            old.is_divided = True
            for new in news:
                old.successors.add(new_by_key[(p_key, new["newWardKey"])])
                if new["isDefaultNewWard"]:
                    old.default_successor = new_by_key[(p_key, new["newWardKey"])]
    # An old district leads to the new communes of its old communes.
    for district_key, commune_keys in district_communes.items():
        for commune_key in commune_keys:
            specs[district_key].successors |= specs[commune_key].successors


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    links_added: int = 0
    links_removed: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def _existing() -> dict[tuple, AdministrativeUnit]:
    """The rows that stand for dataset units: new ones from 1/7/2025, old ones in force up to 30/06/2025.

    An older unit that ended before (Hà Nội's huyện Từ Liêm, 2008-2014) keeps its own row."""
    found: dict[tuple, AdministrativeUnit] = {}
    rows = AdministrativeUnit.objects.filter(
        Q(valid_from=NEW_FROM) | Q(valid_from__lt=NEW_FROM, valid_to__isnull=True) | Q(valid_to=OLD_TO)
    ).order_by("valid_from")
    for unit in rows:
        found[(unit.level, unit.code, unit.valid_from >= NEW_FROM)] = unit
    return found


@transaction.atomic
def admin_units_load(*, directory: Path | None = None) -> LoadReport:
    """Create or refresh every unit and successor link of the dataset; a second run writes nothing."""
    specs = read_dataset(directory)
    report = LoadReport()
    existing = _existing()
    # Parents before children and today's units before the old ones, so that each row is
    # written once with its parent and default successor already known.
    for level, new in STEPS:
        to_create: list[AdministrativeUnit] = []
        to_update: list[AdministrativeUnit] = []
        for spec in specs.values():
            if spec.level != level or spec.new != new:
                continue
            values = {
                "name": spec.name,
                "unit_type": spec.unit_type,
                "parent_id": existing[spec.parent].pk if spec.parent else None,
                "valid_to": None if spec.new else OLD_TO,
                "latitude": spec.latitude,
                "longitude": spec.longitude,
                "legal_basis": NEW_LEGAL_BASIS if spec.new else LEGAL_BASIS,
                "is_divided": spec.is_divided,
                "default_successor_id": existing[spec.default_successor].pk if spec.default_successor else None,
            }
            unit = existing.get(spec.key)
            if unit is None:
                valid_from = NEW_FROM if spec.new else KNOWN_STARTS.get((level, spec.code), LEGACY_FROM)
                unit = AdministrativeUnit(level=level, code=spec.code, valid_from=valid_from, **values)
                to_create.append(unit)
                existing[spec.key] = unit
            elif any(getattr(unit, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(unit, name, value)
                to_update.append(unit)
        AdministrativeUnit.objects.bulk_create(to_create, batch_size=2000)
        AdministrativeUnit.objects.bulk_update(to_update, FIELDS, batch_size=2000)
        report.created += len(to_create)
        report.updated += len(to_update)

    # Successor links of the dataset's old units; links the demo or an administrator
    # added to other units (Từ Liêm's split in 2014) are left alone.
    through = AdministrativeUnit.successors.through
    old_ids = {existing[spec.key].pk for spec in specs.values() if not spec.new}
    wanted_links = {
        (existing[spec.key].pk, existing[successor].pk) for spec in specs.values() for successor in spec.successors
    }
    have_links = set(
        through.objects.filter(from_administrativeunit_id__in=old_ids).values_list(
            "from_administrativeunit_id", "to_administrativeunit_id"
        )
    )
    missing = wanted_links - have_links
    stale = have_links - wanted_links
    through.objects.bulk_create(
        [through(from_administrativeunit_id=a, to_administrativeunit_id=b) for a, b in missing], batch_size=5000
    )
    for a, b in stale:
        through.objects.filter(from_administrativeunit_id=a, to_administrativeunit_id=b).delete()
    report.links_added, report.links_removed = len(missing), len(stale)
    if report.created or report.updated or missing or stale:
        # Fresh statistics at once rather than at autovacuum's next pass: without them the
        # planner guesses a few hundred units and picks poor plans for the tenancy subqueries.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {AdministrativeUnit._meta.db_table}, {through._meta.db_table}")
    report.counts = {
        "provinces": sum(1 for s in specs.values() if s.level == UnitLevel.PROVINCE and s.new),
        "communes": sum(1 for s in specs.values() if s.level == UnitLevel.COMMUNE and s.new),
        "old_provinces": sum(1 for s in specs.values() if s.level == UnitLevel.PROVINCE and not s.new),
        "old_districts": sum(1 for s in specs.values() if s.level == UnitLevel.DISTRICT),
        "old_communes": sum(1 for s in specs.values() if s.level == UnitLevel.COMMUNE and not s.new),
        "links": len(wanted_links),
    }
    return report


def admin_units_loaded() -> bool:
    """Cheap check for the demo and the tests: are today's 34 provinces there with their types?"""
    return (
        AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE, valid_from=NEW_FROM).exclude(unit_type="").count()
        >= 34
    )
