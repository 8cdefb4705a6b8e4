// Where I'm logged in: each browser with its last activity, revocable one by one or all at once.
import { h, formatRelative } from "../components/dom.js";
import { toast } from "../components/toast.js";
import * as authAPI from "../api/auth.js";
import { on } from "../events.js";

export function describeAgent(agent) {
  const browser = /Edg\//.test(agent) ? "Edge" : /Firefox\//.test(agent) ? "Firefox"
    : /Chrome\//.test(agent) ? "Chrome" : /Safari\//.test(agent) ? "Safari" : null;
  const system = /Android/.test(agent) ? "Android" : /iPhone|iPad/.test(agent) ? "iOS"
    : /Windows/.test(agent) ? "Windows" : /Mac OS X/.test(agent) ? "macOS" : /Linux/.test(agent) ? "Linux" : null;
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? (agent.length > 60 ? `${agent.slice(0, 57)}…` : agent);
}

/// The list, fetched again whenever another section changes the sessions, while `scope` lasts.
export async function sessionsSection(scope) {
  const list = h("ul", { class: "session-list", "aria-label": "Active sessions" });
  const others = h("button", { type: "button", class: "button button-ghost" }, "Sign out everywhere else");

  async function load() {
    const sessions = await authAPI.sessions();
    list.replaceChildren(...sessions.map((session) => {
      const name = describeAgent(session.userAgent);
      const revoke = session.current ? h("span", { class: "badge" }, "This device")
        : h("button", { type: "button", class: "button button-small button-ghost", "aria-label": `Sign out ${name}, last active ${formatRelative(session.lastSeenAt)}` }, "Sign out");
      if (!session.current) {
        revoke.addEventListener("click", async () => {
          await authAPI.revokeSession(session.id);
          toast(`Signed out ${name}.`);
          load();
        });
      }
      return h("li", { class: "session" },
        h("div", {}, h("strong", {}, name),
          h("p", { class: "muted small" }, `${session.ipAddress} · active ${formatRelative(session.lastSeenAt)}`)),
        revoke);
    }));
    others.hidden = sessions.length < 2;
  }

  others.addEventListener("click", async () => {
    await authAPI.revokeOtherSessions();
    toast("Signed out of every other device.", "success");
    load();
  });
  scope.add(on("sessions-changed", load));
  await load();
  return h("section", { class: "card settings-card", "aria-labelledby": "sessions-title" },
    h("h2", { id: "sessions-title" }, "Where you're signed in"),
    list, others);
}
