(function () {
  "use strict";
  var MODES = ["read", "practice", "quiz"];
  var all = function (selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  };
  var cards = all(".practice-card");
  var current = 0;
  var timers = cards.map(function (card) {
    return { card: card, total: Number(card.getAttribute("data-seconds")) || 0,
             elapsed: 0, startedAt: null, tick: null, announced: false };
  });

  var storyBox = document.querySelector("[data-story-timer]");
  var story = storyBox && {
    box: storyBox, min: Number(storyBox.getAttribute("data-min")) || 0,
    max: Number(storyBox.getAttribute("data-max")) || 0, elapsed: 0, startedAt: null, tick: null
  };

  function clockText(seconds) {
    var s = Math.abs(seconds);
    var text = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
    return seconds < 0 ? "+" + text + " over" : text;
  }

  function elapsedOf(t) {
    return t.elapsed + (t.startedAt === null ? 0 : (Date.now() - t.startedAt) / 1000);
  }

  function draw(t) {
    var left = t.total - elapsedOf(t);
    var shown = left >= 0 ? Math.ceil(left) : -Math.floor(-left);
    var clock = t.card.querySelector("[data-clock]");
    clock.textContent = clockText(shown);
    clock.classList.toggle("over", left < 0);
    var fill = t.card.querySelector("[data-fill]");
    fill.style.width = Math.max(0, Math.min(100, (left / t.total) * 100)) + "%";
    if (left <= 0 && !t.announced && t.startedAt !== null) {
      t.announced = true;
      t.card.querySelector("[data-timeup]").textContent = "Time is up.";
    }
  }

  function pause(t) {
    if (t.startedAt === null) return;
    t.elapsed = elapsedOf(t);
    t.startedAt = null;
    clearInterval(t.tick);
    t.card.querySelector("[data-action=start]").textContent = "Resume";
    draw(t);
  }

  function start(t) {
    if (t.startedAt !== null) { pause(t); return; }
    t.startedAt = Date.now();
    t.tick = setInterval(function () { draw(t); }, 200);
    t.card.querySelector("[data-action=start]").textContent = "Pause";
    draw(t);
  }

  function reset(t) {
    pause(t);
    t.elapsed = 0;
    t.announced = false;
    t.card.querySelector("[data-timeup]").textContent = "";
    t.card.querySelector("[data-action=start]").textContent = "Start";
    draw(t);
  }

  function mmss(seconds) {
    return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  }

  function drawStory() {
    if (!story) return;
    var seconds = Math.floor(elapsedOf(story));
    var over = seconds > story.max;
    var clock = story.box.querySelector("[data-story-clock]");
    clock.textContent = mmss(seconds);
    clock.classList.toggle("over", over);
    story.box.classList.toggle("over-limit", over);
    var fill = story.box.querySelector("[data-story-fill]");
    fill.style.width = (story.max ? Math.min(100, (seconds / story.max) * 100) : 0) + "%";
    var status = "Start the clock, then tell the whole story from start to finish.";
    if (over) status = "Over the " + mmss(story.max) + " limit by " + mmss(seconds - story.max) + ".";
    else if (seconds >= story.min && seconds > 0) status = "Within the limit.";
    else if (story.startedAt !== null || seconds > 0) status = "Under the " + mmss(story.min) + " minimum.";
    var line = story.box.querySelector("[data-story-status]");
    if (line.textContent !== status) line.textContent = status;
  }

  function pauseStory() {
    if (!story || story.startedAt === null) return;
    story.elapsed = elapsedOf(story);
    story.startedAt = null;
    clearInterval(story.tick);
    story.box.querySelector("[data-action=story-start]").textContent = "Resume";
    drawStory();
  }

  function startStory() {
    if (story.startedAt !== null) { pauseStory(); return; }
    story.startedAt = Date.now();
    story.tick = setInterval(drawStory, 200);
    story.box.querySelector("[data-action=story-start]").textContent = "Stop";
    drawStory();
  }

  function resetStory() {
    pauseStory();
    story.elapsed = 0;
    story.box.querySelector("[data-action=story-start]").textContent = "Start";
    drawStory();
  }

  function showCard(index) {
    if (index < 0 || index >= cards.length) return;
    pause(timers[current]);
    current = index;
    cards.forEach(function (card, i) { card.hidden = i !== index; });
    document.getElementById("practice-progress").textContent =
      "Card " + (index + 1) + " of " + cards.length;
    document.querySelector("[data-action=prev]").disabled = index === 0;
    document.querySelector("[data-action=next]").disabled = index === cards.length - 1;
  }

  function setMode(mode, fromHash) {
    if (MODES.indexOf(mode) < 0) mode = "read";
    all("[data-action=mode]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-mode") === mode));
    });
    all("[data-panel]").forEach(function (panel) {
      panel.hidden = panel.getAttribute("data-panel") !== mode;
    });
    if (mode !== "practice" && timers.length) pause(timers[current]);
    if (mode !== "practice") pauseStory();
    document.body.setAttribute("data-current-mode", mode);
    if (!fromHash) {
      try { history.replaceState(null, "", "#" + mode); } catch (e) { /* file: may refuse */ }
    }
  }

  function toggle(button) {
    var target = document.getElementById(button.getAttribute("aria-controls"));
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    target.hidden = !open;
    var label = button.getAttribute(open ? "data-hide" : "data-show");
    if (label) button.textContent = label;
  }

  function updateScore() {
    var quizzes = all("[data-quiz]");
    var answered = quizzes.filter(function (q) { return q.hasAttribute("data-chosen"); });
    var right = answered.filter(function (q) { return q.getAttribute("data-chosen") === "right"; });
    document.getElementById("quiz-score").textContent = answered.length + " of " +
      quizzes.length + " answered, " + right.length + " right";
  }

  // Quiz answers are kept in localStorage under the story id and a digest of its quizzes.
  // file: pages may be refused storage: every access is guarded and the quiz works without it.
  var quizPanel = document.querySelector("[data-storage-key]");
  var storageKey = quizPanel ? quizPanel.getAttribute("data-storage-key") : null;

  function loadAnswers() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(storageKey) || "{}");
      return saved && typeof saved === "object" ? saved : {};
    } catch (e) { return {}; }
  }

  function saveAnswers() {
    if (!storageKey) return;
    var chosen = {};
    all("[data-quiz]").forEach(function (quiz) {
      var pressed = quiz.querySelector(".option[aria-pressed=true]");
      if (quiz.hasAttribute("data-chosen") && pressed) {
        chosen[quiz.getAttribute("data-quiz")] = Number(pressed.getAttribute("data-index"));
      }
    });
    try {
      var store = window.localStorage;
      var prefix = storageKey.slice(0, storageKey.lastIndexOf(":") + 1);
      for (var i = store.length - 1; i >= 0; i--) {  // answers to an older version of the quiz
        var key = store.key(i);
        if (key && key !== storageKey && key.indexOf(prefix) === 0) store.removeItem(key);
      }
      if (Object.keys(chosen).length) store.setItem(storageKey, JSON.stringify(chosen));
      else store.removeItem(storageKey);
    } catch (e) { /* storage refused: answers last as long as the page */ }
  }

  function showAnswer(quiz, button) {
    var correct = quiz.getAttribute("data-answer");
    var ok = button.getAttribute("data-index") === correct;
    var options = all(".option", quiz);
    options.forEach(function (option) {
      option.setAttribute("aria-disabled", "true");
      if (option.getAttribute("data-index") === correct) option.classList.add("right");
    });
    if (!ok) button.classList.add("wrong");
    button.setAttribute("aria-pressed", "true");
    quiz.setAttribute("data-chosen", ok ? "right" : "wrong");
    var feedback = quiz.querySelector("[data-feedback]");
    var right = options.filter(function (o) { return o.getAttribute("data-index") === correct; })[0];
    feedback.className = "feedback " + (ok ? "right" : "wrong");
    var answerText = right ? right.textContent.trim() : "missing";
    feedback.textContent = ok ? "Right!" : "Not quite. The answer is " + answerText +
      (/[.!?]$/.test(answerText) ? "" : ".");
    quiz.querySelector("[data-explanation]").hidden = false;
  }

  function clearAnswer(quiz) {
    quiz.removeAttribute("data-chosen");
    all(".option", quiz).forEach(function (option) {
      option.classList.remove("right", "wrong");
      option.removeAttribute("aria-disabled");
      option.removeAttribute("aria-pressed");
    });
    var feedback = quiz.querySelector("[data-feedback]");
    feedback.className = "feedback";
    feedback.textContent = "";
    quiz.querySelector("[data-explanation]").hidden = true;
  }

  function answer(button) {
    var quiz = button.closest("[data-quiz]");
    if (quiz.hasAttribute("data-chosen")) return;
    showAnswer(quiz, button);
    saveAnswers();
    updateScore();
  }

  function retry(button) {
    var quiz = button.closest("[data-quiz]");
    clearAnswer(quiz);
    quiz.querySelector(".option").focus();
    saveAnswers();
    updateScore();
  }

  function resetQuiz() {
    all("[data-quiz]").forEach(clearAnswer);
    saveAnswers();
    updateScore();
  }

  function restoreAnswers() {
    var saved = loadAnswers();
    all("[data-quiz]").forEach(function (quiz) {
      var index = saved[quiz.getAttribute("data-quiz")];
      if (typeof index !== "number") return;
      var button = quiz.querySelector('.option[data-index="' + index + '"]');
      if (button) showAnswer(quiz, button);
    });
  }

  var actions = {
    mode: function (b) { setMode(b.getAttribute("data-mode"), false); },
    reveal: toggle,
    start: function (b) { start(timers[cards.indexOf(b.closest(".practice-card"))]); },
    reset: function (b) { reset(timers[cards.indexOf(b.closest(".practice-card"))]); },
    prev: function () { showCard(current - 1); },
    next: function () { showCard(current + 1); },
    answer: answer,
    retry: retry,
    "quiz-reset": resetQuiz,
    "story-start": startStory,
    "story-reset": resetStory
  };

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (!button || button.disabled) return;
    var action = actions[button.getAttribute("data-action")];
    if (action) action(button);
  });

  document.addEventListener("keydown", function (event) {
    if (document.body.getAttribute("data-current-mode") !== "practice") return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "ArrowRight") showCard(current + 1);
    else if (event.key === "ArrowLeft") showCard(current - 1);
  });

  window.addEventListener("hashchange", function () {
    setMode(location.hash.slice(1), true);
  });
  timers.forEach(draw);
  if (story) {
    story.box.querySelector("[data-story-min]").style.left =
      (story.max ? (story.min / story.max) * 100 : 0) + "%";
    drawStory();
  }
  if (cards.length) showCard(0);
  restoreAnswers();
  setMode(location.hash.slice(1) || "read", true);
  updateScore();
})();
