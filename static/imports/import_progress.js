// Polls a background import's status: moves the bar, and reloads the page once the worker is done,
// which then shows the preview (after the check) or the result (after the import), as for a small file.
(function () {
  "use strict";
  const box = document.getElementById("import-progress");
  if (!box) return;
  const field = (name) => box.querySelector('[data-field="' + name + '"]');
  const number = (n) => Number(n).toLocaleString("vi-VN");  // 17.800, as the page writes numbers
  async function poll() {
    let batch;
    try {
      const response = await fetch(box.dataset.statusUrl, { credentials: "same-origin", cache: "no-store" });
      if (!response.ok) throw new Error(String(response.status));
      batch = await response.json();
    } catch (error) {
      setTimeout(poll, 3000);  // a lost answer: try again a little later
      return;
    }
    if (batch.finished) {
      window.location.reload();
      return;
    }
    const bar = field("bar");
    if (batch.total) {
      bar.max = batch.total;
      bar.value = batch.done;
    }
    bar.textContent = (batch.percent || 0) + "%";
    field("done").textContent = number(batch.done);
    field("total").textContent = batch.total === null ? "…" : number(batch.total);
    setTimeout(poll, 1000);
  }
  setTimeout(poll, 500);
})();
