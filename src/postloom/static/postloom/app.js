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

// Studio: live caption counters. Counted the way the networks count: the caption, a blank
// line, then "#tag #tag", in UTF-16 units (what a JavaScript string's length is, and what
// Instagram and TikTok count). Hashtags are those in the field plus any typed in the caption.
const INLINE_TAG = /(?<![\p{L}\p{M}\p{N}_#@])#[\p{L}\p{M}\p{N}_]+/gu;

function parseTags(value) {
  const seen = new Map();
  for (const item of value.split(/[\s,]+/)) {
    const tag = item.replace(/^#+/, "");
    if (tag && !seen.has(tag.toLowerCase())) seen.set(tag.toLowerCase(), tag);
  }
  return [...seen.values()];
}

function updateCounters(form) {
  const caption = form.elements.caption?.value ?? "";
  const tags = parseTags(form.elements.hashtags?.value ?? "");
  const tagLine = tags.map((tag) => `#${tag}`).join(" ");
  const text = [caption, tagLine].filter(Boolean).join("\n\n");
  const values = {
    chars: text.length,
    tags: tags.length + (caption.match(INLINE_TAG) || []).length,
    title: (form.elements.headline?.value ?? "").length,
  };
  const limits = {
    chars: Number(form.dataset.maxChars) || null,
    tags: Number(form.dataset.maxTags) || null,
    title: Number(form.dataset.maxTitle) || null,
  };
  let over = false;
  for (const [name, value] of Object.entries(values)) {
    const counter = form.querySelector(`[data-counter="${name}"]`);
    if (!counter) continue;
    counter.querySelector("[data-value]").textContent = String(value);
    const tooMuch = limits[name] !== null && value > limits[name];
    counter.classList.toggle("over", tooMuch);
    over ||= tooMuch;
  }
  const warning = form.querySelector("[data-warning]");
  if (warning) warning.hidden = !over;
}

document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form[data-caption-form]")) {
    form.addEventListener("input", () => updateCounters(form));
    updateCounters(form);
  }
});
