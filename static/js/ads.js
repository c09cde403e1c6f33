// Rotates the ads of a slot and counts an impression once an ad is half in view. The page
// stays cacheable: every placement of the slot's best priority comes with it, hidden but
// the first; this picks one per reader, and the count goes to a small endpoint.

const SEEN_SHARE = 0.5;

function seen(item) {
  fetch(item.dataset.adSeen, { method: "POST", keepalive: true }).catch(() => {});
}

const watcher =
  "IntersectionObserver" in window
    ? new IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            if (entry.isIntersecting) {
              watcher.unobserve(entry.target);
              seen(entry.target);
            }
          }
        },
        { threshold: SEEN_SHARE },
      )
    : null;

for (const slot of document.querySelectorAll("[data-ad-slot]:not([data-ad-ready])")) {
  slot.dataset.adReady = "";
  const items = [...slot.querySelectorAll("[data-ad-seen]")];
  if (!items.length) continue;
  const shown = items[Math.floor(Math.random() * items.length)];
  for (const item of items) item.hidden = item !== shown;
  if (watcher) watcher.observe(shown);
  else seen(shown);
}
