// A player's dashboard: rating over time, the last results and their points, win rate by
// mode and by AI level, and the activity calendar, from the aggregated series of the API.
import { h } from "../components/dom.js";
import * as statsAPI from "../api/stats.js";
import { ratingLine, resultStrip, pointsBars, winRates, activityCalendar } from "../charts/charts.js";

const MODES = [["online", "Online"], ["local", "One keyboard"], ["ai_easy", "AI easy"], ["ai_medium", "AI medium"], ["ai_hard", "AI hard"]];

export async function dashboardSection(username, { title = "Dashboard" } = {}) {
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
      winRates([...record(MODES.slice(0, 2)), { label: "Against the AI", ...vsAI }], "Win rate by mode"),
      winRates(record(MODES.slice(2)), "Win rate by AI level"),
      activityCalendar(series.activity)));
}
