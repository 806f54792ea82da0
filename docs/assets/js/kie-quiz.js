/* Self-check quiz "Tawaran kerja ini aman?" (kie.quiz), loaded by a <script> tag on the quiz page only.
   Without this file the page already shows every card with its answer in a <details>. This adds
   Safe/Risky buttons and one card at a time with Previous/Next (arrow keys too), for a projector or a phone.
   Nothing is stored (no cookies, no localStorage) and nothing is sent. */
(function () {
  "use strict";
  var quiz = document.querySelector("[data-kie-quiz]");
  if (!quiz) return;
  var t = quiz.dataset;
  var cards = Array.prototype.slice.call(quiz.querySelectorAll(".kie-quiz-card"));
  var at = 0;

  function button(text, css) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button " + css;
    b.textContent = text;
    return b;
  }

  cards.forEach(function (card) {
    var details = card.querySelector(".kie-quiz-answer");
    var choices = document.createElement("p");
    choices.className = "kie-quiz-choices";
    [["safe", t.safe], ["risky", t.risky]].forEach(function (pair) {
      var b = button(pair[1], "kie-quiz-" + pair[0]);
      b.dataset.choice = pair[0];
      b.addEventListener("click", function () { answer(card, details, b); });
      choices.appendChild(b);
    });
    card.insertBefore(choices, details);
  });

  function answer(card, details, chosen) {
    var right = chosen.dataset.choice === card.dataset.answer;
    card.querySelectorAll(".kie-quiz-choices button").forEach(function (b) {
      b.disabled = true;
      b.setAttribute("aria-pressed", String(b === chosen));
    });
    var note = document.createElement("p");
    note.className = "kie-quiz-feedback " + (right ? "kie-quiz-right" : "kie-quiz-wrong");
    note.setAttribute("role", "status");
    note.textContent = right ? t.right : t.wrong;
    details.insertBefore(note, details.children[1] || null);
    details.open = true;
  }

  var nav = document.createElement("div");
  nav.className = "kie-quiz-nav";
  var prev = button(t.prev, "kie-quiz-prev");
  var count = document.createElement("span");
  count.className = "kie-quiz-count";
  var next = button(t.next, "kie-quiz-next md-button--primary");
  prev.addEventListener("click", function () { show(at - 1); });
  next.addEventListener("click", function () { show(at + 1); });
  nav.appendChild(prev);
  nav.appendChild(count);
  nav.appendChild(next);
  quiz.appendChild(nav);

  function show(i) {
    at = Math.max(0, Math.min(cards.length - 1, i));
    cards.forEach(function (card, k) { card.hidden = k !== at; });
    prev.disabled = at === 0;
    next.disabled = at === cards.length - 1;
    count.textContent = t.count.replace("{n}", at + 1).replace("{total}", cards.length);
  }

  document.addEventListener("keydown", function (e) {
    if (e.target.closest && e.target.closest("input, textarea, select")) return;
    if (e.key === "ArrowRight") show(at + 1);
    if (e.key === "ArrowLeft") show(at - 1);
  });
  function showLinked() {  // a link from the table of contents to a card that is hidden
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var card = target && target.closest(".kie-quiz-card");
    if (card) show(cards.indexOf(card));
  }
  window.addEventListener("hashchange", showLinked);
  quiz.classList.add("kie-quiz--js");
  show(0);
  showLinked();
})();
