import { t } from "../i18n/i18n.js";
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
import { languagePicker } from "../components/language-picker.js";

export async function render(main, { scope }) {
  const me = user();
  const signOut = h("button", { type: "button", class: "button button-ghost" }, t("profile.signOut"));
  signOut.addEventListener("click", async () => {
    endingOwnSession();
    await authAPI.logOut();
    setUser(null);
    toast(t("profile.signedOutSeeYouSoon"));
    navigate("/login", { replace: true });
  });
  const header = h("header", { class: "page-header" },
    h("div", { class: "page-title" },
      avatar(me.avatarURL, me.username, "md"),
      h("div", {}, h("p", { class: "eyebrow" }, t("profile.yourAccount")), h("h1", {}, t("profile.myProfile"))),
    ),
    signOut,
  );
  // The dashboard first (what a player comes to look at), the settings under their own heading.
  const dashboard = await dashboardSection(me.username, { title: t("profile.myDashboard") });
  const { playban } = await meAPI.me();
  main.append(h("div", { class: "profile" },
    header,
    playban ? playbanNotice(playban) : null,
    dashboard,
    h("h2", { class: "settings-title", id: "settings-title" }, t("profile.settings")),
    h("div", { class: "profile-grid", role: "group", "aria-labelledby": "settings-title" },
      avatarSection(),
      h("section", { class: "card stack", "aria-labelledby": "language-title" },
        h("h2", { id: "language-title" }, t("profile.language")),
        h("p", { class: "muted small" }, t("profile.languageHint")),
        languagePicker()),
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
