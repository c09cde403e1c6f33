// Counts this view of an article once and shows the new total. The page itself stays
// cacheable: the count comes from a small endpoint, not from the HTML.

const article = document.querySelector("[data-article-id][data-view-url]");

if (article) {
  fetch(article.dataset.viewUrl, { method: "POST", headers: { Accept: "application/json" } })
    .then((response) => (response.ok ? response.json() : null))
    .then((data) => {
      if (!data || typeof data.views !== "number") return;
      for (const counter of document.querySelectorAll("[data-view-count]")) {
        counter.textContent = String(data.views);
      }
    })
    // A lost count must not disturb the reader (nor the console): the server figure stays.
    .catch(() => {});
}
