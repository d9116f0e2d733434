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
    const bar = field("percent");
    const number = (n) => Number(n).toLocaleString("vi-VN");  // 17.800, as the page writes numbers
    if (job.total) {
      bar.max = job.total;
      bar.value = job.done;
    }
    bar.textContent = (job.percent || 0) + "%";
    field("done").textContent = number(job.done);
    field("total").textContent = job.total === null ? "…" : number(job.total);
    if (job.status === "done") {
      field("download").hidden = false;
    } else if (job.status !== "failed") {
      setTimeout(poll, 1500);
    }
  }
  setTimeout(poll, 1000);
})();
