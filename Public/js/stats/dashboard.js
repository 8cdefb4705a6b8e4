import { t } from "../i18n/i18n.js";
// A player's dashboard: rating over time, the last results and their points, win rate by
// mode and by AI level, and the activity calendar, from the aggregated series of the API.
import { h } from "../components/dom.js";
import * as statsAPI from "../api/stats.js";
import { ratingLine, resultStrip, pointsBars, winRates, activityCalendar } from "../charts/charts.js";

const MODES = [["online", t("common.online")], ["local", t("dashboard.oneKeyboard")], ["ai_easy", t("dashboard.aiEasy")], ["ai_medium", t("dashboard.aiMedium")], ["ai_hard", t("dashboard.aiHard")]];

export async function dashboardSection(username, { title = t("dashboard.dashboard") } = {}) {
  const series = await statsAPI.dashboard(username);
  const record = (keys) => keys.map(([key, label]) => ({ label, ...(series.modes[key] ?? { played: 0, won: 0, lost: 0 }) }));
  const ai = series.modes;
  const vsAI = ["ai_easy", "ai_medium", "ai_hard"].reduce((sum, key) => ({
    played: sum.played + (ai[key]?.played ?? 0), won: sum.won + (ai[key]?.won ?? 0), lost: sum.lost + (ai[key]?.lost ?? 0),
  }), { played: 0, won: 0, lost: 0 });
  return h("section", { class: "dashboard", "aria-labelledby": "dashboard-title" },
    h("h2", { id: "dashboard-title" }, title),
    h("div", { class: "chart-board" },
      ratingLine(series.rating),
      resultStrip(series.recent),
      pointsBars(series.recent),
      winRates([...record(MODES.slice(0, 2)), { label: t("dashboard.againstTheAi"), ...vsAI }], t("dashboard.winRateByMode")),
      winRates(record(MODES.slice(2)), t("dashboard.winRateByAiLevel")),
      activityCalendar(series.activity)));
}
