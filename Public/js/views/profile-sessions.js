import { t } from "../i18n/i18n.js";
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
  if (browser && system) return t("profileSessions.on", { browser, system });
  return browser ?? system ?? (agent.length > 60 ? `${agent.slice(0, 57)}…` : agent);
}

/// The list, fetched again whenever another section changes the sessions, while `scope` lasts.
export async function sessionsSection(scope) {
  const list = h("ul", { class: "session-list", "aria-label": t("profileSessions.activeSessions") });
  const others = h("button", { type: "button", class: "button button-ghost" }, t("profileSessions.signOutEverywhereElse"));

  async function load() {
    const sessions = await authAPI.sessions();
    list.replaceChildren(...sessions.map((session) => {
      const name = describeAgent(session.userAgent);
      const revoke = session.current ? h("span", { class: "badge" }, t("profileSessions.thisDevice"))
        : h("button", { type: "button", class: "button button-small button-ghost", "aria-label": t("profileSessions.signOutLastActive", { name, value: formatRelative(session.lastSeenAt) }) }, t("profileSessions.signOut"));
      if (!session.current) {
        revoke.addEventListener("click", async () => {
          await authAPI.revokeSession(session.id);
          toast(t("profileSessions.signedOut", { name }));
          load();
        });
      }
      return h("li", { class: "session" },
        h("div", {}, h("strong", {}, name),
          h("p", { class: "muted small" }, t("profileSessions.active", { ipAddress: session.ipAddress, value: formatRelative(session.lastSeenAt) }))),
        revoke);
    }));
    others.hidden = sessions.length < 2;
  }

  others.addEventListener("click", async () => {
    await authAPI.revokeOtherSessions();
    toast(t("profileSessions.signedOutOfEveryOther"), "success");
    load();
  });
  scope.add(on("sessions-changed", load));
  await load();
  return h("section", { class: "card settings-card", "aria-labelledby": "sessions-title" },
    h("h2", { id: "sessions-title" }, t("profileSessions.whereYoureSignedIn")),
    list, others);
}
