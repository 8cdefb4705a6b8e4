import { t } from "../../i18n/i18n.js";
// The score over time as an SVG step chart, one line per player; SVG stays
// sharp at any size. A text summary goes with it for screen readers.
import { counted } from "../../components/words.js";
const NS = "http://www.w3.org/2000/svg";

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  for (const child of children) element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return element;
}

export function scoreChart(match, points) {
  const width = 640, height = 260, pad = { left: 36, right: 16, top: 16, bottom: 32 };
  const endMs = Math.max(points[points.length - 1].atMilliseconds, 1);
  const maxScore = Math.max(match.leftScore, match.rightScore, 1);
  const x = (ms) => pad.left + (ms / endMs) * (width - pad.left - pad.right);
  const y = (score) => height - pad.bottom - (score / maxScore) * (height - pad.top - pad.bottom);

  // Each line sits a little off its score so that equal stretches (both at 0 at the start) show
  // both colours side by side instead of the second line hiding the first.
  const path = (side) => {
    const lift = side === "left" ? -2 : 2;
    let d = `M ${x(0)} ${y(0) + lift}`;
    let score = 0;
    for (const point of points) {
      const next = side === "left" ? point.leftScore : point.rightScore;
      d += ` H ${x(point.atMilliseconds)}`;
      if (next !== score) d += ` V ${y(next) + lift}`;
      score = next;
    }
    return d;
  };

  const grid = [];
  for (let score = 0; score <= maxScore; score += Math.max(1, Math.ceil(maxScore / 5))) {
    grid.push(svg("line", { x1: pad.left, x2: width - pad.right, y1: y(score), y2: y(score), class: "score-chart-grid" }));
    grid.push(svg("text", { x: pad.left - 8, y: y(score) + 4, "text-anchor": "end", class: "score-chart-label" }, score));
  }
  const seconds = Math.round(endMs / 1000);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "score-chart", role: "img",
                             "aria-labelledby": "chart-summary" },
    ...grid,
    svg("text", { x: pad.left, y: height - 8, class: "score-chart-label" }, "0:00"),
    svg("text", { x: width - pad.right, y: height - 8, "text-anchor": "end", class: "score-chart-label" },
      `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`),
    svg("path", { d: path("left"), class: "score-chart-line score-chart-left" }),
    svg("path", { d: path("right"), class: "score-chart-line score-chart-right" }),
    ...points.map((point) => svg("circle", {
      cx: x(point.atMilliseconds), cy: y(point.scorer === "left" ? point.leftScore : point.rightScore), r: 4,
      class: `score-chart-dot score-chart-${point.scorer}`,
    })),
  );
  const legend = document.createElement("p");
  legend.className = "score-chart-legend";
  const key = (side) => {
    const span = document.createElement("span");
    span.className = `legend-${side}`;
    span.textContent = match[side].name;
    return span;
  };
  legend.append(key("left"), key("right"));
  const summary = document.createElement("p");
  summary.id = "chart-summary";
  summary.className = "visually-hidden";
  summary.textContent = t("scoreChart.scoreOver", { duration: counted(seconds, "second") }) +
    points.map((point) => `${point.leftScore}–${point.rightScore}`).join(", ");
  const figure = document.createElement("figure");
  figure.className = "score-chart-figure";
  figure.append(chart, legend, summary);
  return figure;
}
