/* Repairs to the markup of Dash 4's own controls that axe-core reports as critical or
 * serious (the controls are Dash's; their markup cannot be set from Python). Applied on
 * every change of the page, since React re-renders these controls.
 *  - date pickers: aria-expanded on a div with no role (aria-allowed-attr);
 *  - dropdowns: a hidden, focusable helper input (aria-hidden-focus);
 *  - slider: a thumb with no name (aria-input-field-name);
 *  - checklist / radio items: a listbox of options that wrap native inputs
 *    (nested-interactive, aria-input-field-name): a labelled group of plain labels;
 *  - the date picker's clear link: an aria-label on an <a> with no role. */
(function () {
  "use strict";

  function labelOf(el) {
    const filter = el.closest(".filter");
    const label = filter && filter.querySelector("label[id]");
    return label ? label.id : null;
  }

  function repair(root) {
    root.querySelectorAll(".dash-datepicker-input-wrapper[aria-expanded]").forEach(function (el) {
      el.removeAttribute("aria-expanded");
      el.removeAttribute("aria-haspopup");
    });
    root.querySelectorAll(".dash-dropdown-focus-target[aria-hidden='true']").forEach(function (el) {
      if (el.getAttribute("tabindex") !== "-1") { el.setAttribute("tabindex", "-1"); }
    });
    root.querySelectorAll(".dash-slider-thumb[role='slider']:not([aria-labelledby])").forEach(function (el) {
      const id = labelOf(el);
      if (id) { el.setAttribute("aria-labelledby", id); }
    });
    root.querySelectorAll(".dash-options-list[role='listbox']").forEach(function (el) {
      el.setAttribute("role", "group");
      const id = labelOf(el);
      if (id) { el.setAttribute("aria-labelledby", id); }
    });
    root.querySelectorAll(".dash-options-list-option[role='option']").forEach(function (el) {
      el.removeAttribute("role");
      el.removeAttribute("aria-selected");
    });
    root.querySelectorAll("a.dash-datepicker-clear[aria-label]:not([role])").forEach(function (el) {
      el.setAttribute("role", "button");
    });
  }

  let scheduled = false;
  const observer = new MutationObserver(function () {
    if (scheduled) { return; }
    scheduled = true;
    window.requestAnimationFrame(function () { scheduled = false; repair(document); });
  });

  function start() {
    repair(document);
    observer.observe(document.body, {
      childList: true, subtree: true, attributes: true,
      attributeFilter: ["aria-expanded", "aria-hidden", "role", "tabindex"],
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
