import { t, locale } from "../i18n/i18n.js";
// The moderation screen (staff only; the API answers 404 to anyone else, and so does this page):
// open reports with what they point at in context, the actions on each, and the audit log.
import { h, formatDate, formatRelative } from "../components/dom.js";
import { avatar } from "../components/avatar.js";
import { toast } from "../components/toast.js";
import { ApiError } from "../api/client.js";
import * as moderationAPI from "../api/moderation.js";
import { render as notFound } from "./not-found.js";
import { anyPlayerActions, reportActions } from "../moderation/report-actions.js";

const REASONS = { chat_abuse: t("moderation.abuseInChat"), cheating: t("moderation.cheatingOrFarming"), offensive_name: t("moderation.offensiveNameOrPicture"), other: t("moderation.somethingElse") };
const ACTIONS = {
  dismiss: t("moderation.dismissedAReport"), warn: t("moderation.warned"), mute: t("moderation.mutedInChat"), unmute: t("moderation.unmuted"), reset_username: t("moderation.resetTheUsername"),
  reset_avatar: t("moderation.resetThePicture"), suspend: t("moderation.suspended"), unsuspend: t("moderation.liftedTheSuspension"), mark_farmed: t("moderation.markedGamesFarmed"),
};

export async function render(main, { scope }) {
  let reports;
  try {
    reports = await moderationAPI.openReports();
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return notFound(main);
    throw error;
  }
  const queue = h("div", { class: "report-queue" });
  const logBody = h("tbody");
  const queueTitle = h("h2", { id: "queue-title" });
  const acted = async (message) => {
    toast(message, "success");
    await refresh();
  };
  main.append(
    h("div", { class: "page-header" },
      h("div", {}, h("p", { class: "eyebrow" }, t("moderation.staff")), h("h1", {}, t("common.moderation")))),
    h("div", { class: "moderation-grid" },
      h("section", { "aria-labelledby": "queue-title", class: "moderation-queue" }, queueTitle, queue),
      h("div", { class: "moderation-side" }, anyPlayerActions((message) => acted(message)),
      h("section", { class: "card moderation-log", "aria-labelledby": "log-title" },
        h("h2", { id: "log-title" }, t("moderation.auditLog")),
        h("p", { class: "muted small" }, t("moderation.everyActionKeptForGood")),
        // Scrolls sideways on a phone: focusable, so a keyboard can scroll it too.
        h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": t("moderation.auditLogScrollable") }, h("table", { class: "log-table" },
          h("caption", { class: "visually-hidden" }, t("moderation.moderationActionsNewestFirst")),
          h("thead", {}, h("tr", {}, [t("moderation.when"), t("moderation.moderator"), t("moderation.action"), t("common.player"), t("moderation.why")].map((cell) => h("th", { scope: "col" }, cell)))),
          logBody))))));

  const refresh = async () => {
    const [open, log] = await Promise.all([moderationAPI.openReports(), moderationAPI.log()]);
    if (scope.disposed) return;
    drawQueue(open);
    drawLog(log);
  };
  const drawQueue = (open) => {
    queueTitle.textContent = open.length ? t("moderation.openReports", { count: open.length }) : t("moderation.openReports2");
    queue.replaceChildren(...(open.length ? open.map((report) => reportCard(report, acted))
      : [h("p", { class: "card muted empty-queue" }, t("moderation.noOpenReportsAllQuiet"))]));
  };
  const drawLog = (log) => {
    logBody.replaceChildren(...(log.length ? log.map((entry) => h("tr", {},
      h("td", {}, h("time", { datetime: entry.at, title: new Date(entry.at).toLocaleString(locale) }, formatRelative(entry.at))),
      h("td", {}, entry.actor),
      h("td", {}, ACTIONS[entry.action] ?? entry.action, entry.details ? h("span", { class: "muted small log-details" }, ` · ${entry.details}`) : null),
      h("td", {}, entry.target),
      h("td", { dir: "auto" }, entry.reason)))
      : [h("tr", {}, h("td", { colspan: 5, class: "muted" }, t("moderation.nothingYet")))]));
  };
  drawQueue(reports);
  drawLog(await moderationAPI.log());
  // New reports arrive while the screen is open: look again every minute.
  const timer = setInterval(() => refresh().catch(() => {}), 60_000);
  scope.add(() => clearInterval(timer));
}

function reportCard(report, acted) {
  const target = report.target;
  const pills = [
    target.role ? h("span", { class: "status-pill" }, target.role) : null,
    target.mutedUntil ? h("span", { class: "status-pill warn-pill" }, t("moderation.mutedUntil", { time: new Date(target.mutedUntil).toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" }) })) : null,
    target.suspended ? h("span", { class: "status-pill danger-pill" }, target.suspendedUntil ? t("moderation.suspendedUntil", { value: formatDate(target.suspendedUntil) }) : t("moderation.suspendedForGood")) : null,
    target.reports > 1 ? h("span", { class: "status-pill" }, t("moderation.reports", { reports: target.reports })) : null,
  ];
  const titleID = `report-${report.id}`;
  return h("article", { class: "card report-card", "aria-labelledby": titleID },
    h("header", { class: "report-head" },
      avatar(target.avatarURL, target.username, "md"),
      h("div", {},
        h("h3", { id: titleID }, h("a", { href: `/users/${encodeURIComponent(target.username)}` }, target.username), ` · ${REASONS[report.reason] ?? report.reason}`),
        h("p", { class: "muted small" }, t("moderation.reportedByJoined", { reporter: report.reporter ?? t("moderation.aDeletedPlayer"), when: formatRelative(report.createdAt), joined: formatDate(target.joinedAt) })),
        h("p", { class: "pill-row" }, ...pills))),
    report.text ? h("blockquote", { class: "report-text", dir: "auto" }, report.text) : null,
    context(report),
    reportActions(report, acted));
}

/// What the report points at: the conversation around the line, the game, or the tournament.
function context(report) {
  if (report.conversation) {
    return h("ol", { class: "report-conversation", "aria-label": t("moderation.conversationAroundTheReportedMessage") },
      report.conversation.map((line) => h("li", { class: line.reported ? "reported-line" : "" },
        h("span", { class: "chat-sender" }, line.sender ?? t("moderation.deletedPlayer")), " ",
        h("span", { class: "muted small" }, new Date(line.sentAt).toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" })), " ",
        h("span", { dir: "auto" }, line.text),
        line.reported ? h("span", { class: "visually-hidden" }, t("moderation.theReportedMessage")) : null)));
  }
  if (report.game) {
    const game = report.game;
    return h("p", { class: "report-game" }, t("moderation.game"),
      h("a", { href: `/matches/${game.id}` }, `${game.left} ${game.score} ${game.right}`),
      ` · ${t(`matchStatus.${game.status}`)}${game.endReason ? ` (${t(`endReason.${game.endReason}`)})` : ""}${game.rated ? t("moderation.rated") : ""} · `,
      h("a", { href: `/matches/${game.id}/replay` }, "replay"));
  }
  if (report.tournament) {
    return h("p", { class: "report-game" }, t("moderation.tournament"), h("a", { href: `/tournaments/${report.tournament.id}` }, report.tournament.name));
  }
  return null;
}
