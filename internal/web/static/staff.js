// carepath staff pages: a warning before the sign-in ends for lack of activity, and the
// attendance sheet's helpers (everyone present, minutes from the session's length, a draft
// that survives a reload). Every page works without this file: a form sent after the sign-in
// ended is kept on the server and saved once the person signs in again.
(function () {
  "use strict";

  // --- The idle warning -------------------------------------------------------------------
  // The server ends a sign-in after data-idle-seconds without a request. Typing or tapping on
  // the page counts as activity: it tells the server (at most every quarter of the idle time),
  // so a long form is not cut short while someone is working on it.
  function idleWarning() {
    var idle = Number(document.body.getAttribute("data-idle-seconds"));
    var box = document.getElementById("idle-warning");
    if (!idle || !box) return;
    var last = Date.now(); // the page's own request
    var warnAt = Math.min(120, idle / 4) * 1000;
    var ended = false, asking = false;

    function show(html) {
      if (box.getAttribute("data-shown") === html) return;
      box.setAttribute("data-shown", html);
      box.innerHTML = html;
      box.hidden = false;
      var stay = box.querySelector("button");
      if (stay) stay.addEventListener("click", function () { keepAlive(true); });
    }
    function hide() { box.hidden = true; box.removeAttribute("data-shown"); }
    function minutes(ms) {
      var s = Math.max(0, Math.ceil(ms / 1000));
      return s >= 60 ? Math.ceil(s / 60) + " minute" + (Math.ceil(s / 60) === 1 ? "" : "s") : s + " second" + (s === 1 ? "" : "s");
    }
    function showEnded() {
      ended = true;
      show("<p><strong>Your sign-in has ended</strong> after a while without activity.</p>" +
        "<p>Nothing on this page is lost: when you save, you will be asked to sign in, and what you entered is then saved.</p>");
    }
    function tick() {
      if (ended) return;
      var left = idle * 1000 - (Date.now() - last);
      if (left <= 0) { showEnded(); return; }
      if (left <= warnAt) {
        show("<p><strong>You will be signed out in about " + minutes(left) + "</strong> without activity.</p>" +
          "<button type=\"button\" class=\"secondary\">Stay signed in</button>");
      } else {
        hide();
      }
    }
    function keepAlive(asked) {
      if (ended || asking) return;
      asking = true;
      fetch("/staff/keepalive", { method: "POST", credentials: "same-origin", redirect: "manual" })
        .then(function (res) {
          asking = false;
          if (res.status === 204) { last = Date.now(); hide(); }
          else { showEnded(); }
        })
        .catch(function () { asking = false; if (asked) tick(); });
    }
    ["keydown", "pointerdown", "change"].forEach(function (type) {
      document.addEventListener(type, function () {
        if (!ended && Date.now() - last > idle * 250) keepAlive(false);
      }, true);
    });
    setInterval(tick, 1000);
  }

  // --- The attendance sheet ---------------------------------------------------------------
  function attendance() {
    var form = document.querySelector("form.attendance[data-minutes]");
    if (!form) return;
    var full = form.getAttribute("data-minutes");
    var key = "carepath.draft." + form.getAttribute("data-draft");
    var rows = Array.prototype.slice.call(form.querySelectorAll(".att-row"));

    function rowOf(el) { return el.closest(".att-row"); }
    function minutesOf(row) { return row.querySelector("input[name^=minutes-]"); }
    function clientOf(row) { return row.querySelector("input[name=client_id]").value; }
    function checked(row) { var c = row.querySelector("input[type=radio]:checked"); return c ? c.value : ""; }

    // Present fills the whole session; an absence has no minutes; late and left early ask for them.
    function statusChanged(radio) {
      var row = rowOf(radio), min = minutesOf(row);
      if (radio.value === "present") min.value = full;
      else if (radio.value.indexOf("absent") === 0) min.value = "";
      else if (radio.value === "late" || radio.value === "left_early") {
        // The whole session cannot be right any more: ask for the minutes. The focus stays on
        // the choice, so the arrow keys still move through the statuses.
        if (min.value === full) min.value = "";
      }
    }

    function save() {
      var draft = { v: form.querySelector("input[name=version]").value, at: Date.now(), rows: {} };
      rows.forEach(function (row) { draft.rows[clientOf(row)] = { s: checked(row), m: minutesOf(row).value }; });
      try { localStorage.setItem(key, JSON.stringify(draft)); } catch (e) { /* storage full or off: the page still works */ }
    }

    function restore() {
      var raw;
      try { raw = localStorage.getItem(key); } catch (e) { return; }
      if (!raw) return;
      var draft;
      try { draft = JSON.parse(raw); } catch (e) { localStorage.removeItem(key); return; }
      var stale = !draft || draft.v !== form.querySelector("input[name=version]").value || Date.now() - draft.at > 12 * 3600 * 1000;
      if (stale) { localStorage.removeItem(key); return; }
      var changed = 0;
      rows.forEach(function (row) {
        var d = draft.rows[clientOf(row)];
        if (!d) return;
        if (d.s && d.s !== checked(row)) {
          var r = row.querySelector("input[type=radio][value=\"" + d.s + "\"]");
          if (r) { r.checked = true; changed++; }
        }
        if (d.m !== minutesOf(row).value) { minutesOf(row).value = d.m; changed++; }
      });
      var note = document.getElementById("draft-notice");
      if (changed && note) {
        note.hidden = false;
        note.querySelector("button").addEventListener("click", function () {
          localStorage.removeItem(key);
          window.location.reload();
        });
      }
    }

    if (form.getAttribute("data-saved") === "1") {
      try { localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
    } else {
      restore();
    }
    form.addEventListener("change", function (e) {
      if (e.target.type === "radio") statusChanged(e.target);
      save();
    });
    form.addEventListener("input", save);

    var all = document.querySelector("button[form=attendance-form][value=all_present]");
    if (all) {
      all.addEventListener("click", function (e) {
        e.preventDefault();
        rows.forEach(function (row) {
          var r = row.querySelector("input[type=radio][value=present]");
          if (r) r.checked = true;
          minutesOf(row).value = full;
        });
        save();
        var status = document.getElementById("all-present-status");
        if (status) { status.hidden = false; }
        var submit = form.querySelector("button.save");
        if (submit) submit.focus();
      });
    }
  }

  // --- The menu ---------------------------------------------------------------------------
  // On a phone the menu starts closed ("Menu" opens it), so the page's own content comes first.
  function compactMenu() {
    var menu = document.querySelector("details.staff-menu");
    if (menu && window.matchMedia && window.matchMedia("(max-width: 40rem)").matches) menu.open = false;
  }

  // --- Signing out -------------------------------------------------------------------------
  // Attendance drafts name clients by id and say who came: on a shared tablet they go with the
  // sign-in, so the next person finds none.
  function forgetDraftsOnSignOut() {
    var form = document.querySelector("form.sign-out");
    if (!form) return;
    form.addEventListener("submit", function () {
      try {
        for (var i = localStorage.length - 1; i >= 0; i--) {
          var k = localStorage.key(i);
          if (k && k.indexOf("carepath.draft.") === 0) localStorage.removeItem(k);
        }
      } catch (e) { /* storage off: nothing was kept */ }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    compactMenu();
    forgetDraftsOnSignOut();
    idleWarning();
    attendance();
  });
})();
