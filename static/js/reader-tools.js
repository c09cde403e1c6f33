// Reader tools: night theme, text size, print, copy link and native share.
// The inline script in base.html applies the stored theme and text size before first paint;
// this module only wires the buttons. Every button works on its own, none needs another.

const root = document.documentElement;
const TEXT_SIZE_MIN = -1;
const TEXT_SIZE_MAX = 3;

function remember(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage may be off (private mode); the choice then lasts for this page only.
  }
}

function recall(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

// The header and an article's tools row each carry a toggle; both show the same state.
function setUpThemeToggles(buttons) {
  const showState = () => {
    for (const button of buttons) button.setAttribute("aria-pressed", String(root.dataset.theme === "dark"));
  };
  for (const button of buttons) {
    button.addEventListener("click", () => {
      root.dataset.theme = root.dataset.theme === "dark" ? "light" : "dark";
      remember("theme", root.dataset.theme);
      showState();
    });
  }
  // Until the reader chooses, the page follows the system setting, also when it changes.
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", (event) => {
    if (recall("theme")) return;
    root.dataset.theme = event.matches ? "dark" : "light";
    showState();
  });
  showState();
}

function setUpTextSize(buttons) {
  const current = () => Number(root.dataset.textSize) || 0;
  const step = (button) => (button.dataset.textSize === "larger" ? 1 : -1);
  const showLimits = () => {
    for (const button of buttons) {
      const next = current() + step(button);
      button.disabled = next < TEXT_SIZE_MIN || next > TEXT_SIZE_MAX;
    }
  };
  for (const button of buttons) {
    button.addEventListener("click", () => {
      const size = Math.min(TEXT_SIZE_MAX, Math.max(TEXT_SIZE_MIN, current() + step(button)));
      root.dataset.textSize = String(size);
      remember("textSize", String(size));
      showLimits();
    });
  }
  showLimits();
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard API (plain http, old browser, permission refused): the old way.
    const input = document.createElement("input");
    input.value = text;
    input.readOnly = true;
    input.className = "visually-hidden";
    input.setAttribute("aria-hidden", "true");
    input.tabIndex = -1;
    document.body.append(input);
    input.select();
    document.execCommand("copy");
    input.remove();
  }
}

function showToast(toast, message) {
  toast.textContent = message;
  toast.classList.add("is-visible");
  clearTimeout(showToast.timer);
  showToast.timer = setTimeout(() => toast.classList.remove("is-visible"), 3000);
}

function setUpReaderTools(tools) {
  setUpTextSize(tools.querySelectorAll("button[data-text-size]"));
  tools.querySelector("[data-print]")?.addEventListener("click", () => window.print());
  const toast = tools.querySelector("[data-toast]");
  tools.querySelector("[data-copy-link]")?.addEventListener("click", async () => {
    await copyText(location.href);
    if (toast) showToast(toast, tools.dataset.copiedMessage);
  });
  const share = tools.querySelector("[data-native-share]");
  if (share && navigator.share) {
    share.hidden = false;
    share.addEventListener("click", () => {
      // A reader closing the share sheet rejects the promise; that is not an error.
      navigator.share({ title: document.title, url: location.href }).catch(() => {});
    });
  }
}

setUpThemeToggles(document.querySelectorAll("[data-theme-toggle]"));
for (const tools of document.querySelectorAll("[data-reader-tools]")) setUpReaderTools(tools);
