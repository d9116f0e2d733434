/* A small date picker that speaks Vietnamese and writes dd/mm/yyyy (no CDN, no browser-native
   <input type=date>, whose format follows the machine's locale). Every input[data-kc-date] keeps
   working as a plain text field; the button beside it opens a month grid that the keyboard drives:
   arrows move by day and week, PageUp/PageDown by month, Enter picks, Escape closes. */
(function () {
  "use strict";
  var en = document.documentElement.lang === "en";
  var T = en
    ? { open: "Choose a date", prev: "Previous month", next: "Next month", close: "Close",
        months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        days: ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"], longDays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] }
    : { open: "Chọn ngày", prev: "Tháng trước", next: "Tháng sau", close: "Đóng",
        months: ["Tháng 1", "Tháng 2", "Tháng 3", "Tháng 4", "Tháng 5", "Tháng 6", "Tháng 7", "Tháng 8", "Tháng 9", "Tháng 10", "Tháng 11", "Tháng 12"],
        days: ["T2", "T3", "T4", "T5", "T6", "T7", "CN"], longDays: ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"] };

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function format(d) { return pad(d.getDate()) + "/" + pad(d.getMonth() + 1) + "/" + d.getFullYear(); }
  function parse(text) {
    var m = /^\s*(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})\s*$/.exec(text || "");
    if (m) {
      var d = new Date(+m[3], +m[2] - 1, +m[1]);
      if (d.getDate() === +m[1] && d.getMonth() === +m[2] - 1) return d;
    }
    m = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(text || "");
    return m ? new Date(+m[1], +m[2] - 1, +m[3]) : null;
  }

  var counter = 0;
  function attach(input) {
    var id = "kc-date-" + (++counter);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-secondary kc-date-button";
    button.setAttribute("aria-label", T.open + (input.labels && input.labels[0] ? ": " + input.labels[0].textContent.trim() : ""));
    button.setAttribute("aria-haspopup", "dialog");
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", id);
    button.textContent = "📅";
    var group = document.createElement("div");
    group.className = "input-group kc-date-group";
    input.parentNode.insertBefore(group, input);
    group.appendChild(input);
    group.appendChild(button);
    var dialog = document.createElement("div");
    dialog.id = id;
    dialog.className = "kc-date-dialog card shadow p-2";
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-label", T.open);
    dialog.hidden = true;
    group.parentNode.insertBefore(dialog, group.nextSibling);
    var shown = null, focused = null;

    function render() {
      var first = new Date(shown.getFullYear(), shown.getMonth(), 1);
      var start = new Date(first);
      start.setDate(1 - ((first.getDay() + 6) % 7));
      var html = '<div class="d-flex justify-content-between align-items-center mb-1">' +
        '<button type="button" class="btn btn-sm btn-light" data-move="-1" aria-label="' + T.prev + '">‹</button>' +
        '<span class="fw-semibold" aria-live="polite">' + T.months[shown.getMonth()] + " " + shown.getFullYear() + "</span>" +
        '<button type="button" class="btn btn-sm btn-light" data-move="1" aria-label="' + T.next + '">›</button></div>' +
        '<table class="table table-sm mb-1 text-center"><thead><tr>';
      for (var i = 0; i < 7; i++) html += '<th scope="col"><abbr title="' + T.longDays[i] + '">' + T.days[i] + "</abbr></th>";
      html += "</tr></thead><tbody>";
      var chosen = parse(input.value);
      for (var w = 0; w < 6; w++) {
        html += "<tr>";
        for (var k = 0; k < 7; k++) {
          var d = new Date(start);
          d.setDate(start.getDate() + w * 7 + k);
          var other = d.getMonth() !== shown.getMonth();
          var isFocus = focused && d.toDateString() === focused.toDateString();
          var isChosen = chosen && d.toDateString() === chosen.toDateString();
          html += '<td><button type="button" class="btn btn-sm ' + (isChosen ? "btn-primary" : "btn-light") +
            (other ? " text-body-secondary" : "") + '" data-date="' + format(d) + '" tabindex="' + (isFocus ? "0" : "-1") +
            '" aria-label="' + T.longDays[k] + " " + format(d) + '"' + (isChosen ? ' aria-pressed="true"' : "") + ">" + d.getDate() + "</button></td>";
        }
        html += "</tr>";
      }
      html += '</tbody></table><button type="button" class="btn btn-sm btn-link" data-close="1">' + T.close + "</button>";
      dialog.innerHTML = html;
    }
    function focusDay() {
      var target = dialog.querySelector('[data-date="' + format(focused) + '"]');
      if (target) target.focus();
    }
    function open() {
      focused = parse(input.value) || new Date();
      shown = new Date(focused.getFullYear(), focused.getMonth(), 1);
      render();
      dialog.hidden = false;
      button.setAttribute("aria-expanded", "true");
      focusDay();
    }
    function close(returnFocus) {
      dialog.hidden = true;
      button.setAttribute("aria-expanded", "false");
      if (returnFocus) button.focus();
    }
    function moveTo(d) {
      focused = d;
      if (d.getMonth() !== shown.getMonth() || d.getFullYear() !== shown.getFullYear()) shown = new Date(d.getFullYear(), d.getMonth(), 1);
      render();
      focusDay();
    }
    button.addEventListener("click", function () { dialog.hidden ? open() : close(false); });
    dialog.addEventListener("click", function (event) {
      var el = event.target.closest("button");
      if (!el) return;
      if (el.dataset.move) {
        var d = new Date(focused);
        d.setMonth(d.getMonth() + +el.dataset.move);
        moveTo(d);
      } else if (el.dataset.date) {
        input.value = el.dataset.date;
        input.dispatchEvent(new Event("change", { bubbles: true }));
        close(true);
      } else if (el.dataset.close) close(true);
    });
    dialog.addEventListener("keydown", function (event) {
      var steps = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
      if (event.key === "Escape") { close(true); event.preventDefault(); return; }
      if (!event.target.dataset.date) return;
      var d = new Date(focused);
      if (event.key in steps) d.setDate(d.getDate() + steps[event.key]);
      else if (event.key === "PageUp") d.setMonth(d.getMonth() - 1);
      else if (event.key === "PageDown") d.setMonth(d.getMonth() + 1);
      else return;
      event.preventDefault();
      moveTo(d);
    });
  }
  document.querySelectorAll("input[data-kc-date]").forEach(attach);
})();
