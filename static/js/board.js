// The organiser's meeting board: drag and drop (or choose, then click) to book, move and swap.
// Every change goes through the API, which validates it; a refusal is shown and nothing moves.
// After a change the board's regions are fetched again and swapped in place, not the whole page;
// listeners sit on the page, so they survive the swap.
(function () {
  "use strict";
  const page = document.querySelector(".board-page");
  if (!page) return;
  const api = page.dataset.api;
  const grid = page.dataset.grid;
  const status = page.querySelector(".board-status");
  const columnChoice = page.querySelector("#board-column");
  const csrf = document.querySelector("input[name=csrfmiddlewaretoken]").value;
  let chosen = null; // {kind: "meeting"|"request", id, name}

  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle("message-error", Boolean(isError));
  }

  async function call(method, path, body) {
    const response = await fetch(api + path, {
      method: method,
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, Accept: "application/json" },
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = {};
    if (response.status !== 204) {
      try {
        data = await response.json();
      } catch (error) {
        throw new Error(page.dataset.failed);
      }
    }
    if (!response.ok) {
      const detail = data.detail || Object.values(data).flat().join(" ");
      throw new Error(detail);
    }
    return data;
  }

  // On a narrow screen only the chosen table's (or delegate's) column shows; the CSS hides the rest.
  function showColumn() {
    if (!columnChoice) return;
    page.querySelectorAll(".board [data-column]").forEach((node) => {
      node.classList.toggle("off-column", node.dataset.column !== columnChoice.value);
    });
  }

  // Fetch this page again and swap its changing regions in, keeping where the grid was scrolled to.
  async function refresh() {
    const response = await fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (!response.ok) throw new Error(page.dataset.failed);
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    const scroller = page.querySelector(".board-scroll");
    const scrolled = scroller ? [scroller.scrollLeft, scroller.scrollTop] : null;
    page.querySelectorAll("[data-region]").forEach((region) => {
      const replacement = fresh.querySelector('[data-region="' + region.dataset.region + '"]');
      if (replacement) region.replaceWith(document.adoptNode(replacement));
    });
    const newScroller = page.querySelector(".board-scroll");
    if (newScroller && scrolled) [newScroller.scrollLeft, newScroller.scrollTop] = scrolled;
    showColumn();
  }

  function cellAt(slot, table) {
    return page.querySelector('.cell[data-slot="' + slot + '"][data-table="' + table + '"]');
  }

  // The control to put the keyboard back on after a change: the meeting now in a cell, or the cell.
  function inCell(slot, table) {
    return () => {
      const target = cellAt(slot, table);
      return target && (target.querySelector(".meeting-choose") || target);
    };
  }

  function putDown() {
    chosen = null;
    page.querySelectorAll(".chosen").forEach((node) => node.classList.remove("chosen"));
  }

  async function act(request, done, focusTarget) {
    try {
      await request;
    } catch (error) {
      // Most refusals come from a board that changed meanwhile (another organiser, a run): show it as it is now.
      putDown();
      try {
        await refresh();
      } catch (ignored) {
        // the refusal is said all the same
      }
      return say(page.dataset.refused + " " + error.message, true);
    }
    chosen = null;
    try {
      await refresh();
    } catch (error) {
      return say(page.dataset.failed, true);
    }
    say(done);
    const target = focusTarget && focusTarget();
    if (target) target.focus();
  }

  function place(source, cell) {
    const slot = Number(cell.dataset.slot);
    const table = Number(cell.dataset.table);
    const occupant = cell.querySelector(".meeting");
    if (source.kind === "request") {
      if (occupant) return say(page.dataset.refused + " " + page.dataset.taken + " " + cell.getAttribute("aria-label"), true);
      const done = page.dataset.booked + " " + source.name;
      return act(call("POST", "meetings/", { request: source.id, slot: slot, table: table }), done, inCell(slot, table));
    }
    if (occupant && Number(occupant.dataset.meeting) !== source.id) {
      const done = page.dataset.swapped + " " + source.name + ", " + meetingName(occupant);
      return act(call("POST", "meetings/" + source.id + "/swap/", { other: Number(occupant.dataset.meeting) }), done, inCell(slot, table));
    }
    if (!occupant) {
      const done = page.dataset.moved + " " + source.name;
      return act(call("POST", "meetings/" + source.id + "/move/", { slot: slot, table: table }), done, inCell(slot, table));
    }
  }

  function meetingName(meeting) {
    return meeting.querySelector(".meeting-choose").textContent.trim();
  }

  function describe(element) {
    if (element.classList.contains("meeting")) return { kind: "meeting", id: Number(element.dataset.meeting), name: meetingName(element) };
    return { kind: "request", id: Number(element.dataset.request), name: element.textContent.trim().split("\n")[0] };
  }

  function choose(element) {
    page.querySelectorAll(".chosen").forEach((node) => node.classList.remove("chosen"));
    chosen = describe(element);
    element.classList.add("chosen");
    say(chosen.name);
  }

  function pin(button) {
    const meeting = button.closest(".meeting");
    const pinned = button.dataset.pinned !== "true";
    const done = (pinned ? page.dataset.pinned : page.dataset.unpinned) + " " + meetingName(meeting);
    const id = meeting.dataset.meeting;
    act(call("POST", "meetings/" + id + "/pin/", { pinned: pinned }), done, () =>
      page.querySelector('[data-meeting="' + id + '"] [data-action=pin]'),
    );
  }

  function cancel(button) {
    const meeting = button.closest(".meeting");
    // A suggestion taken off the board is withdrawn, not sent back to the list (services.cancel_meeting).
    const suggested = meeting.classList.contains("suggested");
    if (!window.confirm(suggested ? page.dataset.confirmWithdraw : page.dataset.confirmCancel)) return;
    const cell = meeting.closest(".cell");
    const done = (suggested ? page.dataset.withdrawn : page.dataset.cancelled) + " " + meetingName(meeting);
    act(call("DELETE", "meetings/" + meeting.dataset.meeting + "/"), done, inCell(cell.dataset.slot, cell.dataset.table));
  }

  async function run(button) {
    const box = page.querySelector(".run-progress");
    const bar = box.querySelector("progress");
    const phase = box.querySelector(".run-phase");
    box.hidden = false;
    bar.value = 0;
    button.disabled = true;
    try {
      const reoptimise = page.querySelector("#reoptimise");
      let job = await call("POST", "meeting-grids/" + grid + "/runs/", { reoptimise: Boolean(reoptimise && reoptimise.checked) });
      while (job.status === "queued" || job.status === "running") {
        bar.value = job.progress;
        phase.textContent = job.phase;
        await new Promise((resolve) => setTimeout(resolve, 400));
        job = await call("GET", "scheduler-runs/" + job.id + "/");
      }
      bar.value = 1;
      phase.textContent = job.phase;
      if (job.status === "failed") throw new Error(job.error);
      await refresh();
      // The run ends with its quality line, read out by the status region.
      const quality = page.querySelector("[data-quality]");
      say(quality ? quality.textContent.replace(/\s+/g, " ").trim() : job.phase);
    } catch (error) {
      say(page.dataset.refused + " " + error.message, true);
    } finally {
      button.disabled = false;
    }
  }

  page.addEventListener("click", (event) => {
    const name = event.target.closest(".meeting-choose");
    if (name) {
      const meeting = name.closest(".meeting");
      if (chosen && chosen.kind === "meeting" && chosen.id !== Number(meeting.dataset.meeting)) {
        return place(chosen, meeting.closest(".cell"));
      }
      return choose(meeting);
    }
    const button = event.target.closest("button[data-action]");
    if (button) {
      const action = button.dataset.action;
      if (action === "pin") return pin(button);
      if (action === "cancel") return cancel(button);
      if (action === "run") return run(button);
      if (action === "publish") return act(call("POST", "meeting-grids/" + grid + "/publish/"), page.dataset.published);
      return;
    }
    const request = event.target.closest(".request");
    if (request) return choose(request);
    const cell = event.target.closest(".cell");
    if (cell && chosen && !cell.querySelector(".meeting")) place(chosen, cell);
  });

  // Requests and empty cells are reached with Tab; Enter or Space acts on them as a click would.
  page.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && chosen) {
      putDown();
      return say(page.dataset.unchosen);
    }
    if (event.key !== "Enter" && event.key !== " ") return;
    const target = event.target;
    if (!target.matches || !target.matches(".request, .cell")) return;
    event.preventDefault();
    target.click();
  });

  page.addEventListener("dragstart", (event) => {
    const element = event.target.closest && event.target.closest(".meeting, .request");
    if (!element) return;
    event.dataTransfer.setData("text/plain", JSON.stringify(describe(element)));
  });
  page.addEventListener("dragover", (event) => {
    if (event.target.closest && event.target.closest(".cell")) event.preventDefault();
  });
  page.addEventListener("dragenter", (event) => {
    const cell = event.target.closest && event.target.closest(".cell");
    if (cell) cell.classList.add("drop-target");
  });
  page.addEventListener("dragleave", (event) => {
    const cell = event.target.closest && event.target.closest(".cell");
    if (cell && !cell.contains(event.relatedTarget)) cell.classList.remove("drop-target");
  });
  page.addEventListener("drop", (event) => {
    const cell = event.target.closest && event.target.closest(".cell");
    if (!cell) return;
    event.preventDefault();
    cell.classList.remove("drop-target");
    let source;
    try {
      source = JSON.parse(event.dataTransfer.getData("text/plain"));
    } catch (error) {
      return; // something dropped from outside the board
    }
    place(source, cell);
  });

  if (columnChoice) columnChoice.addEventListener("change", showColumn);
  showColumn();
})();
