// "Predict the output": a chapter's question (div.predict) offers outputs to
// choose from (div.predict-choice, the right one marked data-right) and a
// folded answer (details.predict-answer). Without this script the reader
// compares the choices and opens the answer. With it, each choice gets a
// radio button; choosing one says at once whether it is right, opens the
// answer, and is remembered for the next visit to the page.
(function () {
  "use strict";
  const tr = window.bookInterface ? window.bookInterface.tr : (english) => english;
  const words = {
    // Also theme/book.css's word before this script runs (--book-choice).
    choice: tr("Choice"),
    right: tr("Right: that is what it prints."),
    wrong: tr("Not quite: the answer below says why."),
  };

  function remember(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch (e) {
      // Storage may be off; the question still works for this visit.
    }
  }

  function recall(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (e) {
      return null;
    }
  }

  document.querySelectorAll("div.predict").forEach(function (block, index) {
    const choices = Array.from(block.querySelectorAll(":scope > div.predict-choice"));
    const answer = block.querySelector(":scope > details.predict-answer");
    const question = block.querySelector(":scope > p");
    if (choices.length < 2 || !answer || !question) {
      return;
    }
    block.classList.add("predict-live");
    question.id = question.id || "predict-" + index;
    const group = document.createElement("div");
    group.className = "predict-choices";
    group.setAttribute("role", "radiogroup");
    group.setAttribute("aria-labelledby", question.id);
    choices[0].before(group);
    const status = document.createElement("p");
    status.className = "predict-status";
    status.setAttribute("role", "status");
    const key = "predict:" + window.location.pathname + ":" + index;

    function choose(number) {
      const choice = choices[number];
      const right = choice.hasAttribute("data-right");
      choices.forEach(function (c) {
        c.classList.remove("predict-chosen", "predict-right", "predict-wrong");
      });
      choice.classList.add("predict-chosen", right ? "predict-right" : "predict-wrong");
      status.textContent = right ? words.right : words.wrong;
      answer.open = true;
      remember(key, String(number));
    }

    choices.forEach(function (choice, number) {
      const id = "predict-" + index + "-" + number;
      const output = choice.querySelector("pre");
      if (output) {
        output.id = output.id || id + "-output";
      }
      const label = document.createElement("label");
      label.className = "predict-label";
      const input = document.createElement("input");
      input.type = "radio";
      input.name = "predict-" + index;
      input.value = String(number);
      input.id = id;
      if (output) {
        input.setAttribute("aria-describedby", output.id);
      }
      input.addEventListener("change", function () {
        choose(number);
      });
      label.append(input, " " + words.choice + " " + (number + 1));
      choice.prepend(label);
      group.append(choice);
    });
    group.after(status);

    const earlier = recall(key);
    if (earlier !== null && choices[Number(earlier)]) {
      const input = choices[Number(earlier)].querySelector("input");
      input.checked = true;
      choose(Number(earlier));
    }
  });
})();
