"""Helpers shared by the report tests: growing the data tenfold, reading files back."""

import subprocess
from pathlib import Path

from budgets.models import Disbursement
from programs.models import Programme, Result
from projects.models import Project, ProjectOutput

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def grow_tenfold(programme: Programme) -> None:
    """Nine more copies of every project, output, payment and result of the programme."""
    projects = list(Project.objects.filter(programme=programme))
    outputs = list(ProjectOutput.objects.filter(project__programme=programme))
    payments = list(Disbursement.objects.filter(programme=programme))
    results = list(Result.objects.filter(target__programme=programme))
    for copy in range(1, 10):
        clones = {}
        for project in projects:
            clone = Project(
                **{
                    f.attname: getattr(project, f.attname)
                    for f in Project._meta.concrete_fields
                    if f.attname not in ("id", "code")
                },
                code=f"{project.code}-X{copy}",
            )
            clones[project.pk] = clone
        Project.objects.bulk_create(clones.values())
        ProjectOutput.objects.bulk_create(
            ProjectOutput(project=clones[o.project_id], target_id=o.target_id, planned=o.planned, delivered=o.delivered)
            for o in outputs
        )
        Disbursement.objects.bulk_create(
            Disbursement(
                **{
                    f.attname: getattr(d, f.attname)
                    for f in Disbursement._meta.concrete_fields
                    if f.attname not in ("id", "project_id", "voucher_number")
                },
                project=clones[d.project_id] if d.project_id else None,
                voucher_number=f"{d.voucher_number}-X{copy}",
            )
            for d in payments
        )
        Result.objects.bulk_create(
            Result(
                **{f.attname: getattr(r, f.attname) for f in Result._meta.concrete_fields if f.attname != "id"}
                | {"id": None}
            )
            for r in results
        )


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def pdf_page_png(path: Path, page: int, stem: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    prefix = ARTIFACTS / stem
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile", str(path), str(prefix)],
        check=True,
    )
    return prefix.with_suffix(".png")
