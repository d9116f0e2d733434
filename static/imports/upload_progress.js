// Sends the workbook with XMLHttpRequest to show the bytes sent as a bar. Without this script
// (or without XMLHttpRequest upload events) the form posts as usual.
(function () {
  "use strict";
  const form = document.getElementById("import-upload");
  if (!form || !window.FormData || !("upload" in new XMLHttpRequest())) return;
  const box = document.getElementById("upload-progress");
  const bar = box.querySelector("progress");
  const sent = box.querySelector('[data-field="sent"]');
  const total = box.querySelector('[data-field="total"]');
  const button = form.querySelector('button[type="submit"]');
  const size = (bytes) =>
    (bytes / (1024 * 1024)).toLocaleString("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + " MB";
  form.addEventListener("submit", function (event) {
    const file = form.querySelector('input[type="file"]');
    if (!file || !file.files.length) return;  // the server says what is missing
    event.preventDefault();
    const request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("X-Upload-Progress", "1");
    request.upload.addEventListener("progress", function (progress) {
      if (!progress.lengthComputable) return;
      bar.max = progress.total;
      bar.value = progress.loaded;
      bar.textContent = Math.floor((progress.loaded * 100) / progress.total) + "%";
      sent.textContent = size(progress.loaded);
      total.textContent = size(progress.total);
    });
    request.addEventListener("load", function () {
      let answer = null;
      try {
        answer = JSON.parse(request.responseText);
      } catch (error) {
        answer = null;
      }
      if (answer && answer.location) {
        window.location.assign(answer.location);
      } else {
        form.submit();  // an answer the script does not know: post the form the usual way
      }
    });
    request.addEventListener("error", function () {
      form.submit();
    });
    box.hidden = false;
    button.disabled = true;
    request.send(new FormData(form));
  });
})();
