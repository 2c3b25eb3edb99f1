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
