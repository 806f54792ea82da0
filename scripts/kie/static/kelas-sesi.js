/* The check questions of `kie serve --session` (served as /_kelas/sesi.js; kie.serve.desk). Everything works
 * without this script: the phone's form posts and the server answers with the next page; the waiting page
 * reloads itself. The script adds what a room notices:
 * - a phone: keeps one token per session (a second scan of the QR code is the same phone, not a new one),
 *   sends the answers without leaving the page (a second tap does not send twice; no Wi-Fi says so), and
 *   reloads when the facilitator opens or closes the questions;
 * - the projector: new counts and bars every two seconds, without a reload, and the facilitator's key kept
 *   out of the address bar (the projector shows the address bar to the room).
 * Nothing goes anywhere but the laptop that served the page. */
(function () {
  "use strict";
  var STATUS = "/_sesi/status.json";
  var PHONE_EVERY = 4000;
  var PROJECTOR_EVERY = 2000;

  function getJSON(url, done) {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", url);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.onload = function () {
      if (xhr.status === 200) {
        try { done(JSON.parse(xhr.responseText)); } catch (e) { /* a half answer: the next poll tries again */ }
      }
    };
    xhr.send();
  }

  function poll(every, handle) {
    var busy = false;
    function tick() {
      if (busy || document.hidden) return;
      busy = true;
      getJSON(STATUS, function (status) { handle(status); });
      setTimeout(function () { busy = false; }, every / 2);
    }
    setInterval(tick, every);
  }

  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  /* ----- a participant's phone ----- */

  function withToken(token) {
    var params = new URLSearchParams(location.search);
    params.set("t", token);
    return location.pathname + "?" + params.toString().replace(/^peserta=&/, "peserta&") + "#cek";
  }

  function keepOneToken(section) {
    var here = new URLSearchParams(location.search).get("t");
    var saved = store();
    if (!here || !saved) return false;
    var name = "kie-sesi-" + section.getAttribute("data-kie-room");
    var mine = saved.getItem(name);
    if (mine && mine !== here) {
      location.replace(withToken(mine));
      return true;
    }
    saved.setItem(name, here);
    return false;
  }

  function sendAnswers(form, section) {
    var button = form.querySelector("button[type=submit]");
    var status = form.querySelector("[data-kie-send-status]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (button.disabled) return;
      button.disabled = true;
      status.textContent = section.getAttribute("data-kie-sending");
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("action"));
      xhr.setRequestHeader("Content-Type", "application/x-www-form-urlencoded");
      xhr.setRequestHeader("Accept", "application/json");
      xhr.onload = function () {
        var answer = {};
        try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = {}; }
        if (xhr.status === 200 && answer.page) {
          if (answer.page.split("#")[0] === location.pathname + location.search) location.reload();
          else location.replace(answer.page);
        } else if (xhr.status === 409) {
          location.reload(); /* answered already, or the questions closed: the page says which */
        } else {
          button.disabled = false;
          status.textContent = section.getAttribute("data-kie-answer-all");
        }
      };
      xhr.onerror = xhr.ontimeout = function () {
        button.disabled = false;
        status.textContent = section.getAttribute("data-kie-not-sent");
      };
      xhr.timeout = 15000;
      xhr.send(new URLSearchParams(new FormData(form)).toString());
    });
  }

  function phone(section) {
    if (keepOneToken(section)) return;
    var form = section.querySelector("form[data-kie-answer]");
    if (form) sendAnswers(form, section);
    var shown = section.getAttribute("data-kie-open");
    poll(PHONE_EVERY, function (status) {
      if ((status.open || "") !== shown && !(form && form.querySelector("button").disabled)) location.reload();
    });
  }

  /* ----- the projector ----- */

  function hideKey() {
    var params = new URLSearchParams(location.search);
    var key = params.get("kunci");
    var session = window.sessionStorage;
    if (key) {
      try { session.setItem("kie-kunci", key); } catch (e) { /* private mode: the key stays in the address */ return; }
      params.delete("kunci");
      history.replaceState(null, "", location.pathname + "?" + params.toString().replace(/=(&|$)/g, "$1"));
      return;
    }
    var kept = null;
    try { kept = session.getItem("kie-kunci"); } catch (e) { kept = null; }
    if (kept && !document.querySelector(".controls")) {
      params.set("kunci", kept);
      location.replace(location.pathname + "?" + params.toString().replace(/=(&|$)/g, "$1"));
    }
  }

  function phonesText(nav, n) {
    return nav.querySelector("[data-kie-phones]").getAttribute("data-kie-format").replace("{n}", n);
  }

  function projector(nav) {
    hideKey();
    var results = document.querySelector("[data-kie-results]");
    var controls = document.querySelector(".controls");
    var shownOpen = nav.getAttribute("data-kie-open");
    poll(PROJECTOR_EVERY, function (status) {
      var now = nav.querySelector("[data-kie-now]");
      var name = status.open ? nav.getAttribute("data-kie-name-" + status.open) : "";
      now.textContent = status.open
        ? nav.getAttribute("data-kie-open-format").replace("{round}", name)
        : nav.getAttribute("data-kie-closed-text");
      Object.keys(status.rounds).forEach(function (round) {
        var phones = document.querySelectorAll("[data-kie-phones='" + round + "']");
        for (var i = 0; i < phones.length; i++) phones[i].textContent = phonesText(nav, status.rounds[round].phones);
        var cells = document.querySelectorAll("[data-kie-round='" + round + "']");
        for (var j = 0; j < cells.length; j++) cells[j].classList.toggle("open", status.open === round);
      });
      if (results) {
        var none = results.getAttribute("data-kie-none");
        status.questions.forEach(function (q) {
          ["before", "after"].forEach(function (round) {
            var bar = results.querySelector("[data-kie-bar='" + q.id + " " + round + "']");
            var pct = results.querySelector("[data-kie-pct='" + q.id + " " + round + "']");
            if (!bar || !pct) return;
            bar.value = q[round] === null ? 0 : q[round];
            pct.textContent = q[round] === null ? none : q[round] + "%";
            pct.classList.toggle("none", q[round] === null);
          });
        });
      }
      /* the facilitator's buttons say open/close: when another tab changed the round, show the new ones */
      if (controls && shownOpen !== (status.open || "")) location.reload();
    });
  }

  function start() {
    var section = document.querySelector("[data-kie-check]");
    if (section) phone(section);
    var nav = document.querySelector("[data-kie-projector]");
    if (nav) projector(nav);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
