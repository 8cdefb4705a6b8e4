import { t, locale, formatNumber } from "../i18n/i18n.js";
// Our own small SVG charts (no charting library is reachable here). Each returns a <figure>:
// the drawing (an image with a one-line description), a caption with a text summary, and
// the data as a table for screen readers. Colours come from CSS, so both themes read well.
import { h } from "../components/dom.js";
import { counted } from "../components/words.js";

const NS = "http://www.w3.org/2000/svg";

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) if (child) element.append(child);
  return element;
}

function figure({ title, summary, drawing, table }) {
  return h("figure", { class: "chart card" },
    h("figcaption", {}, h("h3", { class: "chart-title" }, title), h("p", { class: "muted small chart-summary" }, summary)),
    h("div", { class: "chart-drawing" }, drawing),
    h("table", { class: "visually-hidden" },
      h("caption", {}, title),
      h("thead", {}, h("tr", {}, table.head.map((cell) => h("th", { scope: "col" }, cell)))),
      h("tbody", {}, table.rows.map((row) => h("tr", {}, row.map((cell) => h("td", {}, String(cell))))))));
}

function empty(title, text) {
  return h("figure", { class: "chart card chart-empty" },
    h("figcaption", {}, h("h3", { class: "chart-title" }, title), h("p", { class: "muted small chart-summary" }, text)));
}

const shortDate = (iso) => new Date(iso).toLocaleDateString(locale, { month: "short", day: "numeric" });

/// Rating after each rated game.
export function ratingLine(points) {
  const title = t("charts.ratingOverTime");
  if (!points.length) return empty(title, t("charts.noRatedGamesYetThe"));
  const width = 560, height = 200, pad = 32;
  const values = points.map((point) => point.rating);
  const low = Math.min(...values) - 20, high = Math.max(...values) + 20;
  const x = (index) => pad + (points.length === 1 ? (width - 2 * pad) / 2 : (index * (width - 2 * pad)) / (points.length - 1));
  const y = (value) => height - pad - ((value - low) * (height - 2 * pad)) / (high - low);
  const path = points.map((point, index) => `${index ? "L" : "M"} ${x(index).toFixed(1)} ${y(point.rating).toFixed(1)}`).join(" ");
  const drawing = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart-svg", role: "img",
    "aria-label": t("charts.lineChartOfRatingsFrom", { count: points.length, value: values[0], value2: values[values.length - 1] }) },
  svg("line", { class: "chart-axis", x1: pad, x2: width - pad, y1: height - pad, y2: height - pad }),
  svg("text", { class: "chart-label", x: 4, y: y(high - 20) + 4 }, String(Math.round(high - 20))),
  svg("text", { class: "chart-label", x: 4, y: y(low + 20) + 4 }, String(Math.round(low + 20))),
  svg("path", { class: "chart-line", d: path }),
  points.map((point, index) => svg("circle", { class: "chart-point", cx: x(index).toFixed(1), cy: y(point.rating).toFixed(1), r: 3.5 },
    svg("title", {}, `${shortDate(point.at)}: ${point.rating}`))));
  const change = values[values.length - 1] - values[0];
  return figure({
    title, drawing,
    summary: t("charts.fromToHighest", { games: counted(points.length, "rated game"), first: values[0], last: values[values.length - 1], sign: change >= 0 ? "+" : "", change, highest: Math.max(...values) }),
    table: { head: [t("charts.date"), t("common.rating")], rows: points.map((point) => [shortDate(point.at), point.rating]) },
  });
}

/// The last games as a strip of wins (up) and losses (down).
export function resultStrip(results) {
  const title = t("charts.lastResults");
  if (!results.length) return empty(title, t("charts.noGamesYet"));
  const width = 560, height = 80, gap = 2;
  const bar = Math.max(4, (width - gap * results.length) / results.length);
  const won = results.filter((game) => game.result === "won").length;
  const lost = results.filter((game) => game.result === "lost").length;
  const drawing = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart-svg", role: "img",
    "aria-label": t("charts.resultsWonLost", { count: results.length, won, lost }) },
  svg("line", { class: "chart-axis", x1: 0, x2: width, y1: height / 2, y2: height / 2 }),
  results.map((game, index) => {
    const tall = game.result === "abandoned" ? 8 : height / 2 - 6;
    const top = game.result === "won" ? height / 2 - tall : game.result === "lost" ? height / 2 : height / 2 - tall / 2;
    return svg("rect", { class: `chart-bar result-${game.result}`, x: (index * (bar + gap)).toFixed(1), y: top, width: bar.toFixed(1), height: tall, rx: 1.5 },
      svg("title", {}, `${shortDate(game.at)}: ${game.result} ${game.scored}–${game.conceded}`));
  }));
  return figure({
    title, drawing,
    summary: t("charts.lastOldestFirstWonLost", { games: counted(results.length, "game"), won, lost, abandoned: results.length - won - lost ? t("charts.abandoned", { count: results.length - won - lost }) : "" }),
    table: { head: [t("charts.date"), t("charts.result"), t("charts.score")], rows: results.map((game) => [shortDate(game.at), game.result, `${game.scored}–${game.conceded}`]) },
  });
}

