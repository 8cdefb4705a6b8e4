import { t } from "./i18n/i18n.js";
// History-API router: every screen has a URL, links push state, Back/Forward
// re-render, and screens that need an account send guests to log in first.
// A view is a module with `render(main, { params, query, scope })`: whatever it
// starts it registers with `scope` (or it returns a dispose function), and the
// router disposes the scope when the next screen replaces it.
import { user } from "./session.js";
import { h } from "./components/dom.js";
import { Scope } from "./lifecycle.js";
import { emit } from "./events.js";

const routes = [];
let renderToken = 0;
let currentScope = null;

export function route(pattern, load, { access = "any", title = "" } = {}) {
  const keys = [];
  const regex = new RegExp("^" + pattern.replace(/:(\w+)/g, (_, key) => {
    keys.push(key);
    return "([^/]+)";
  }) + "/?$");
  routes.push({ regex, keys, load, access, title });
}

export function navigate(path, { replace = false } = {}) {
  // Remember how far this screen was scrolled, for when Back returns to it.
  if (!replace) history.replaceState({ ...(history.state ?? {}), scrollY: window.scrollY }, "");
  if (replace) history.replaceState({}, "", path);
  else history.pushState({}, "", path);
  render();
}

function match(pathname) {
  for (const entry of routes) {
    const found = pathname.match(entry.regex);
    if (found) {
      const params = Object.fromEntries(entry.keys.map((key, i) => [key, decodeURIComponent(found[i + 1])]));
      return { entry, params };
    }
  }
  return null;
}

/// Shows the screen for the current URL; `restoreScroll` (Back and Forward) returns to where it was scrolled.
export async function render({ restoreScroll = false } = {}) {
  const token = ++renderToken;
  const { pathname, search } = window.location;
  const found = match(pathname) ?? match("/__not-found");
  const { entry, params } = found;
  if (entry.access === "member" && !user()) {
    const next = encodeURIComponent(pathname + search);
    return navigate(`/login?next=${next}`, { replace: true });
  }
  if (entry.access === "guest" && user()) {
    return navigate("/", { replace: true });
  }
  const view = await entry.load();
  if (token !== renderToken) return; // a newer navigation won the race
  const main = document.getElementById("main");
  currentScope?.dispose();
  const scope = new Scope();
  currentScope = scope;
  main.replaceChildren();
  document.title = entry.title ? t("router.transcendence", { title: entry.title }) : "Transcendence";
  try {
    const dispose = await view.render(main, { params, query: new URLSearchParams(search), scope });
    if (typeof dispose === "function") scope.add(dispose);
  } catch (error) {
    if (token !== renderToken) return; // e.g. the session ended and we are already on the login screen
    main.replaceChildren(failedScreen(error));
  }
  emit("route-changed", { pathname });
  if (restoreScroll) restoreScrollPosition(history.state?.scrollY ?? 0, token);
  else window.scrollTo(0, 0);
}

/// Back and Forward return to where the screen was scrolled. A screen's sections often arrive
/// after it renders, so until the page is tall enough the position is tried again each frame
/// (for up to 3 s), unless another screen was shown meanwhile.
function restoreScrollPosition(target, token) {
  const giveUpAt = performance.now() + 3000;
  // The player scrolling meanwhile wins.
  let overruled = false;
  const overrule = () => { overruled = true; };
  for (const type of ["wheel", "touchstart", "keydown"]) window.addEventListener(type, overrule, { once: true, passive: true });
  const attempt = () => {
    if (token !== renderToken || overruled) return;
    window.scrollTo(0, target);
    if (Math.abs(window.scrollY - target) > 1 && performance.now() < giveUpAt) requestAnimationFrame(attempt);
  };
  attempt();
}

function failedScreen(error) {
  const retry = h("button", { type: "button", class: "button button-primary" }, t("router.tryAgain"));
  retry.addEventListener("click", () => render());
  return h("section", { class: "card empty-state", role: "alert" },
    h("h1", {}, t("router.thisScreenDidntLoad")),
    h("p", { class: "muted" }, error?.message ?? t("router.somethingWentWrong")),
    retry);
}

export function startRouter() {
  window.addEventListener("popstate", () => render({ restoreScroll: true }));
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[href]");
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin || link.target || link.hasAttribute("download")) return;
    if (url.pathname.startsWith("/api/")) return;
    event.preventDefault();
    if (url.pathname + url.search !== window.location.pathname + window.location.search) {
      navigate(url.pathname + url.search);
    }
  });
  return render();
}
