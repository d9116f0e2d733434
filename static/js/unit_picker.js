// The unit picker: a search box above each select marked data-unit-search. It asks the server for
// the user's units matching the text without diacritics, in force on the form's date (start date,
// else year), and offers them in the select; without JavaScript the select works as it is.
(function () {
  "use strict";

  function formDay(form) {
    var start = form.querySelector("[name='start_date']");
    if (start && /^\d{2}\/\d{2}\/\d{4}$/.test(start.value.trim())) {
      return start.value.trim();
    }
    var year = form.querySelector("[name='year']");
    return year && /^\d{4}$/.test(year.value.trim()) ? year.value.trim() : "";
  }

  function setUp(select) {
    var url = select.getAttribute("data-unit-search");
    var box = document.createElement("input");
    box.type = "search";
    box.id = select.id + "_search";
    box.className = "form-control form-control-sm mb-1";
    box.setAttribute("autocomplete", "off");
    box.setAttribute("aria-controls", select.id);
    var label = document.createElement("label");
    label.htmlFor = box.id;
    label.className = "form-label small mb-0";
    label.textContent = select.getAttribute("data-search-label") || "Tìm địa bàn";
    var status = document.createElement("span");
    status.className = "small text-body-secondary ms-2";
    status.setAttribute("aria-live", "polite");
    select.parentNode.insertBefore(label, select);
    select.parentNode.insertBefore(box, select);
    label.appendChild(status);

    var timer = null;
    var asked = 0;
    function search() {
      var text = box.value.trim();
      if (text.length < 2) {
        status.textContent = "";
        return;
      }
      var ticket = ++asked;
      var query = "?q=" + encodeURIComponent(text) + "&on=" + encodeURIComponent(formDay(select.form));
      fetch(url + query, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (ticket !== asked) {
            return; // a later search has been asked meanwhile
          }
          var keep = select.value;
          Array.prototype.slice.call(select.options).forEach(function (option) {
            if (option.value && option.value !== keep) {
              select.removeChild(option);
            }
          });
          data.results.forEach(function (unit) {
            if (String(unit.id) === keep) {
              return;
            }
            var option = document.createElement("option");
            option.value = unit.id;
            option.textContent = unit.parent ? unit.label + " — " + unit.parent : unit.label;
            select.appendChild(option);
          });
          status.textContent = (select.getAttribute("data-search-count") || "%s").replace("%s", data.results.length);
        });
    }
    box.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 250);
    });
  }

  document.querySelectorAll("select[data-unit-search]").forEach(setUp);
})();
