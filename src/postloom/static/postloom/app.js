// Small progressive enhancements; every page works without them.
"use strict";

// A new business starts in the time zone of the browser that creates it.
document.addEventListener("DOMContentLoaded", () => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  for (const select of document.querySelectorAll("select[data-guess-timezone]")) {
    const untouched = select.value === select.querySelector("option[selected]")?.value;
    const known = [...select.options].some((option) => option.value === zone);
    if (untouched && known) select.value = zone;
  }
});

// Swatches and font samples take their color and family from data attributes: the CSP allows
// no inline style attributes, but styles set from our own script are fine.
function paintSamples(root) {
  for (const chip of root.querySelectorAll("[data-color]")) {
    chip.style.backgroundColor = chip.dataset.color;
  }
  for (const sample of root.querySelectorAll("[data-font]")) {
    sample.style.fontFamily = `"${sample.dataset.font.replace(/"/g, "")}", var(--font)`;
  }
}
document.addEventListener("DOMContentLoaded", () => paintSamples(document));
document.addEventListener("htmx:afterSwap", (event) => paintSamples(event.target));
