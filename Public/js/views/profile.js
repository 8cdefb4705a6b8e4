import { h } from "../components/dom.js";
import { dashboardSection } from "../stats/dashboard.js";
import { avatar } from "../components/avatar.js";
import { toast } from "../components/toast.js";
import { user, setUser } from "../session.js";
import { navigate } from "../router.js";
import { accountSection, passwordSection, dangerSection } from "./profile-forms.js";
import { sessionsSection } from "./profile-sessions.js";
import { dataSection } from "./profile-data.js";
import { avatarSection } from "./profile-avatar.js";
import { gameSections } from "./profile-game.js";
import { securitySection } from "./profile-security.js";
import * as authAPI from "../api/auth.js";
import { endingOwnSession } from "../realtime.js";
import * as meAPI from "../api/me.js";
import { playbanNotice } from "../play/playban-notice.js";

export async function render(main, { scope }) {
  const me = user();
  const signOut = h("button", { type: "button", class: "button button-ghost" }, "Sign out");
  signOut.addEventListener("click", async () => {
    endingOwnSession();
    await authAPI.logOut();
    setUser(null);
    toast("Signed out. See you soon!");
    navigate("/login", { replace: true });
  });
  const header = h("header", { class: "page-header" },
    h("div", { class: "page-title" },
      avatar(me.avatarURL, me.username, "md"),
      h("div", {}, h("p", { class: "eyebrow" }, "Your account"), h("h1", {}, "My profile")),
    ),
    signOut,
  );
  // The dashboard first (what a player comes to look at), the settings under their own heading.
  const dashboard = await dashboardSection(me.username, { title: "My dashboard" });
  const { playban } = await meAPI.me();
  main.append(h("div", { class: "profile" },
    header,
    playban ? playbanNotice(playban) : null,
    dashboard,
    h("h2", { class: "settings-title", id: "settings-title" }, "Settings"),
    h("div", { class: "profile-grid", role: "group", "aria-labelledby": "settings-title" },
      avatarSection(),
      accountSection(),
      passwordSection(),
      ...(await gameSections()),
      await securitySection(scope),
      await sessionsSection(scope),
      dataSection(),
      dangerSection(),
    ),
  ));
}
