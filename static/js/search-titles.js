// Titles as the reader types: after a pause in typing, the newest stories whose titles start
// words the way the query does are listed under the search field as links. Without this
// script the form is an ordinary search form.

const PAUSE_MS = 250;
const MIN_CHARACTERS = 2;

for (const form of document.querySelectorAll("form[data-search-titles]")) {
  const input = form.querySelector("input[name=q]");
  const list = form.parentElement.querySelector("[data-search-titles-list]");
  if (!input || !list) continue;
  const endpoint = new URL(form.dataset.searchTitles, location.href);
  let timer;
  let pending;

  const show = (titles) => {
    list.replaceChildren();
    if (!titles.length) return;
    const items = document.createElement("ul");
    for (const { title, url } of titles) {
      const link = document.createElement("a");
      link.href = url;
      link.textContent = title;
      const item = document.createElement("li");
      item.append(link);
      items.append(item);
    }
    list.append(items);
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const typed = input.value.trim();
      pending?.abort();
      if (typed.length < MIN_CHARACTERS) return show([]);
      pending = new AbortController();
      endpoint.searchParams.set("q", typed);
      try {
        const response = await fetch(endpoint, { signal: pending.signal, headers: { Accept: "application/json" } });
        if (response.ok) show((await response.json()).titles);
      } catch {
        // A newer keystroke aborted this request, or the network failed: the form still works.
      }
    }, PAUSE_MS);
  });
}
