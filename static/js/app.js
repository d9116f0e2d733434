// Ask for confirmation before a form that carries data-confirm is sent.
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// A select marked data-filter-by="id_programme" offers only the options of the chosen programme.
document.querySelectorAll("select[data-filter-by]").forEach(function (select) {
  var source = document.getElementById(select.getAttribute("data-filter-by"));
  if (!source) {
    return;
  }
  function apply() {
    var programme = source.value;
    Array.prototype.forEach.call(select.options, function (option) {
      var owner = option.getAttribute("data-programme");
      var hidden = Boolean(programme && owner && owner !== programme);
      option.hidden = hidden;
      option.disabled = hidden;
      if (hidden && option.selected) {
        select.value = "";
      }
    });
  }
  source.addEventListener("change", apply);
  apply();
});
