// The page a challenge link opens: who challenges me and with which rules, Accept or Decline.
// A visitor is sent to log in (or sign up) first and comes back here (the router's `next`).
import { h } from "../components/dom.js";
import { ApiError } from "../api/client.js";
import * as challengesAPI from "../api/challenges.js";
import { navigate } from "../router.js";
import { avatar } from "../components/avatar.js";

export async function render(main, { params }) {
  const header = h("div", { class: "page-header" }, h("div", {}, h("p", { class: "eyebrow" }, "Challenge"),
    h("h1", {}, "A game is waiting")));
  main.append(header);
  let challenge;
  try {
    challenge = await challengesAPI.show(params.token);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    header.querySelector("h1").textContent = "This challenge doesn't exist any more";
    main.append(h("section", { class: "card empty-state" },
      h("p", { class: "muted" }, "It was accepted, cancelled or it expired — or the link is wrong."),
      h("a", { href: "/play", class: "button button-primary" }, "Find another game")));
    return;
  }
  const { from, rules } = challenge;
  header.querySelector("h1").textContent = `${from.username} challenges you`;
  const status = h("p", { class: "challenge-news", role: "status" });
  const accept = h("button", { type: "button", class: "button button-primary" }, "Accept the challenge");
  const decline = h("button", { type: "button", class: "button button-ghost" }, "Decline");
  const answer = async (call) => {
    accept.disabled = decline.disabled = true;
    try {
      return await call(params.token);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status.textContent = error.message;
      accept.disabled = decline.disabled = error.status === 404;
      return null;
    }
  };
  accept.addEventListener("click", async () => {
    const accepted = await answer(challengesAPI.accept);
    if (accepted?.game) navigate(`/games/${accepted.game}`);
  });
  decline.addEventListener("click", async () => {
    if ((await answer(challengesAPI.decline)) === null && status.textContent) return;
    status.textContent = `You declined. ${from.username} has been told.`;
    accept.hidden = decline.hidden = true;
  });
  main.append(h("section", { class: "card challenge-card", "aria-label": `Challenge from ${from.username}` },
    h("div", { class: "challenge-from" }, avatar(from.avatarURL, from.username, "lg"),
      h("div", {}, h("a", { href: `/users/${encodeURIComponent(from.username)}`, class: "challenge-name" }, from.username),
        h("p", { class: "muted" }, `First to ${rules.pointsToWin} · ${rules.ballSpeed} ball · ${rules.paddleSize} paddles · ${rules.rated ? "rated: both ratings move" : "casual"}`))),
    h("p", { class: "muted small" }, `${from.username} plays on the left and serves first.`),
    h("div", { class: "button-row" }, accept, decline), status));
}
