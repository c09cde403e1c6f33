// "Load more": when the reader reaches a listing's pagination links, the next page's story
// cards are fetched as a fragment (?partial=1) and appended. Without this script the links
// are ordinary pagination.

async function loadNextPage(container, list, observer) {
  const nav = container.querySelector("[data-load-more-nav]");
  const link = nav?.querySelector("[data-load-more-next]");
  if (!link) return;
  const url = new URL(link.href);
  url.searchParams.set("partial", "1");
  const response = await fetch(url, { headers: { Accept: "text/html" } });
  if (!response.ok) throw new Error(`${response.status} for ${url}`);
  const fragment = new DOMParser().parseFromString(await response.text(), "text/html");

  // Skip stories already on the page (an article's own page, a story that moved up).
  const shown = new Set([location.pathname, ...[...list.querySelectorAll("a[href]")].map((a) => a.pathname)]);
  for (const item of fragment.querySelectorAll("[data-load-more-list] > li")) {
    const story = item.querySelector("a[href]");
    if (!story || !shown.has(new URL(story.getAttribute("href"), url).pathname)) list.append(item);
  }

  observer.unobserve(nav);
  const nextNav = fragment.querySelector("[data-load-more-nav]");
  const nextLink = nextNav?.querySelector("[data-load-more-next]");
  if (!nextLink) {
    nav.remove();
    return;
  }
  // The list now runs on, so a link back to newer stories no longer makes sense.
  nextNav.querySelector("[rel=prev]")?.remove();
  nextLink.href = new URL(nextLink.getAttribute("href"), url).href;
  nav.replaceWith(nextNav);
  observer.observe(nextNav);
}

for (const container of document.querySelectorAll("[data-load-more]")) {
  const list = container.querySelector("[data-load-more-list]");
  const nav = container.querySelector("[data-load-more-nav]");
  if (!list || !nav || !("IntersectionObserver" in window)) continue;
  let loading = false;
  const observer = new IntersectionObserver(
    async (entries) => {
      if (loading || !entries.some((entry) => entry.isIntersecting)) return;
      loading = true;
      try {
        await loadNextPage(container, list, observer);
      } catch {
        // The plain link stays in place: the reader can still follow it.
      } finally {
        loading = false;
      }
    },
    { rootMargin: "0px 0px 400px 0px" },
  );
  observer.observe(nav);
}
