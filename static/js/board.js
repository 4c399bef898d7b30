// The organiser's meeting board: drag and drop (or choose, then click) to book, move and swap.
// Every change goes through the API, which validates it; a refusal is shown and nothing moves.
(function () {
  "use strict";
  const page = document.querySelector(".board-page");
  if (!page) return;
  const api = page.dataset.api;
  const grid = page.dataset.grid;
  const status = page.querySelector(".board-status");
  const csrf = document.querySelector("input[name=csrfmiddlewaretoken]").value;
  let chosen = null; // {kind: "meeting"|"request", id}

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

  async function act(promise) {
    try {
      await promise;
      window.location.reload();
    } catch (error) {
      say(page.dataset.refused + " " + error.message, true);
    }
  }

  function place(source, cell) {
    const slot = Number(cell.dataset.slot);
    const table = Number(cell.dataset.table);
    const occupant = cell.querySelector(".meeting");
    if (source.kind === "request") {
      if (occupant) return say(page.dataset.refused + " " + page.dataset.taken + " " + cell.getAttribute("aria-label"), true);
      return act(call("POST", "meetings/", { request: source.id, slot: slot, table: table }));
    }
    if (occupant && Number(occupant.dataset.meeting) !== source.id) {
      return act(call("POST", "meetings/" + source.id + "/swap/", { other: Number(occupant.dataset.meeting) }));
    }
    if (!occupant) return act(call("POST", "meetings/" + source.id + "/move/", { slot: slot, table: table }));
  }

  function choose(kind, element) {
    page.querySelectorAll(".chosen").forEach((node) => node.classList.remove("chosen"));
    chosen = { kind: kind, id: Number(element.dataset[kind]) };
    element.classList.add("chosen");
    say(element.textContent.trim().split("\n")[0]);
  }

  page.querySelectorAll(".meeting, .request").forEach((element) => {
    const kind = element.classList.contains("meeting") ? "meeting" : "request";
    element.addEventListener("dragstart", (event) => {
      event.dataTransfer.setData("text/plain", JSON.stringify({ kind: kind, id: Number(element.dataset[kind]) }));
    });
    element.addEventListener("click", (event) => {
      if (event.target.closest("button")) return;
      event.stopPropagation();
      if (chosen && chosen.kind === "meeting" && kind === "meeting" && chosen.id !== Number(element.dataset.meeting)) {
        return place(chosen, element.closest(".cell"));
      }
      choose(kind, element);
    });
    element.addEventListener("keydown", (event) => {
      // Keys pressed on the Pin and Cancel buttons inside a meeting are theirs, not the meeting's.
      if (event.target !== element) return;
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        element.click();
      }
    });
  });

  page.querySelectorAll(".cell").forEach((cell) => {
    // An empty cell is a place to put the chosen meeting or request, so a keyboard must reach it.
    if (!cell.querySelector(".meeting")) cell.tabIndex = 0;
    cell.addEventListener("keydown", (event) => {
      if (event.target !== cell || (event.key !== "Enter" && event.key !== " ")) return;
      event.preventDefault();
      cell.click();
    });
    cell.addEventListener("dragover", (event) => event.preventDefault());
    cell.addEventListener("dragenter", () => cell.classList.add("drop-target"));
    cell.addEventListener("dragleave", () => cell.classList.remove("drop-target"));
    cell.addEventListener("drop", (event) => {
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
    cell.addEventListener("click", () => {
      if (chosen && !cell.querySelector(".meeting")) place(chosen, cell);
    });
  });

  page.querySelectorAll("[data-action=pin]").forEach((button) => {
    button.addEventListener("click", () => {
      const meeting = button.closest(".meeting").dataset.meeting;
      act(call("POST", "meetings/" + meeting + "/pin/", { pinned: button.dataset.pinned !== "true" }));
    });
  });
  page.querySelectorAll("[data-action=cancel]").forEach((button) => {
    button.addEventListener("click", () => {
      if (!window.confirm(page.dataset.confirmCancel)) return;
      act(call("DELETE", "meetings/" + button.closest(".meeting").dataset.meeting + "/"));
    });
  });

  page.querySelector("[data-action=publish]").addEventListener("click", () => {
    act(call("POST", "meeting-grids/" + grid + "/publish/"));
  });

  page.querySelector("[data-action=run]").addEventListener("click", async () => {
    const box = page.querySelector(".run-progress");
    const bar = box.querySelector("progress");
    const phase = box.querySelector(".run-phase");
    box.hidden = false;
    try {
      const reoptimise = page.querySelector("#reoptimise");
      let run = await call("POST", "meeting-grids/" + grid + "/runs/", { reoptimise: Boolean(reoptimise && reoptimise.checked) });
      while (run.status === "queued" || run.status === "running") {
        bar.value = run.progress;
        phase.textContent = run.phase;
        await new Promise((resolve) => setTimeout(resolve, 400));
        run = await call("GET", "scheduler-runs/" + run.id + "/");
      }
      bar.value = 1;
      phase.textContent = run.phase;
      if (run.status === "failed") throw new Error(run.error);
      window.location.reload();
    } catch (error) {
      say(page.dataset.refused + " " + error.message, true);
    }
  });
})();
