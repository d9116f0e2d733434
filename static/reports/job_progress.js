// Polls an export job's status and updates the progress bar until it is finished.
(function () {
  "use strict";
  const box = document.getElementById("export-job");
  if (!box || box.dataset.finished === "1") return;
  const field = (name) => box.querySelector('[data-field="' + name + '"]');
  async function poll() {
    const response = await fetch(box.dataset.statusUrl, { credentials: "same-origin" });
    if (!response.ok) return;
    const job = await response.json();
    field("status_display").textContent = job.status_display;
    field("percent").value = job.percent || 0;
    field("done").textContent = job.done;
    field("total").textContent = job.total === null ? "…" : job.total;
    if (job.status === "done") {
      field("download").hidden = false;
    } else if (job.status !== "failed") {
      setTimeout(poll, 1500);
    }
  }
  setTimeout(poll, 1000);
})();
