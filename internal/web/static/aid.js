// carepath decision aid: shows the crisis banner the moment a safety answer is given. The pages
// work without this file; it only makes the banner appear sooner.
(function () {
  "use strict";
  function update() {
    var banner = document.getElementById("crisis");
    if (!banner) return;
    var item9 = document.querySelector('[data-safety="item9"] input:checked');
    var selfHarm = document.querySelector('[data-safety="self_harm"] input:checked');
    var crisis = (item9 && item9.value !== "0") || (selfHarm && selfHarm.value === "yes");
    // The banner is sticky at the top of the window, so it is seen at once without moving the
    // page away from the question being answered.
    if (crisis && banner.hidden) banner.hidden = false;
  }
  document.addEventListener("change", function (e) {
    if (e.target && e.target.closest && e.target.closest("[data-safety]")) update();
  });
  // A page that answers a form with errors starts on its error summary, unless the person has
  // already moved the focus somewhere while the page was loading.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    var active = document.activeElement;
    if (summary && (!active || active === document.body || active === document.documentElement)) summary.focus();
  });
})();
