// The event page: hovering (or focusing) a field marks the words behind it in the reports, and hovering marked
// words marks the fields they stand behind.
(function () {
  "use strict";
  var rows = document.querySelectorAll("tr.field[data-field]");
  var spans = document.querySelectorAll(".text .ev[data-fields]");

  function fieldsOf(span) { return (span.getAttribute("data-fields") || "").split(" "); }

  function mark(field, on) {
    spans.forEach(function (s) {
      if (fieldsOf(s).indexOf(field) >= 0) { s.classList.toggle("hl", on); }
    });
    rows.forEach(function (r) {
      if (r.getAttribute("data-field") === field) { r.classList.toggle("active", on); }
    });
  }

  rows.forEach(function (row) {
    var field = row.getAttribute("data-field");
    ["mouseenter", "focus"].forEach(function (e) { row.addEventListener(e, function () { mark(field, true); }); });
    ["mouseleave", "blur"].forEach(function (e) { row.addEventListener(e, function () { mark(field, false); }); });
    row.addEventListener("click", function () {
      var first = Array.prototype.find.call(spans, function (s) { return fieldsOf(s).indexOf(field) >= 0; });
      if (first) { first.scrollIntoView({ block: "center", behavior: "smooth" }); }
    });
  });
  spans.forEach(function (span) {
    span.addEventListener("mouseenter", function () { fieldsOf(span).forEach(function (f) { mark(f, true); }); });
    span.addEventListener("mouseleave", function () { fieldsOf(span).forEach(function (f) { mark(f, false); }); });
  });
})();
