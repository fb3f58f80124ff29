// isomm: small enhancements over server-rendered pages. Every page also works without this file.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute("content") : "";

  // The check sheet: every change is saved by itself, one role at a time, in order.
  var sheet = document.getElementById("sheet");
  if (sheet) {
    var base = sheet.getAttribute("data-save-url");
    var text = {
      saving: sheet.getAttribute("data-saving"),
      gone: sheet.getAttribute("data-gone"),
      saved: sheet.getAttribute("data-saved"),
      failed: sheet.getAttribute("data-failed"),
    };
    var queues = new Map();
    var chosen = function (card, role, side) {
      var input = card.querySelector('input[name="' + role + "." + side + '"]:checked');
      return input ? input.value : "";
    };
    // When the server asks to slow down (429: too many saves through one link), wait as long as
    // it says and send the card's values as they are then: a person typing fast loses nothing.
    var wait = function (response) {
      var seconds = parseInt(response.headers.get("retry-after"), 10);
      return new Promise(function (resolve) {
        setTimeout(resolve, Math.max(1, seconds || 1) * 1000);
      });
    };
    var send = function (card, retries) {
      retries = retries || 0;
      var role = card.getAttribute("data-role");
      var status = card.querySelector(".status");
      var body = new URLSearchParams();
      body.set("in", chosen(card, role, "in"));
      body.set("out", chosen(card, role, "out"));
      body.set("note", card.querySelector("textarea").value);
      // A card with a draft (前回値) says so, and what its button asked: kept, cleared, or else
      // changed by the levels chosen.
      var action = card.dataset.action;
      delete card.dataset.action;
      if (card.hasAttribute("data-draft")) body.set("draft", action || "change");
      status.textContent = text.saving;
      status.className = "status saving";
      var shown = function (json) {
        status.textContent = text.saved;
        status.className = "status saved";
        card.classList.remove("invalid");
        var answered = document.getElementById("answered");
        if (answered) answered.textContent = json.answered;
        // The submit box counts what is left as the progress bar counts what is done.
        var left = document.getElementById("unanswered");
        if (left) left.textContent = String(parseInt(left.dataset.total, 10) - json.answered);
        // Levels and note are set from the answer only when a button asked for the draft: a
        // level chosen meanwhile stays as chosen.
        if (json.draft) showDraft(card, json, !!action);
      };
      return fetch(base + "/" + encodeURIComponent(role), {
        method: "POST",
        headers: { "x-csrf-token": csrf, "content-type": "application/x-www-form-urlencoded" },
        body: body.toString(),
        credentials: "same-origin",
      })
        .then(function (response) {
          if (response.status === 429 && retries < 30) {
            // Counted on the sheet (data-waited), for whoever looks into a slow save.
            sheet.dataset.waited = String((parseInt(sheet.dataset.waited, 10) || 0) + 1);
            return wait(response).then(function () {
              if (action && !card.dataset.action) card.dataset.action = action;
              return send(card, retries + 1);
            });
          }
          if (!response.ok) throw new Error(String(response.status));
          return response.json().then(function (json) { shown(json); });
        })
        .catch(function (error) {
          // A link revoked or replaced while the sheet is open: say so, and what to do.
          status.textContent = error && error.message === "404" && text.gone ? text.gone : text.failed;
          status.className = "status failed";
        });
    };
    // A card's draft after a save: its state, its buttons, the levels and note the server kept
    // (a draft kept or cleared), and how many drafts are left with a way to the next one.
    var showDraft = function (card, json, fromButton) {
      var role = card.getAttribute("data-role");
      card.setAttribute("data-draft", json.draft);
      ["pending", "kept", "changed", "cleared"].forEach(function (k) {
        card.classList.toggle("draft-" + k, k === json.draft);
      });
      var state = card.querySelector(".draft-state");
      if (state) state.textContent = json.draft_word;
      var keep = card.querySelector("button.keep");
      if (keep) keep.hidden = json.draft === "kept";
      var clear = card.querySelector("button.clear");
      if (clear) clear.hidden = json.draft === "cleared";
      if (json.answer && fromButton) {
        ["in", "out"].forEach(function (side) {
          var input = card.querySelector('input[name="' + role + "." + side + '"][value="' + json.answer[side] + '"]');
          if (input) {
            input.checked = true;
            showDefinition(input.closest("fieldset"), null);
          }
        });
        var note = card.querySelector("textarea");
        if (note && note.value !== json.answer.note) {
          note.value = json.answer.note;
          noteInOrder(note);
        }
        markAnswered(card);
      }
      var left = document.getElementById("drafts-left");
      if (left) left.textContent = String(json.drafts_left);
      var next = document.getElementById("next-draft");
      if (next) {
        next.hidden = !json.next_draft;
        if (json.next_draft) next.setAttribute("href", "#role-" + json.next_draft);
      }
    };
    // Saves queued or on their way.
    var pending = 0;
    var save = function (card) {
      var previous = queues.get(card) || Promise.resolve();
      pending += 1;
      var next = previous.then(function () { return send(card); }).then(function () { pending -= 1; });
      queues.set(card, next);
    };
    var timers = new Map();
    // A level is saved a moment after the last change of its card, so that moving through the
    // choices with the arrow keys saves only where the person stops (and leaving the card, or the
    // page, saves at once).
    var later = function (card, ms) {
      var status = card.querySelector(".status");
      status.textContent = text.saving;
      status.className = "status saving";
      clearTimeout(timers.get(card));
      timers.set(card, setTimeout(function () { timers.delete(card); save(card); }, ms));
    };
    var flush = function (card) {
      if (timers.has(card)) {
        clearTimeout(timers.get(card));
        timers.delete(card);
        save(card);
      }
    };
    // The definition beside a side: the chosen level's, or the one pointed at (a preview).
    var showDefinition = function (fieldset, input) {
      var definition = fieldset.querySelector(".definition");
      var chosen = fieldset.querySelector("input:checked");
      var shown = input || chosen;
      definition.textContent = shown ? shown.getAttribute("data-def") : "";
      definition.classList.toggle("preview", !!input && input !== chosen);
    };
    var markAnswered = function (card) {
      var answered = Array.prototype.some.call(
        card.querySelectorAll("input[type=radio]:checked"), function (i) { return i.value !== ""; });
      card.classList.toggle("answered", answered);
    };
    sheet.addEventListener("change", function (event) {
      var card = event.target.closest(".role-card");
      if (!card) return;
      if (event.target.type === "radio") {
        // A draft changed by a level keeps last round's note, in the note field to edit: notes
        // are carried as the levels are, never dropped unseen.
        var was = card.getAttribute("data-draft") === "pending" && card.querySelector(".was-note");
        var note = card.querySelector("textarea");
        if (was && note && note.value === "") {
          note.value = was.getAttribute("data-note");
          noteInOrder(note);
        }
        showDefinition(event.target.closest("fieldset"), null);
        markAnswered(card);
        later(card, 500);
      }
    });
    // Every level's definition is one hover away, without choosing it.
    sheet.addEventListener("mouseover", function (event) {
      var label = event.target.closest && event.target.closest("label.choice");
      if (label) showDefinition(label.closest("fieldset"), label.querySelector("input"));
    });
    sheet.addEventListener("mouseout", function (event) {
      var label = event.target.closest && event.target.closest("label.choice");
      if (label && !label.contains(event.relatedTarget)) showDefinition(label.closest("fieldset"), null);
    });
    // An empty note costs no Tab: it is reached by clicking it, or with the n key from the role's
    // levels; a note with text stays in the Tab order.
    var noteInOrder = function (note) {
      if (note.value === "") note.setAttribute("tabindex", "-1");
      else note.removeAttribute("tabindex");
    };
    sheet.querySelectorAll(".role-card textarea").forEach(noteInOrder);
    sheet.addEventListener("focusout", function (event) {
      if (event.target.tagName === "TEXTAREA") noteInOrder(event.target);
    });
    // Keys 0–5 (full-width too) choose that level of the focused side; u leaves it unanswered; n
    // goes to the role's note.
    sheet.addEventListener("keydown", function (event) {
      if (event.target.type !== "radio" || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "n" || event.key === "N") {
        var note = event.target.closest(".role-card").querySelector("textarea");
        if (note) {
          event.preventDefault();
          note.focus();
        }
        return;
      }
      var key = event.key.replace(/[０-５]/, function (d) { return String(d.charCodeAt(0) - 0xff10); });
      var value = /^[0-5]$/.test(key) ? key : (key === "u" || key === "U") ? "" : null;
      if (value === null) return;
      var input = event.target.closest("fieldset").querySelector('input[value="' + value + '"]');
      if (!input) return;
      event.preventDefault();
      input.checked = true;
      input.focus();
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
    sheet.addEventListener("focusout", function (event) {
      var card = event.target.closest(".role-card");
      if (card && event.target.type === "radio" && !card.contains(event.relatedTarget)) flush(card);
    });
    window.addEventListener("pagehide", function () {
      Array.from(timers.keys()).forEach(flush);
    });
    // Submitting waits for the saves still on their way (a timer, or the server asked to wait):
    // a submitted sheet takes no more changes.
    var submitForm = document.getElementById("submit-form");
    if (submitForm) {
      submitForm.addEventListener("submit", function (event) {
        Array.from(timers.keys()).forEach(flush);
        if (pending === 0) return;
        event.preventDefault();
        Promise.all(Array.from(queues.values())).then(function () { submitForm.submit(); });
      });
    }
    // A draft's buttons: the card saved with the draft kept or cleared (one key, Enter or Space,
    // or one tap), then on to the next draft left, so that a keyboard goes through them in order.
    sheet.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("button.keep, button.clear");
      if (!button) return;
      event.preventDefault();
      var card = button.closest(".role-card");
      card.dataset.action = button.classList.contains("keep") ? "keep" : "clear";
      clearTimeout(timers.get(card));
      timers.delete(card);
      var before = queues.get(card) || Promise.resolve();
      save(card);
      var current = queues.get(card);
      (current || before).then(function () {
        var cards = Array.prototype.slice.call(sheet.querySelectorAll('.role-card[data-draft="pending"]'));
        var after = cards.filter(function (c) {
          return card.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING;
        });
        var target = after[0] || cards[0];
        var focus = target && target.querySelector("button.keep:not([hidden])");
        if (focus) focus.focus();
      });
    });
    // Show only the roles not answered yet.
    var filter = document.getElementById("only-unanswered");
    if (filter) {
      filter.closest("label").hidden = false;
      filter.addEventListener("change", function () {
        sheet.classList.toggle("only-unanswered", filter.checked);
      });
    }
    // The compact table view (one line per role, like the Excel sheet), remembered in this browser.
    var compact = document.getElementById("compact-view");
    if (compact) {
      compact.closest("label").hidden = false;
      var remembered = false;
      try { remembered = localStorage.getItem("isomm.compact") === "1"; } catch (e) {}
      compact.checked = remembered;
      sheet.classList.toggle("compact", remembered);
      compact.addEventListener("change", function () {
        sheet.classList.toggle("compact", compact.checked);
        try { localStorage.setItem("isomm.compact", compact.checked ? "1" : "0"); } catch (e) {}
      });
    }
    sheet.addEventListener("input", function (event) {
      if (event.target.tagName !== "TEXTAREA") return;
      var card = event.target.closest(".role-card");
      var status = card.querySelector(".status");
      status.textContent = text.saving;
      status.className = "status saving";
      clearTimeout(timers.get(card));
      timers.set(card, setTimeout(function () { timers.delete(card); save(card); }, 600));
    });
    sheet.addEventListener("focusout", function (event) {
      if (event.target.tagName !== "TEXTAREA") return;
      var card = event.target.closest(".role-card");
      if (timers.has(card)) {
        clearTimeout(timers.get(card));
        timers.delete(card);
        save(card);
      }
    });
  }

  // The plan page: each item's form saves itself a moment after a change, one save at a time
  // per item, each sent with the time the item had after the last (`seen`). Every form also has
  // its own Save button, which is all there is without this script.
  var plan = document.getElementById("plan-items");
  if (plan) {
    var said = {
      saving: plan.getAttribute("data-saving"),
      saved: plan.getAttribute("data-saved"),
      failed: plan.getAttribute("data-failed"),
    };
    var itemQueues = new Map();
    var itemTimers = new Map();
    var showProblems = function (form, errors) {
      form.querySelectorAll(".field").forEach(function (field) {
        field.classList.remove("invalid");
        field.querySelectorAll("p.error").forEach(function (p) { p.remove(); });
      });
      Object.keys(errors || {}).forEach(function (name) {
        var input = form.querySelector('[name="' + name + '"]');
        if (!input) return;
        var field = input.closest(".field");
        field.classList.add("invalid");
        var p = document.createElement("p");
        p.className = "error";
        p.textContent = errors[name];
        field.appendChild(p);
      });
    };
    var sendItem = function (form) {
      var status = form.querySelector(".status");
      status.textContent = said.saving;
      status.className = "status saving";
      return fetch(form.action, {
        method: "POST",
        headers: {
          accept: "application/json",
          "x-csrf-token": csrf,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams(new FormData(form)).toString(),
        credentials: "same-origin",
        // A save started as the page is left still reaches the server.
        keepalive: true,
      })
        .then(function (response) {
          return response.json().then(function (json) { return { code: response.status, json: json }; });
        })
        .then(function (r) {
          if (r.code === 200) {
            showProblems(form, {});
            form.querySelector('input[name="seen"]').value = r.json.updated;
            var item = form.closest(".plan-item");
            item.setAttribute("data-status", r.json.status);
            var line = item.closest(".plan-line");
            if (line) line.classList.toggle("overdue", !!r.json.overdue);
            status.textContent = said.saved;
            status.className = "status saved";
          } else if (r.code === 422) {
            showProblems(form, r.json.errors);
            status.textContent = said.failed;
            status.className = "status failed";
          } else if (r.code === 409) {
            status.textContent = r.json.stale;
            status.className = "status failed";
          } else {
            throw new Error(String(r.code));
          }
        })
        .catch(function () {
          status.textContent = said.failed;
          status.className = "status failed";
        });
    };
    var saveItem = function (form) {
      clearTimeout(itemTimers.get(form));
      itemTimers.delete(form);
      var previous = itemQueues.get(form) || Promise.resolve();
      itemQueues.set(form, previous.then(function () { return sendItem(form); }));
    };
    var itemLater = function (form, ms) {
      var status = form.querySelector(".status");
      status.textContent = said.saving;
      status.className = "status saving";
      clearTimeout(itemTimers.get(form));
      itemTimers.set(form, setTimeout(function () { saveItem(form); }, ms));
    };
    var itemForm = function (event) { return event.target.closest && event.target.closest("form.plan-item-form"); };
    document.addEventListener("input", function (event) {
      var form = itemForm(event);
      if (form && event.target.tagName !== "SELECT") itemLater(form, 800);
    });
    document.addEventListener("change", function (event) {
      var form = itemForm(event);
      if (form) itemLater(form, event.target.tagName === "SELECT" ? 0 : 300);
    });
    document.addEventListener("focusout", function (event) {
      var form = itemForm(event);
      if (form && itemTimers.has(form) && !form.contains(event.relatedTarget)) saveItem(form);
    });
    document.addEventListener("submit", function (event) {
      if (!event.target.matches("form.plan-item-form")) return;
      event.preventDefault();
      saveItem(event.target);
    });
    window.addEventListener("pagehide", function () {
      itemTimers.forEach(function (_, form) { saveItem(form); });
    });
  }

  // Results: switch extra radar series on and off.
  document.querySelectorAll("input[data-series-toggle]").forEach(function (box) {
    box.addEventListener("change", function () {
      var key = box.getAttribute("data-series-toggle");
      document.querySelectorAll('svg.radar [data-series="' + key + '"]').forEach(function (g) {
        if (box.checked) g.removeAttribute("display");
        else g.setAttribute("display", "none");
      });
    });
  });
})();

// Copy buttons: the value of the field they name goes to the clipboard (the field is selected
// too, so that copying by hand works where the clipboard is not allowed).
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.copy[data-copy]");
  if (!button) return;
  const field = document.getElementById(button.dataset.copy);
  if (!field) return;
  field.select();
  if (navigator.clipboard) navigator.clipboard.writeText(field.value).catch(() => {});
});
