// carepath decision aid: shows the crisis banner the moment a safety answer is given, and keeps
// "None of these" on its own in tick-all-that-apply questions. The pages work without this
// file; it only makes the banner appear sooner and the boxes tidier.
(function () {
  "use strict";
  // crisisAnswered reports whether a checked answer is one its question marks as a crisis
  // answer (data-crisis="yes", "1 2 3", …), or PHQ-9 question 9 on the answer-link pages
  // (data-safety="item9") scores.
  function crisisAnswered() {
    var item9 = document.querySelector('[data-safety="item9"] input:checked');
    if (item9 && item9.value !== "0") return true;
    var sets = document.querySelectorAll("[data-crisis]");
    for (var i = 0; i < sets.length; i++) {
      var values = sets[i].getAttribute("data-crisis").split(" ");
      var checked = sets[i].querySelectorAll("input:checked");
      for (var j = 0; j < checked.length; j++) {
        if (values.indexOf(checked[j].value) >= 0) return true;
      }
    }
    return false;
  }
  function update() {
    var banner = document.getElementById("crisis");
    // The banner is sticky at the top of the window, so it is seen at once without moving the
    // page away from the question being answered; role="alert" has it read out.
    if (banner && banner.hidden && crisisAnswered()) banner.hidden = false;
  }
  document.addEventListener("change", function (e) {
    var t = e.target;
    if (!t || !t.closest) return;
    if (t.closest("[data-safety], [data-crisis]")) update();
    // "None of these" (value none) stands alone among checkboxes of one name.
    if (t.type === "checkbox" && t.checked) {
      var boxes = document.querySelectorAll('input[type=checkbox][name="' + t.name + '"]');
      for (var i = 0; i < boxes.length; i++) {
        var b = boxes[i];
        if (b !== t && (t.value === "none" || b.value === "none")) b.checked = false;
      }
    }
  });
  // A page that answers a form with errors starts on its error summary, unless the person has
  // already moved the focus somewhere while the page was loading.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    var active = document.activeElement;
    if (summary && (!active || active === document.body || active === document.documentElement)) summary.focus();
  });
})();
