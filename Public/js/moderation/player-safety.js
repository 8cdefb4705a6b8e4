import { t } from "../i18n/i18n.js";
// On another player's page: report them, and hide (or show again) their messages in rooms —
// lighter than blocking: they can still write to me directly, invite me and play me.
import { h } from "../components/dom.js";
import { toast } from "../components/toast.js";
import { ApiError } from "../api/client.js";
import * as chatAPI from "../api/chat.js";
import { openReportDialog } from "./report-dialog.js";

export async function playerSafety(username) {
  const { usernames } = await chatAPI.hidden().catch(() => ({ usernames: [] }));
  let hidden = usernames.some((name) => name.toLowerCase() === username.toLowerCase());
  const report = h("button", { type: "button", class: "button button-ghost button-small" }, t("playerSafety.report", { username }));
  report.addEventListener("click", () => openReportDialog(username));
  const hide = h("button", { type: "button", class: "button button-ghost button-small" });
  const draw = () => {
    hide.textContent = hidden ? t("playerSafety.showTheirRoomMessages") : t("playerSafety.hideTheirRoomMessages");
    hide.setAttribute("aria-pressed", String(hidden));
  };
  hide.addEventListener("click", async () => {
    try {
      await (hidden ? chatAPI.unhide(username) : chatAPI.hide(username));
      hidden = !hidden;
      draw();
      toast(hidden ? t("playerSafety.sRoomMessagesAreHidden", { username }) : t("playerSafety.sRoomMessagesShowAgain", { username }));
    } catch (failure) {
      toast(failure instanceof ApiError ? failure.message : t("common.thatDidntWorkTryAgain"), "error");
    }
  });
  draw();
  return h("div", { class: "button-row player-safety", role: "group", "aria-label": t("playerSafety.safety") }, report, hide);
}
