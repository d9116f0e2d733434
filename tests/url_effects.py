"""What an allowed POST of the URL matrix does: valid data to send, and the change to find in the database.

tests/test_url_matrix.py posts each route of tests/url_matrix.py that a persona may post to, with
the data built here, inside a savepoint rolled back afterwards (so the next persona starts from the
same rows), and runs the check: the row created or changed, the status moved, the lock set. A
status code alone proves only that the door opened; the check proves the request did its work.

Keyed by (route name, scope) as in the matrix; `projects:action` rows of one scope share an effect
that reads the action from the URL. Every route with a `post` set needs an entry here
(test_every_allowed_post_has_an_effect names those that lack one).

`Effect.personas` narrows the allowed personas that are tried (None: every one of them) where the
same work done by each of ten personas would only cost time: at least one allowed persona always
proves the effect.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from api.models import ApiToken
from attachments.models import Attachment, AttachmentKind
from attachments.requirements import required_documents
from attachments.services import attachment_upload
from budgets.models import Allocation, Disbursement, PlannedBudget
from execution.models import Appraisal, AppraisalCriterion, Inspection, ProgressReport, ProjectParty
from execution.models import Effect as ProjectEffect
from execution.rules import criteria_in_force, project_day
from imports.models import ImportBatch, ImportStatus
from imports.services import export_workbook, import_workbook, record_batch, upload_directory
from notifications.models import EmailPreference, Notification, NotificationKind
from portal.models import Registration, RegistrationStatus
from programs.models import AnnualPlan, AnnualPlanTarget, Result, Target
from projects.lifecycle import ACTIONS, appraisal_level
from projects.models import Beneficiary, Project, ProjectOutput, ProjectStatus, ProjectTransition
from reporting.freeze import sha256
from reporting.models import Decision, PeriodKind, SenderStatus, Submission
from reporting.models import Round as ReportingRound
from reporting.models import Sender as ReportingSender
from reporting.selectors import candidate_programmes, candidate_senders, sender_staff
from reporting.services import round_open
from reports.models import ExportJob
from tests import hostile_files

MARK = "Kiểm thử ma trận"  # written into a free-text field, then looked for in the database


@dataclass
class Attempt:
    """One allowed persona about to post to one URL of the matrix."""

    objects: dict
    persona: str
    user: User
    client: Client
    url: str
    kwargs: dict


@dataclass(frozen=True)
class Effect:
    data: Callable[[Attempt], dict]
    check: Callable[[Attempt, Any], None]
    personas: frozenset[str] | None = None  # None: every allowed persona


# ----------------------------------------------------------------- reading a page's form as a browser would


class _FormReader(HTMLParser):
    """The POST forms of a page, each as the (name, value) pairs a browser would submit unchanged."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, Any]] = []
        self._form: dict[str, Any] | None = None
        self._select: dict[str, Any] | None = None
        self._textarea: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = {"method": a.get("method", "get").lower(), "action": a.get("action", ""), "fields": []}
            self.forms.append(self._form)
        if self._form is None or "disabled" in a:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self._form["fields"].append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and a.get("name"):
            self._select = {"name": a["name"], "multiple": "multiple" in a, "first": None, "chosen": []}
        elif tag == "option" and self._select is not None:
            value = a.get("value")
            if value is not None:
                if self._select["first"] is None:
                    self._select["first"] = value
                if "selected" in a:
                    self._select["chosen"].append(value)
        elif tag == "textarea" and a.get("name"):
            self._textarea = {"name": a["name"], "text": ""}

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            chosen = self._select["chosen"]
            if not chosen and not self._select["multiple"] and self._select["first"] is not None:
                chosen = [self._select["first"]]
            self._form["fields"].extend((self._select["name"], value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            self._form["fields"].append((self._textarea["name"], self._textarea["text"].lstrip("\n")))
            self._textarea = None


def form_data(client: Client, url: str, **overrides: Any) -> dict[str, Any]:
    """The largest POST form of the page at `url`, as submitted unchanged, with `overrides` applied."""
    response = client.get(url)
    assert response.status_code == 200, f"GET {url}: {response.status_code}"
    reader = _FormReader()
    reader.feed(response.content.decode())
    forms = [form for form in reader.forms if form["method"] == "post"]
    assert forms, f"GET {url}: no POST form"
    form = max(forms, key=lambda f: len(f["fields"]))
    data: dict[str, Any] = {}
    for name, value in form["fields"]:
        data.setdefault(name, []).append(value)
    data.pop("csrfmiddlewaretoken", None)
    data.update(overrides)
    return data


def _redirected(response: Any, label: str) -> None:
    errors = ""
    if response.status_code == 200 and response.context is not None:
        form = response.context.get("form")
        errors = f": {dict(form.errors)}" if form is not None and hasattr(form, "errors") else ""
    assert response.status_code == 302, f"{label}: expected a redirect after saving, got {response.status_code}{errors}"


def _open_year(programme_id: int, year: int) -> None:
    """Unlock the year (inside the rolled-back savepoint) so that a save is judged by access, not by the lock."""
    AnnualPlan.objects.filter(programme_id=programme_id, year=year).update(is_locked=False, locked_by=None)


def _draft(project: Project) -> None:
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.DRAFT)
    _open_year(project.programme_id, project.year)


# ----------------------------------------------------------------- programmes, plans, results, locks


def _plan_data(a: Attempt) -> dict:
    _open_year(a.kwargs["pk"], a.kwargs["year"])
    data = form_data(a.client, a.url)
    # A target's quantity; a programme without targets yet (the national one) plans its money only.
    field = next((n for n in data if n.startswith("target_")), None) or next(n for n in data if n.startswith("budget_"))
    a.objects["_field"] = field
    return data | {field: "4.321"}


def _plan_check(a: Attempt, response: Any) -> None:
    _redirected(response, f"{a.persona} plan")
    plan = AnnualPlan.objects.get(programme_id=a.kwargs["pk"], year=a.kwargs["year"])
    kind, *keys = a.objects["_field"].split("_")
    if kind == "target":
        assert AnnualPlanTarget.objects.get(annual_plan=plan, target_id=int(keys[0])).quantity == 4321
    else:
        content_id, source = int(keys[0]), "_".join(keys[1:])
        assert PlannedBudget.objects.get(annual_plan=plan, content_id=content_id, funding_source=source).amount == 4321


def _target_data(a: Attempt) -> dict:
    return form_data(a.client, a.url) | {
        "code": "MT-99",
        "name": MARK,
        "unit": "lượt",
        "value": "12",
        "target_year": "",
        "source_wording": MARK,
    }


def _target_check(a: Attempt, response: Any) -> None:
    _redirected(response, f"{a.persona} target")
    assert Target.objects.filter(programme_id=a.kwargs["pk"], code="MT-99", name=MARK).exists()


def _lock_data(a: Attempt) -> dict:
    plan = AnnualPlan.objects.get(programme_id=a.kwargs["pk"], year=a.kwargs["year"])
    a.objects["_was_locked"] = plan.is_locked
    return {"locked": "0" if plan.is_locked else "1"}


def _lock_check(a: Attempt, response: Any) -> None:
    _redirected(response, f"{a.persona} lock")
    plan = AnnualPlan.objects.get(programme_id=a.kwargs["pk"], year=a.kwargs["year"])
    assert plan.is_locked is not a.objects["_was_locked"], "the lock did not move"
    if plan.is_locked:
        assert plan.locked_by_id == a.user.pk


def _result_create_data(a: Attempt) -> dict:
    data = form_data(a.client, a.url)
    target = Target.objects.filter(programme_id=a.kwargs["pk"]).order_by("order", "code").first()
    plan = AnnualPlan.objects.filter(programme_id=a.kwargs["pk"]).order_by("-year").first()
    assert target is not None
    assert plan is not None
    _open_year(a.kwargs["pk"], plan.year)
    unit = data.get("administrative_unit", [""])[0]
    if not unit:  # a planner picks a unit of the province; an officer's form offers only their own
        unit = str(a.objects["project_bn" if a.persona == "bacninh" else "result_a"].administrative_unit_id)
    return data | {
        "target": str(target.pk),
        "year": str(plan.year),
        "quantity": "7",
        "note": MARK,
        "administrative_unit": unit,
    }


def _result_create_check(a: Attempt, response: Any) -> None:
    _redirected(response, f"{a.persona} result")
    assert Result.objects.filter(target__programme_id=a.kwargs["pk"], note=MARK, quantity=7).exists()


def _result_edit_data(a: Attempt) -> dict:
    result = Result.objects.select_related("target").get(pk=a.kwargs["pk"])
    _open_year(result.target.programme_id, result.year)
    return form_data(a.client, a.url, note=MARK, quantity="9")


def _result_edit_check(a: Attempt, response: Any) -> None:
    _redirected(response, f"{a.persona} result")
    result = Result.objects.get(pk=a.kwargs["pk"])
    assert (result.note, result.quantity) == (MARK, 9)


# ----------------------------------------------------------------- projects and beneficiaries

# The project whose edit page a persona copies to propose a new one: one of their own reach.
_OWN_PROJECT = {"officer_b": "project_b", "bacninh": "project_bn", "xa": "project_dn"}
_OWN_BENEFICIARY = {"officer_b": "beneficiary_b", "bacninh": "beneficiary_bn", "xa": "beneficiary_dn"}


def _project_create_data(a: Attempt) -> dict:
    source = a.objects[_OWN_PROJECT.get(a.persona, "project_a")]
    _draft(source)
    edit_url = reverse("projects:edit", kwargs={"pk": source.pk})
    data = form_data(a.client, edit_url, code=f"MT-{a.persona}", title=MARK, lock_version="")
    if a.user.organisation_id and a.persona == "xa":  # the source's office is the province's: xa names their own
        data["implementing_organisation"] = str(a.user.organisation_id)
    return data


def _project_create_check(a: Attempt, response: Any) -> None:
    _redirected(response, f"{a.persona} project")
    project = Project.objects.get(code=f"MT-{a.persona}")
    assert (project.title, project.status, project.created_by_id) == (MARK, ProjectStatus.DRAFT, a.user.pk)


def _project_edit_data(a: Attempt) -> dict:
    _draft(Project.objects.get(pk=a.kwargs["pk"]))
    return form_data(a.client, a.url, title=MARK)


def _project_edit_check(a: Attempt, response: Any) -> None:
    _redirected(response, f"{a.persona} project")
    assert Project.objects.get(pk=a.kwargs["pk"]).title == MARK


def _outputs_data(a: Attempt) -> dict:
    _draft(Project.objects.get(pk=a.kwargs["pk"]))
    data = form_data(a.client, a.url)
    field = next(name for name in data if name.startswith("planned_"))
    a.objects["_field"] = field
    return data | {field: "321"}


def _outputs_check(a: Attempt, response: Any) -> None:
    _redirected(response, f"{a.persona} outputs")
    target_id = int(a.objects["_field"].removeprefix("planned_"))
    assert ProjectOutput.objects.get(project_id=a.kwargs["pk"], target_id=target_id).planned == 321


def _action_data(a: Attempt) -> dict:
    project = Project.objects.get(pk=a.kwargs["pk"])
    action = ACTIONS[a.kwargs["action"]]
    if project.status not in action.sources:
        Project.objects.filter(pk=project.pk).update(status=action.sources[0])
    _open_year(project.programme_id, project.year)
    for required in required_documents(project, action.name):
        # The documents the step asks for (the portal's proposals need a file and three quotations).
        for _n in range(required.minimum):
            upload = SimpleUploadedFile("ho-so.pdf", hostile_files.pdf())
            attachment_upload(project=project, kind=required.kind, upload=upload, user=None)
    a.objects["_transitions"] = ProjectTransition.objects.filter(project=project).count()
    return {"comment": MARK}


def _action_check(a: Attempt, response: Any) -> None:
    assert response.status_code == 302, f"{a.persona} action: {response.status_code}"
    project = Project.objects.get(pk=a.kwargs["pk"])
    action = ACTIONS[a.kwargs["action"]]
    last = ProjectTransition.objects.filter(project=project).order_by("-at", "-id").first()
    assert ProjectTransition.objects.filter(project=project).count() == a.objects["_transitions"] + 1, (
        f"{a.persona} {action.name}: no step recorded (status {project.status}):"
        f" {[str(m) for m in get_messages(response.wsgi_request)]}"
    )
    assert last is not None
    assert (last.action, last.actor_id) == (action.name, a.user.pk)
    assert project.status == last.to_status != last.from_status


def _beneficiary_create_data(a: Attempt) -> dict:
    source = a.objects[_OWN_BENEFICIARY.get(a.persona, "beneficiary_a")]
    edit_url = reverse("projects:beneficiary_edit", kwargs={"pk": source.pk})
    tax_code = f"01099{abs(hash(a.persona)) % 100000:05d}"
    a.objects["_tax_code"] = tax_code
    return form_data(a.client, edit_url, name=MARK, tax_code=tax_code, lock_version="")


def _beneficiary_create_check(a: Attempt, response: Any) -> None:
    _redirected(response, f"{a.persona} beneficiary")
    assert Beneficiary.objects.filter(name=MARK, tax_code=a.objects["_tax_code"]).exists()


def _beneficiary_edit_check(a: Attempt, response: Any) -> None:
    _redirected(response, f"{a.persona} beneficiary")
    assert Beneficiary.objects.get(pk=a.kwargs["pk"]).representative == MARK


def _upload_data(a: Attempt) -> dict:
    photo = AttachmentKind.objects.get(code="photo")
    return {"kind": photo.code, "file": SimpleUploadedFile("anh.png", hostile_files.png()), "note": MARK}


def _upload_check(a: Attempt, response: Any) -> None:
    assert response.status_code == 302, f"{a.persona} upload: {response.status_code}"
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert Attachment.objects.filter(project_id=a.kwargs["pk"], note=MARK, uploaded_by=a.user).exists(), said


# ----------------------------------------------------------------- the enterprise's portal, registrations


def _proposal_create_data(a: Attempt) -> dict:
    source = a.objects["proposal_dn"]
    data = form_data(a.client, reverse("portal:proposal_edit", kwargs={"pk": source.pk}), title=MARK)
    return data


def _proposal_create_check(a: Attempt, response: Any) -> None:
    _redirected(response, f"{a.persona} proposal")
    project = Project.objects.get(title=MARK)
    assert project.status == ProjectStatus.DRAFT
    assert project.beneficiaries.filter(pk=a.user.beneficiary_id or -1).exists()


def _proposal_edit_check(a: Attempt, response: Any) -> None:
    _redirected(response, f"{a.persona} proposal")
    assert Project.objects.get(pk=a.kwargs["pk"]).title == MARK


def _registration_check(status: str) -> Callable[[Attempt, Any], None]:
    def check(a: Attempt, response: Any) -> None:
        assert response.status_code == 302
        registration = Registration.objects.get(pk=a.kwargs["pk"])
        assert registration.status == status, f"{a.persona}: registration {registration.status}"
        if status == RegistrationStatus.ACTIVATED:
            assert User.objects.get(pk=registration.user_id).is_active

    return check


# ----------------------------------------------------------------- money


_OWN_ALLOCATION = {"bacninh": "allocation_bn", "bo": "allocation_national"}


def _allocation_create_data(a: Attempt) -> dict:
    source = a.objects[_OWN_ALLOCATION.get(a.persona, "allocation")]
    _open_year(source.programme_id, source.year)
    edit_url = reverse("budgets:allocation_edit", kwargs={"pk": source.pk})
    return form_data(a.client, edit_url, amount="1.000", decision_number="99/MT", note=MARK, lock_version="")


def _allocation_create_check(a: Attempt, response: Any) -> None:
    _redirected(response, f"{a.persona} allocation")
    assert Allocation.objects.filter(note=MARK, decision_number="99/MT", amount=1000).exists()


def _allocation_edit_data(a: Attempt) -> dict:
    allocation = Allocation.objects.get(pk=a.kwargs["pk"])
    _open_year(allocation.programme_id, allocation.year)
    return form_data(a.client, a.url, note=MARK)


def _allocation_edit_check(a: Attempt, response: Any) -> None:
    _redirected(response, f"{a.persona} allocation")
    assert Allocation.objects.get(pk=a.kwargs["pk"]).note == MARK


def _disbursement_data(a: Attempt) -> dict:
    source = a.objects["disbursement_bn" if a.persona == "bacninh" else "disbursement_a"]
    _open_year(source.programme_id, source.year)
    # Room in the year's allocation (Bắc Ninh's is spent to the last đồng), so that access alone decides.
    Allocation.objects.filter(programme_id=source.programme_id, year=source.year).update(amount=F("amount") + 10_000)
    fields = {"date": dt.date(source.year, 12, 30).strftime("%d/%m/%Y"), "voucher_number": "MT-001", "note": MARK}
    if source.project_id is None:  # a payment of the programme's own: the form names programme, content and year
        data = form_data(a.client, a.url, **fields)
        return data | {
            "programme": str(source.programme_id),
            "content": str(source.content_id),
            "year": str(source.year),
            "funding_source": source.funding_source,
            "project": "",
            "amount": "1.000",
        }
    return form_data(a.client, f"{a.url}?project={source.project_id}", amount="1.000", **fields)


def _disbursement_check(a: Attempt, response: Any) -> None:
    _redirected(response, f"{a.persona} disbursement")
    assert Disbursement.objects.filter(voucher_number="MT-001", amount=1000, note=MARK).exists()


# ----------------------------------------------------------------- reports, imports, exports, tokens, password


def _page_answered(a: Attempt, response: Any) -> None:
    # These pages answer a POST as a GET and change nothing: their effect is the page itself.
    assert response.status_code == 200, f"{a.persona}: {response.status_code}"
    assert b"<main" in response.content


def _export_data(a: Attempt) -> dict:
    return {"format": "csv", "narrative": MARK, "number": "", "signer_title": "", "signer_name": "", "recipients": ""}


def _export_check(a: Attempt, response: Any) -> None:
    assert response.status_code == 200, f"{a.persona} export: {response.status_code}"
    assert response["Content-Type"].startswith("text/csv"), response["Content-Type"]
    assert b"".join(response.streaming_content if response.streaming else [response.content])


def _upload_workbook_data(a: Attempt) -> dict:
    buffer = io.BytesIO()
    programme = a.objects["programme"]
    # Exported for the officer's own units (an officer may not import the province's rows); else as the staff.
    author = a.user if a.persona == "officer_a" else User.objects.get(username="canbo")
    export_workbook(programme=programme, year=2020, kind="results", user=author, output=buffer)
    a.objects["_batches"] = ImportBatch.objects.filter(user=a.user).count()
    return {"file": SimpleUploadedFile("ket-qua.xlsx", buffer.getvalue())}


def _upload_workbook_check(a: Attempt, response: Any) -> None:
    assert response.status_code == 302, f"{a.persona} import: {response.status_code}"
    batch = ImportBatch.objects.filter(user=a.user).order_by("-pk").first()
    assert batch is not None
    assert ImportBatch.objects.filter(user=a.user).count() == a.objects["_batches"] + 1
    # Hà Nội's staff may import its results; the enterprise's upload is recorded and refused.
    expected = ImportStatus.REFUSED if a.persona in ("doanhnghiep", "bacninh", "viewer") else ImportStatus.PREVIEWED
    assert batch.status == expected, f"{a.persona}: batch {batch.status} {batch.summary}"
    assert response["Location"] == reverse("imports:preview", kwargs={"batch_id": batch.pk})


def _confirm_data(a: Attempt) -> dict:
    """Make the matrix's batch a previewed upload of a results workbook with one new row of Chương Mỹ."""
    from tests.import_support import append_row

    path = upload_directory() / "ma-tran-ket-qua.xlsx"
    with path.open("wb") as handle:
        export_workbook(programme=a.objects["programme"], year=2020, kind="results", user=a.user, output=handle)
    append_row(path, "Kết quả", ["3.2-HT", None, None, "277", None, "5"])
    outcome = import_workbook(path=path, file_name=path.name, user=a.user, commit=False)
    batch = record_batch(outcome=outcome, user=a.user, size=path.stat().st_size, stored_path=str(path))
    assert batch.status == ImportStatus.PREVIEWED, batch.summary
    fields = ["file_name", "sha256", "status", "summary", "stored_path", "programme_id"]
    for name in fields:
        setattr(a.objects["batch_a"], name, getattr(batch, name))
    a.objects["batch_a"].save(update_fields=[f.removesuffix("_id") for f in fields])
    batch.delete()
    return {}


def _confirm_check(a: Attempt, response: Any) -> None:
    assert response.status_code == 302
    assert ImportBatch.objects.get(pk=a.kwargs["batch_id"]).status == ImportStatus.IMPORTED
    assert Result.objects.filter(
        target__code="3.2-HT", year=2020, administrative_unit__code="277", quantity=5, entered_by=a.user
    ).exists()


def _job_data(a: Attempt) -> dict:
    a.objects["_jobs"] = ExportJob.objects.filter(requested_by=a.user).count()
    return {"kind": "projects", "format": "xlsx"}


def _job_check(a: Attempt, response: Any) -> None:
    assert response.status_code == 302, f"{a.persona} job: {response.status_code} {response.content[:200]!r}"
    assert ExportJob.objects.filter(requested_by=a.user).count() == a.objects["_jobs"] + 1


def _token_check(a: Attempt, response: Any) -> None:
    assert response.status_code == 200
    assert ApiToken.objects.filter(user=a.user, name=MARK, revoked_at__isnull=True).exists()


def _revoke_check(a: Attempt, response: Any) -> None:
    assert response.status_code == 302
    token = ApiToken.objects.get(pk=a.kwargs["pk"])
    assert token.revoked_at is not None
    assert token.revoked_by_id == a.user.pk


NEW_PASSWORD = "Ma-tran-kiem-thu-2026!"


def _password_data(a: Attempt) -> dict:
    return {"old_password": "khuyencong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}


def _password_check(a: Attempt, response: Any) -> None:
    _redirected(response, f"{a.persona} password")
    assert User.objects.get(pk=a.user.pk).check_password(NEW_PASSWORD)


# ----------------------------------------------------------------- a project under way (execution)


def _status(a: Attempt, status: str) -> Project:
    """The project of the URL in `status` (inside the savepoint), its year open, its start today or earlier."""
    project = Project.objects.get(pk=a.kwargs["pk"])
    today = timezone.localdate()
    changes: dict[str, Any] = {"status": status}
    if project.start_date and project.start_date > today:
        changes["start_date"] = today
    Project.objects.filter(pk=project.pk).update(**changes)
    _open_year(project.programme_id, project.year)
    project.refresh_from_db()
    return project


def _inspection_data(a: Attempt) -> dict:
    _status(a, ProjectStatus.UNDER_WAY)
    return {
        "inspected_on": timezone.localdate().strftime("%d/%m/%Y"),
        "verified_percent": "45",
        "findings": MARK,
        "minutes": SimpleUploadedFile("bien-ban-kiem-tra.pdf", hostile_files.pdf(), content_type="application/pdf"),
    }


def _inspection_check(a: Attempt, response: Any) -> None:
    _redirected(response, f"{a.persona} inspection")
    inspection = Inspection.objects.get(project_id=a.kwargs["pk"], findings=MARK)
    assert (inspection.recorded_by_id, inspection.verified_percent) == (a.user.pk, 45)
    assert inspection.minutes.kind.code == "inspection_minutes"


def _progress_data(a: Attempt) -> dict:
    project = _status(a, ProjectStatus.UNDER_WAY)
    month = timezone.localdate().replace(day=1)
    if project.start_date and project.start_date > month:
        Project.objects.filter(pk=project.pk).update(start_date=month)
    # This month's report, if the demo has one, would refuse a second: the persona sends it anew.
    ProgressReport.objects.filter(project=project, month=month).delete()
    return {
        "month": f"{month:%m/%Y}",
        "percent_done": "100",
        "delivered": MARK,
        "photos": SimpleUploadedFile("anh.png", hostile_files.png(), content_type="image/png"),
    }


def _progress_check(a: Attempt, response: Any) -> None:
    _redirected(response, f"{a.persona} progress")
    report = ProgressReport.objects.get(project_id=a.kwargs["pk"], delivered=MARK)
    assert (report.reported_by_id, report.percent_done, report.photos.count()) == (a.user.pk, 100, 1)


_EFFECT_FIGURES = {
    "jobs_created": "37",
    "average_income": "8.500.000",
    "revenue_before": "1.000.000.000",
    "revenue_after": "1.450.000.000",
    "production_value_before": "900.000.000",
    "production_value_after": "1.300.000.000",
    "budget_contribution": "65.000.000",
    "new_products": "3",
    "female_share": "40",
    "disabled_share": "2",
}


def _effect_data(a: Attempt) -> dict:
    _status(a, ProjectStatus.ACCEPTED)
    return dict(_EFFECT_FIGURES)


def _effect_check(a: Attempt, response: Any) -> None:
    _redirected(response, f"{a.persona} effect")
    effect = ProjectEffect.objects.get(project_id=a.kwargs["pk"])
    assert (effect.jobs_created, effect.revenue_after, effect.recorded_by_id) == (37, 1_450_000_000, a.user.pk)


def _appraisal_data(a: Attempt) -> dict:
    project = Project.objects.get(pk=a.kwargs["pk"])
    # The Department appraises a proposal; the ministry's (national) project already waits at its second level.
    project = _status(a, project.status if appraisal_level(project.status) else ProjectStatus.PROPOSED)
    if not criteria_in_force(project).exists():
        # A project older than the checklist (dated reference data): the checklist in force is taken back to its
        # start, as an administrator would date it, so that the appraisal is judged by access alone.
        AppraisalCriterion.objects.filter(valid_to__isnull=True).update(valid_from=project_day(project))
    for required in required_documents(project, "appraise"):
        for _n in range(required.minimum):
            upload = SimpleUploadedFile("ho-so.pdf", hostile_files.pdf())
            attachment_upload(project=project, kind=required.kind, upload=upload, user=None)
    a.objects["_from_status"] = project.status
    data: dict[str, Any] = {
        "mode": "officer",
        "conclusion": "passed",
        "opinion": MARK,
        "minutes": SimpleUploadedFile("bien-ban-tham-dinh.pdf", hostile_files.pdf(), content_type="application/pdf"),
    }
    for criterion in criteria_in_force(project):
        data[f"criterion_{criterion.pk}_met"] = "1"
        data[f"criterion_{criterion.pk}_points"] = str(criterion.max_points)
    return data


def _appraisal_check(a: Attempt, response: Any) -> None:
    _redirected(response, f"{a.persona} appraisal")
    appraisal = Appraisal.objects.get(project_id=a.kwargs["pk"], opinion=MARK)
    assert (appraisal.appraised_by_id, appraisal.conclusion) == (a.user.pk, "passed")
    assert appraisal.transition is not None, "a passed appraisal takes the «Thẩm định» step"
    assert appraisal.transition.from_status == a.objects["_from_status"]
    assert Project.objects.get(pk=a.kwargs["pk"]).status == appraisal.transition.to_status


def _party_data(a: Attempt) -> dict:
    _status(a, ProjectStatus.UNDER_WAY)
    return {
        "role": "contractor",
        "name": MARK,
        "tax_code": "0103887658",
        "contract_number": "15/2026/HĐ",
        "contract_date": timezone.localdate().strftime("%d/%m/%Y"),
    }


def _party_check(a: Attempt, response: Any) -> None:
    _redirected(response, f"{a.persona} party")
    party = ProjectParty.objects.get(project_id=a.kwargs["pk"], name=MARK)
    assert (party.role, party.tax_code, party.recorded_by_id) == ("contractor", "0103887658", a.user.pk)


# ----------------------------------------------------------------- notifications


def _preferences_data(a: Attempt) -> dict:
    # Every kind by e-mail except the late reports' (an unchecked box is not sent).
    return {kind: "on" for kind in NotificationKind.values if kind != NotificationKind.REPORT_LATE}


def _preferences_check(a: Attempt, response: Any) -> None:
    _redirected(response, f"{a.persona} preferences")
    stored = dict(EmailPreference.objects.filter(user=a.user).values_list("kind", "by_email"))
    assert stored == {kind: kind != NotificationKind.REPORT_LATE for kind in NotificationKind.values}, stored


def _read_check(a: Attempt, response: Any) -> None:
    assert response.status_code == 302, f"{a.persona} read: {response.status_code}"
    assert Notification.objects.get(pk=a.kwargs["pk"]).read_at is not None


def _read_all_data(a: Attempt) -> dict:
    Notification.objects.create(recipient=a.user, kind=NotificationKind.REPORT_DUE, subject=MARK)
    return {}


def _read_all_check(a: Attempt, response: Any) -> None:
    assert response.status_code == 302, f"{a.persona} read all: {response.status_code}"
    assert Notification.objects.filter(recipient=a.user, subject=MARK, read_at__isnull=False).exists()
    assert not Notification.objects.filter(recipient=a.user, read_at__isnull=True).exists()


# ----------------------------------------------------------------- reporting rounds

# The kind each opener's round is tried with: a Department's own quarterly report (the sender is the
# Department itself, whose staff are told), the ministry's quarterly report from the Departments.
_KIND_OF_ROLE = {Role.DEPARTMENT_STAFF: "so-quy-ubnd", Role.MINISTRY_OFFICER: "so-quy-bo"}


def _free_round(user: User) -> dict[str, Any]:
    """A period not yet opened, long past (so its senders are late), of a programme and kind the user opens."""
    kind = PeriodKind.objects.get(code=_KIND_OF_ROLE[Role(user.role)])
    senders = [o for o in candidate_senders(kind, user) if User.objects.filter(organisation=o, is_active=True)]
    for programme in candidate_programmes(kind, user).order_by("first_year", "code"):
        for year in programme.years:
            taken = ReportingRound.objects.filter(period_kind=kind, year=year, number=1, programme=programme)
            if year < timezone.localdate().year and not taken.exists():
                return {
                    "period_kind": kind,
                    "year": year,
                    "number": 1,
                    "programme": programme,
                    "organisations": senders,
                }
    raise AssertionError(f"{user}: no free period to open")


def _round_create_data(a: Attempt) -> dict:
    fields = _free_round(a.user)
    a.objects["_round"] = fields
    return {
        "period_kind": str(fields["period_kind"].pk),
        "year": str(fields["year"]),
        "number": "1",
        "programme": str(fields["programme"].pk),
        "organisations": [str(o.pk) for o in fields["organisations"]],
    }


def _round_create_check(a: Attempt, response: Any) -> None:
    _redirected(response, f"{a.persona} round")
    fields = a.objects["_round"]
    round = ReportingRound.objects.get(
        period_kind=fields["period_kind"], year=fields["year"], number=1, programme=fields["programme"]
    )
    assert (round.opened_by_id, round.receiver_organisation_id) == (a.user.pk, a.user.organisation_id)
    assert {s.organisation_id for s in round.senders.all()} == {o.pk for o in fields["organisations"]}


def _remind_data(a: Attempt) -> dict:
    # A round of the user's own, long overdue, so that there is someone late to remind today.
    round_open(user=a.user, **_free_round(a.user))
    a.objects["_late"] = Notification.objects.filter(kind=NotificationKind.REPORT_LATE).count()
    return {}


def _remind_check(a: Attempt, response: Any) -> None:
    assert response.status_code == 302, f"{a.persona} remind: {response.status_code}"
    told = Notification.objects.filter(
        kind=NotificationKind.REPORT_LATE, dedup_key__startswith=f"reporting:late-by-{a.user.pk}:"
    )
    assert Notification.objects.filter(kind=NotificationKind.REPORT_LATE).count() > a.objects["_late"]
    assert told.exists(), [str(m) for m in get_messages(response.wsgi_request)]


def _sender_action_data(a: Attempt) -> dict:
    """The sender's report in the state the action starts from (the demo's is accepted or returned)."""
    sender = ReportingSender.objects.select_related("round__period_kind").get(pk=a.kwargs["pk"])
    action = a.kwargs["action"]
    if action == "draft":
        ReportingSender.objects.filter(pk=sender.pk).update(status=SenderStatus.RETURNED)
    else:
        # A draft; to be submitted, signed off by one of the Department's leaders (or, without one, its staff).
        signer = None
        if action == "submit":
            signer = sender_staff(sender).filter(role__in=sender.round.period_kind.signoff_roles).first() or a.user
        ReportingSender.objects.filter(pk=sender.pk).update(
            status=SenderStatus.DRAFT, signed_off_by=signer, signed_off_at=timezone.now() if signer else None
        )
    a.objects["_versions"] = sender.versions.count()
    return {}


def _sender_action_check(a: Attempt, response: Any) -> None:
    assert response.status_code == 302, f"{a.persona} report: {response.status_code}"
    said = [str(m) for m in get_messages(response.wsgi_request)]
    sender = ReportingSender.objects.get(pk=a.kwargs["pk"])
    action = a.kwargs["action"]
    if action == "draft":
        assert (sender.status, sender.signed_off_by_id) == (SenderStatus.DRAFT, None), said
    elif action == "signoff":
        assert sender.signed_off_by_id == a.user.pk, said
    else:
        assert sender.status == SenderStatus.SUBMITTED, said
        latest = sender.versions.order_by("-version").first()
        assert latest is not None
        assert sender.versions.count() == a.objects["_versions"] + 1
        assert (latest.submitted_by_id, latest.decision) == (a.user.pk, Decision.PENDING)
        assert latest.pdf_sha256 == sha256(latest.pdf.read())


def _decide_data(a: Attempt) -> dict:
    """The submission waits for the receiver again (the demo decided both), the last version of its sender."""
    submission = Submission.objects.get(pk=a.kwargs["pk"])
    Submission.objects.filter(sender_id=submission.sender_id, version__gt=submission.version).delete()
    Submission.objects.filter(pk=submission.pk).update(
        decision=Decision.PENDING, decided_by=None, decided_at=None, return_reason=""
    )
    ReportingSender.objects.filter(pk=submission.sender_id).update(status=SenderStatus.SUBMITTED)
    return {"reason": MARK} if a.kwargs["action"] == "return" else {}


def _decide_check(a: Attempt, response: Any) -> None:
    assert response.status_code == 302, f"{a.persona} decision: {response.status_code}"
    said = [str(m) for m in get_messages(response.wsgi_request)]
    submission = Submission.objects.select_related("sender").get(pk=a.kwargs["pk"])
    accepted = a.kwargs["action"] == "accept"
    expected = (Decision.ACCEPTED, SenderStatus.ACCEPTED) if accepted else (Decision.RETURNED, SenderStatus.RETURNED)
    assert (submission.decision, submission.sender.status) == expected, said
    assert submission.decided_by_id == a.user.pk
    assert submission.return_reason == ("" if accepted else MARK)
    kind = NotificationKind.REPORT_ACCEPTED if accepted else NotificationKind.REPORT_RETURNED
    assert Notification.objects.filter(kind=kind, dedup_key=f"reporting:{kind.value}:{submission.pk}").exists()


# ----------------------------------------------------------------- the table


def _each_scope(name: str, scopes: tuple[str, ...], effect: Effect) -> dict[tuple[str, str], Effect]:
    return {(name, scope): effect for scope in scopes}


_FEW = frozenset({"staff", "officer_a", "bacninh", "doanhnghiep"})  # for routes every persona may post to

EFFECTS: dict[tuple[str, str], Effect] = {
    ("password_change", ""): Effect(_password_data, _password_check, personas=frozenset({"staff", "doanhnghiep"})),
    **_each_scope("programs:plan", ("province", "bn", "national"), Effect(_plan_data, _plan_check)),
    **_each_scope("programs:target_create", ("province", "bn", "national"), Effect(_target_data, _target_check)),
    **_each_scope("programs:lock", ("province", "bn", "national"), Effect(_lock_data, _lock_check)),
    **_each_scope("programs:result_create", ("province", "bn"), Effect(_result_create_data, _result_create_check)),
    **_each_scope("programs:result_edit", ("a", "b", "bn"), Effect(_result_edit_data, _result_edit_check)),
    ("projects:create", ""): Effect(_project_create_data, _project_create_check),
    **_each_scope("projects:edit", ("a", "b", "bn"), Effect(_project_edit_data, _project_edit_check)),
    **_each_scope("projects:outputs", ("a", "b", "bn"), Effect(_outputs_data, _outputs_check)),
    **_each_scope("projects:action", ("a", "b", "bn", "national", "dn"), Effect(_action_data, _action_check)),
    ("projects:beneficiary_create", ""): Effect(_beneficiary_create_data, _beneficiary_create_check),
    **_each_scope(
        "projects:beneficiary_edit",
        ("a", "b", "bn"),
        Effect(lambda a: form_data(a.client, a.url, representative=MARK), _beneficiary_edit_check),
    ),
    **_each_scope("attachments:upload", ("a", "b", "bn", "dn"), Effect(_upload_data, _upload_check)),
    ("portal:proposal_create", ""): Effect(_proposal_create_data, _proposal_create_check),
    ("portal:proposal_edit", "dn"): Effect(lambda a: form_data(a.client, a.url, title=MARK), _proposal_edit_check),
    **_each_scope(
        "portal:registration_activate",
        ("province", "bn"),
        Effect(lambda a: {}, _registration_check(RegistrationStatus.ACTIVATED)),
    ),
    **_each_scope(
        "portal:registration_refuse",
        ("province", "bn"),
        Effect(lambda a: {"refusal_reason": MARK}, _registration_check(RegistrationStatus.REFUSED)),
    ),
    ("budgets:allocation_create", ""): Effect(_allocation_create_data, _allocation_create_check),
    **_each_scope(
        "budgets:allocation_edit", ("province", "bn", "national"), Effect(_allocation_edit_data, _allocation_edit_check)
    ),
    ("budgets:disbursement_create", ""): Effect(_disbursement_data, _disbursement_check),
    ("reports:index", ""): Effect(lambda a: {}, _page_answered, personas=_FEW),
    **_each_scope("reports:overview", ("province", "bn"), Effect(lambda a: {}, _page_answered)),
    **_each_scope("reports:report", ("province", "bn"), Effect(_export_data, _export_check)),
    ("imports:upload", ""): Effect(_upload_workbook_data, _upload_workbook_check, personas=_FEW | {"viewer"}),
    ("imports:confirm", "a"): Effect(_confirm_data, _confirm_check),
    ("reports:job_list", ""): Effect(_job_data, _job_check, personas=_FEW),
    ("api_tokens", ""): Effect(lambda a: {"name": MARK}, _token_check),
    ("api_token_revoke", "a"): Effect(lambda a: {}, _revoke_check),
    **_each_scope("execution:inspection_create", ("dn", "bn"), Effect(_inspection_data, _inspection_check)),
    **_each_scope("execution:progress_create", ("dn", "bn"), Effect(_progress_data, _progress_check)),
    **_each_scope("execution:effect_edit", ("dn", "bn"), Effect(_effect_data, _effect_check)),
    **_each_scope("execution:appraisal_create", ("dn", "bn", "national"), Effect(_appraisal_data, _appraisal_check)),
    **_each_scope("execution:party_create", ("dn", "bn"), Effect(_party_data, _party_check)),
    ("notifications:preferences", ""): Effect(_preferences_data, _preferences_check, personas=_FEW),
    ("notifications:read", "a"): Effect(lambda a: {}, _read_check),
    ("notifications:read_all", ""): Effect(_read_all_data, _read_all_check, personas=_FEW),
    ("reporting:round_create", ""): Effect(_round_create_data, _round_create_check),
    ("reporting:remind_late", ""): Effect(_remind_data, _remind_check),
    **_each_scope("reporting:sender_action", ("province", "bn"), Effect(_sender_action_data, _sender_action_check)),
    **_each_scope("reporting:submission_decide", ("province", "bn"), Effect(_decide_data, _decide_check)),
}
