import { t } from "../i18n/i18n.js";
// "Invite to play": a dialog where the inviter chooses the rules (points, ball
// speed, paddle size) and whether the game is rated, then sends the invitation.
// Each player keeps their own look. Opened from the friend list, a friend's
// page and a direct conversation.
import { h } from "../components/dom.js";
import { formBanner, handleSubmit } from "../components/form.js";
import { offerRatedOnlyWithFitRules, ratedChoice, rulesFields } from "../game/screen/settings-form.js";
import { toast } from "../components/toast.js";
import * as meAPI from "../api/me.js";
import { invite } from "../social/store.js";

export async function openInviteDialog(username) {
  const settings = await meAPI.gameSettings().catch(() => ({ pointsToWin: 5, ballSpeed: "normal", paddleSize: "normal" }));
  const form = h("form", { method: "dialog", class: "stack invite-form", novalidate: true },
    h("div", { class: "settings-grid" }, ...rulesFields(settings)),
    ratedChoice("invite-rated", t("inviteDialog.ratedGameBothRatingsChange")),
    formBanner(),
    h("div", { class: "button-row" },
      h("button", { type: "submit", class: "button button-primary" }, t("inviteDialog.sendInvitation")),
      h("button", { type: "button", class: "button button-ghost", onclick: () => dialog.close() }, t("common.cancel"))));
  const dialog = h("dialog", { class: "invite-dialog card", "aria-labelledby": "invite-title" },
    h("h2", { id: "invite-title" }, t("inviteDialog.inviteToPlay", { username })),
    h("p", { class: "muted" }, t("inviteDialog.theyHaveAMinuteTo")),
    form);
  offerRatedOnlyWithFitRules(form);
  dialog.addEventListener("close", () => dialog.remove());
  handleSubmit(form, async (data) => {
    const sent = await invite({
      username,
      pointsToWin: Number.parseInt(data.get("pointsToWin"), 10),
      ballSpeed: data.get("ballSpeed"),
      paddleSize: data.get("paddleSize"),
      rated: data.get("rated") === "on",
    });
    dialog.close();
    if (sent.status === "pending") toast(t("inviteDialog.invitationSentTo", { username }), "success");
  });
  document.body.append(dialog);
  dialog.showModal();
  form.querySelector("input")?.focus();
}