/// Points scored (up) and conceded (down) in each of the last games.
export function pointsBars(results) {
  const title = t("charts.pointsScoredAndConceded");
  if (!results.length) return empty(title, t("charts.noGamesYet"));
  const width = 560, height = 160, gap = 2;
  const most = Math.max(1, ...results.map((game) => Math.max(game.scored, game.conceded)));
  const bar = Math.max(4, (width - gap * results.length) / results.length);
  const scale = (value) => (value * (height / 2 - 4)) / most;
  const scored = results.reduce((sum, game) => sum + game.scored, 0);
  const conceded = results.reduce((sum, game) => sum + game.conceded, 0);
  const drawing = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart-svg", role: "img",
    "aria-label": t("charts.pointsInScoredConceded", { games: counted(results.length, "game"), scored, conceded }) },
  svg("line", { class: "chart-axis", x1: 0, x2: width, y1: height / 2, y2: height / 2 }),
  results.map((game, index) => [
    svg("rect", { class: "chart-bar points-scored", x: (index * (bar + gap)).toFixed(1), y: (height / 2 - scale(game.scored)).toFixed(1),
      width: bar.toFixed(1), height: scale(game.scored).toFixed(1) }, svg("title", {}, t("charts.scored", { scored: game.scored }))),
    svg("rect", { class: "chart-bar points-conceded", x: (index * (bar + gap)).toFixed(1), y: height / 2,
      width: bar.toFixed(1), height: scale(game.conceded).toFixed(1) }, svg("title", {}, t("charts.conceded", { conceded: game.conceded }))),
  ]));
  return figure({
    title, drawing,
    summary: t("charts.scoredAndConcededOverThe", { points: counted(scored, "point"), conceded, games: counted(results.length, "game"), average: formatNumber(Number((scored / results.length).toFixed(1))) }),
    table: { head: [t("charts.date"), t("charts.scored2"), t("charts.conceded2")], rows: results.map((game) => [shortDate(game.at), game.scored, game.conceded]) },
  });
}

/// Win rate per mode, as horizontal bars.
export function winRates(rows, title) {
  const played = rows.filter((row) => row.won + row.lost > 0);
  if (!played.length) return empty(title, t("charts.noDecidedGamesYet"));
  const width = 560, line = 30, labelWidth = 150, height = rows.length * line + 8;
  const drawing = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart-svg", role: "img",
    "aria-label": t("charts.winRateForKindsOf", { count: rows.length }) },
  rows.map((row, index) => {
    const rate = row.won + row.lost ? row.won / (row.won + row.lost) : 0;
    const y = 4 + index * line;
    return [
      svg("text", { class: "chart-label", x: 0, y: y + 17 }, row.label),
      svg("rect", { class: "chart-track", x: labelWidth, y: y + 4, width: width - labelWidth - 60, height: 16, rx: 4 }),
      svg("rect", { class: "chart-bar win-rate", x: labelWidth, y: y + 4, width: ((width - labelWidth - 60) * rate).toFixed(1), height: 16, rx: 4 },
        svg("title", {}, t("charts.wonOf", { label: row.label, won: row.won, value: row.won + row.lost }))),
      svg("text", { class: "chart-label", x: width - 52, y: y + 17 }, row.won + row.lost ? `${Math.round(rate * 100)} %` : "—"),
    ];
  }));
  return figure({
    title, drawing,
    summary: played.map((row) => t("charts.of", { label: row.label, value: Math.round((row.won / (row.won + row.lost)) * 100), won: row.won, value2: row.won + row.lost })).join(", ") + ".",
    table: { head: [t("charts.kind"), t("charts.played"), t("charts.won"), t("charts.lost")], rows: rows.map((row) => [row.label, row.played, row.won, row.lost]) },
  });
}

/// Games per day over the last year, as a calendar of weeks.
export function activityCalendar(days) {
  const title = t("charts.activity");
  const counts = new Map(days.map((day) => [day.day, day.games]));
  const today = new Date();
  const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 364));
  start.setUTCDate(start.getUTCDate() - start.getUTCDay()); // from a Sunday
  const cell = 10, gap = 2, weeks = 53;
  const most = Math.max(1, ...days.map((day) => day.games));
  const cells = [];
  for (let index = 0; index < weeks * 7; index += 1) {
    const date = new Date(start.getTime() + index * 86_400_000);
    if (date > today) break;
    const key = date.toISOString().slice(0, 10);
    const games = counts.get(key) ?? 0;
    const level = games === 0 ? 0 : Math.min(4, Math.ceil((games / most) * 4));
    cells.push(svg("rect", { class: `chart-cell level-${level}`, x: Math.floor(index / 7) * (cell + gap), y: (index % 7) * (cell + gap),
      width: cell, height: cell, rx: 2 }, svg("title", {}, t("charts.dayGames", { day: key, games: counted(games, "game") }))));
  }
  const total = days.reduce((sum, day) => sum + day.games, 0);
  const drawing = svg("svg", { viewBox: `0 0 ${weeks * (cell + gap)} ${7 * (cell + gap)}`, class: "chart-svg chart-calendar", role: "img",
    "aria-label": t("charts.calendarOfTheLastYear", { games: counted(total, "game"), days: counted(days.length, "day") }) }, cells);
  const busiest = days.reduce((best, day) => (day.games > (best?.games ?? 0) ? day : best), null);
  return figure({
    title, drawing,
    summary: days.length ? t("charts.gameOnDayInThe", { games: counted(total, "game"), days: counted(days.length, "day"), day: busiest.day, busiest: busiest.games })
      : t("charts.noGamesInTheLast"),
    table: { head: [t("charts.day"), t("charts.games")], rows: days.map((day) => [day.day, day.games]) },
  });
}
