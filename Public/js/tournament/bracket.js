import { t } from "../i18n/i18n.js";
// The bracket as SVG: one column per round, each match a box with both players and the
// score, lines to the match its winner goes to. A finished match links to its record
// (score chart and all), a match being played to its live game. Drawn in CSS colours, so
// both themes read well; the card is as wide as the rounds, and a bracket wider than the
// screen scrolls sideways, with faded edges and a hint saying so.
import { h } from "../components/dom.js";
import { counted, roundName } from "../components/words.js";
const NS = "http://www.w3.org/2000/svg";
const BOX = { width: 196, height: 56, gap: 56, unit: 76, pad: 12 };

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) element.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

const STATUS = { waiting: t("bracket.waitingForItsPlayers"), called: t("bracket.calledWaitingForBothPlayers"), playing: t("bracket.beingPlayed"), finished: t("bracket.finished") };

/// The bracket in its scroller, with the hint shown only while some of it is out of sight.
export function scrollableBracket(tournament) {
  const hint = h("p", { class: "bracket-hint muted small", hidden: true }, t("bracket.scrollSidewaysToSeeEvery"));
  const scroller = h("div", { class: "bracket-scroll", tabindex: "0", "aria-label": t("bracket.bracketScrollsSideways") }, bracket(tournament));
  const frame = h("div", { class: "bracket-frame" }, hint, scroller);
  frame.update = () => {
    const hidden = scroller.scrollWidth - scroller.clientWidth;
    scroller.classList.toggle("more-before", scroller.scrollLeft > 2);
    scroller.classList.toggle("more-after", scroller.scrollLeft < hidden - 2);
    hint.hidden = hidden <= 2;
  };
  scroller.addEventListener("scroll", frame.update, { passive: true });
  requestAnimationFrame(frame.update);
  return frame;
}

// One listener for every bracket on the screen, whatever redraws them.
window.addEventListener("resize", () => document.querySelectorAll(".bracket-frame").forEach((frame) => frame.update?.()));

/// `tournament` as the API returns it.
export function bracket(tournament) {
  const names = new Map(tournament.participants.map((p) => [p.id, p]));
  const rounds = tournament.rounds;
  const size = 2 ** rounds;
  const byPlace = new Map(tournament.matches.map((m) => [`${m.round}:${m.position}`, m]));
  const width = rounds * BOX.width + (rounds - 1) * BOX.gap + 2 * BOX.pad;
  const height = (size / 2) * BOX.unit + 2 * BOX.pad + 24;
  const centreY = (round, position) => BOX.pad + 24 + (position + 0.5) * BOX.unit * 2 ** (round - 1);
  const left = (round) => BOX.pad + (round - 1) * (BOX.width + BOX.gap);
  const root = svg("svg", {
    class: "bracket", viewBox: `0 0 ${width} ${height}`, width, height, role: "group",
    "aria-label": t("bracket.bracketOfIn", { name: tournament.name, matches: counted(tournament.matches.length, "match"), rounds: counted(rounds, "round") }),
  });
  // Through the CSSOM: the CSP refuses style attributes. The stylesheet scales it where there is room.
  root.style.setProperty("--bracket-width", String(width));
  // Round titles.
  for (let round = 1; round <= rounds; round += 1) {
    const sample = tournament.matches.find((m) => m.round === round);
    root.append(svg("text", { class: "bracket-round", x: left(round) + BOX.width / 2, y: BOX.pad + 10, "text-anchor": "middle" },
      (sample ? roundName(sample.roundName) : null) ?? t("bracket.round", { round })));
  }
  for (let round = 1; round <= rounds; round += 1) {
    for (let position = 0; position < size >> round; position += 1) {
      const match = byPlace.get(`${round}:${position}`);
      const x = left(round), y = centreY(round, position) - BOX.height / 2;
      if (round < rounds) {
        // The line to where the winner plays next.
        const toY = centreY(round + 1, position >> 1);
        const midX = x + BOX.width + BOX.gap / 2;
        root.append(svg("path", { class: "bracket-line", d: `M ${x + BOX.width} ${y + BOX.height / 2} H ${midX} V ${toY} H ${x + BOX.width + BOX.gap}` }));
      }
      if (match) {
        root.append(matchBox(match, names, tournament, x, y));
      } else if (round === 1) {
        // A bye: the seed goes straight to round 2.
        const next = byPlace.get(`2:${position >> 1}`);
        const seat = next && names.get(position % 2 === 0 ? next.left : next.right);
        root.append(svg("g", { class: "bracket-bye", transform: `translate(${x} ${y})` },
          svg("rect", { width: BOX.width, height: BOX.height, rx: 8 }),
          svg("text", { x: 12, y: BOX.height / 2 + 5 }, seat ? t("bracket.bye", { name: seat.name }) : "bye")));
      }
    }
  }
  return root;
}

function matchBox(match, names, tournament, x, y) {
  const left = names.get(match.left), right = names.get(match.right);
  const row = (seat, score, side, offset) => {
    const won = match.winner && match.winner === seat?.id;
    const lost = match.winner && seat && match.winner !== seat.id;
    const ready = match.status === "called" && match[`${side}Ready`];
    return svg("g", { class: `bracket-player${won ? " is-winner" : ""}${lost ? " is-loser" : ""}` },
      svg("text", { x: 12, y: offset }, seat ? `${seat.seed ? `${seat.seed}. ` : ""}${seat.name}${ready ? " ✓" : ""}` : "—"),
      svg("text", { x: BOX.width - 12, y: offset, "text-anchor": "end", class: "bracket-score" }, score ?? ""));
  };
  const label = t("bracket.match", { number: match.number, roundName: roundName(match.roundName), left: left?.name ?? t("bracket.toBeDecided") })
    + (match.leftScore != null ? ` ${match.leftScore} – ${match.rightScore} ` : t("bracket.vs"))
    + `${right?.name ?? t("bracket.toBeDecided")}, ${STATUS[match.status] ?? match.status}`
    + (match.winner ? t("bracket.wonBy", { value: names.get(match.winner)?.name }) : "");
  const body = [
    svg("rect", { width: BOX.width, height: BOX.height, rx: 8 }),
    svg("line", { class: "bracket-divider", x1: 0, x2: BOX.width, y1: BOX.height / 2, y2: BOX.height / 2 }),
    row(left, match.leftScore, "left", 19),
    row(right, match.rightScore, "right", 47),
    svg("text", { class: "bracket-number", x: BOX.width - 4, y: -4, "text-anchor": "end" }, `#${match.number}`),
  ];
  const href = match.matchID ? `/matches/${match.matchID}`
    : match.status === "playing" && match.gameID && tournament.kind === "online" ? `/games/${match.gameID}/watch` : null;
  const attributes = { class: `bracket-match status-${match.status}`, transform: `translate(${x} ${y})`, dataset: null };
  const group = href
    ? svg("a", { ...attributes, href, "aria-label": label }, svg("title", {}, label), body)
    : svg("g", { ...attributes, role: "img", "aria-label": label }, svg("title", {}, label), body);
  group.dataset.match = String(match.number);
  return group;
}
