/* factcheck report: sorting and filtering of the claims table. The page reads fully
   without this script; it only adds behaviour. It reads its data from the DOM. */
(function () {
  "use strict";
  var table = document.getElementById("claims-table");
  if (!table || !table.tBodies.length) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = Array.prototype.slice.call(table.querySelectorAll("thead th[data-col]"));

  function key(row, column) {
    var cell = row.cells[column];
    if (!cell) { return ""; }
    var value = cell.getAttribute("data-sort");
    return value === null ? cell.textContent.trim() : value;
  }

  function isNumber(text) {
    return text !== "" && isFinite(Number(text));
  }

  function compare(a, b) {
    var an = isNumber(a), bn = isNumber(b);
    if (a === "" || b === "") { return a === b ? 0 : (a === "" ? 1 : -1); }
    if (an && bn) { return Number(a) - Number(b); }
    if (an !== bn) { return an ? -1 : 1; }
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  function sortBy(th) {
    var column = Number(th.getAttribute("data-col"));
    var direction = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    var sign = direction === "ascending" ? 1 : -1;
    headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
    th.setAttribute("aria-sort", direction);
    var sorted = rows.slice().sort(function (a, b) {
      var ka = key(a, column), kb = key(b, column);
      var order = (ka === "" || kb === "") ? compare(ka, kb) : sign * compare(ka, kb);
      return order || Number(a.getAttribute("data-index")) - Number(b.getAttribute("data-index"));
    });
    sorted.forEach(function (row) { body.appendChild(row); });
  }

  headers.forEach(function (th) {
    var button = th.querySelector("button");
    if (button) { button.addEventListener("click", function () { sortBy(th); }); }
  });

  var controls = document.getElementById("claims-controls");
  var query = document.getElementById("claims-filter");
  var kind = document.getElementById("claims-kind");
  var status = document.getElementById("claims-status");
  if (controls && query && kind) {
    controls.hidden = false;
    var apply = function () {
      var text = query.value.trim().toLowerCase();
      var wanted = kind.value;
      var shown = 0;
      rows.forEach(function (row) {
        var visible = (!wanted || row.getAttribute("data-kind") === wanted) &&
          (!text || row.textContent.toLowerCase().indexOf(text) !== -1);
        row.hidden = !visible;
        if (visible) { shown += 1; }
      });
      if (status) {
        status.textContent = shown === rows.length ? rows.length + " claims" :
          shown + " of " + rows.length + " claims shown";
      }
    };
    query.addEventListener("input", apply);
    kind.addEventListener("change", apply);
    apply();
  }

  // printing shows every article text: open the closed ones, and close them again after
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.slice.call(document.querySelectorAll("details:not([open])"));
    opened.forEach(function (details) { details.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
}());
