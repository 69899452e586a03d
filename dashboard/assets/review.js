/* The review queue's keyboard: C confirms, X rejects, N (or J) goes to the next event,
 * P (or K) to the previous one, E opens the current event in the timeline to correct it.
 * A key presses the page's own button (the same callback a click runs), never while the
 * focus is in a text field, and not again until the queue has answered the last key
 * (the current event's panel carries a new stamp): a fast second C confirms the next
 * event, never the same one twice. Served from /assets (the CSP allows only the app's own
 * scripts). */
(function () {
  "use strict";
  const KEYS = {
    c: "queue-confirm", x: "queue-reject", n: "queue-next", j: "queue-next",
    p: "queue-prev", k: "queue-prev", e: "queue-open",
  };
  const pending = [];
  let waitingFor = null;  // the stamp of the panel the last key acted on

  function stamp() {
    const panel = document.querySelector("#queue-current-panel > [data-stamp]");
    return panel ? panel.getAttribute("data-stamp") : null;
  }

  function typing(target) {
    if (!target || !target.tagName) { return false; }
    const tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function press(id) {
    const button = document.getElementById(id);
    if (!button) { return; }
    if (id !== "queue-open") { waitingFor = stamp(); }
    button.click();
  }

  function drain() {
    if (waitingFor !== null && stamp() === waitingFor) { return; }
    waitingFor = null;
    const next = pending.shift();
    if (next) { press(next); }
  }

  // The panel is re-rendered after every answer: that is when the next key may go.
  new MutationObserver(drain).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["data-stamp"],
  });

  document.addEventListener("keydown", function (e) {
    if (window.location.pathname !== "/review") { return; }
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) { return; }
    const id = KEYS[(e.key || "").toLowerCase()];
    if (!id) { return; }
    e.preventDefault();
    pending.push(id);
    drain();
  });
})();
