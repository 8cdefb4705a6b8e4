// Decorative Pong courts: a static backdrop for the entry screens and a
// self-playing "attract mode" rally for the home screen, as arcade cabinets
// show between games. Hidden from screen readers; still for reduced motion.
import { h } from "./dom.js";

export function courtBackdrop() {
  return h("div", { class: "court-backdrop", "aria-hidden": "true" },
    h("span", { class: "court-net" }), h("span", { class: "court-paddle left" }),
    h("span", { class: "court-paddle right" }), h("span", { class: "court-ball" }));
}

/// A rally that plays for as long as `scope` lasts.
export function attractMode(scope) {
  const canvas = h("canvas", { class: "attract", width: 480, height: 300, "aria-hidden": "true" });
  const context = canvas.getContext("2d");
  const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const state = { x: 240, y: 150, vx: 3.4, vy: 2.1, left: 120, right: 150 };
  const colors = () => {
    const style = getComputedStyle(document.documentElement);
    return { ink: style.getPropertyValue("--court-ink").trim(), accent: style.getPropertyValue("--accent").trim(),
      accent2: style.getPropertyValue("--accent-2").trim(), line: style.getPropertyValue("--court-line").trim() };
  };

  function step() {
    state.x += state.vx;
    state.y += state.vy;
    if (state.y < 8 || state.y > 292) state.vy = -state.vy;
    if (state.x < 30 || state.x > 450) state.vx = -state.vx;
    // Each paddle follows the ball a little late, like a relaxed player.
    state.left += (state.y - 30 - state.left) * 0.08;
    state.right += (state.y - 30 - state.right) * 0.08;
  }

  function draw() {
    const { ink, accent, accent2, line } = colors();
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || 480;
    const height = canvas.clientHeight || 300;
    if (canvas.width !== Math.round(width * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    context.setTransform((width / 480) * ratio, 0, 0, (height / 300) * ratio, 0, 0);
    context.clearRect(0, 0, 480, 300);
    context.fillStyle = line;
    for (let y = 6; y < 300; y += 22) context.fillRect(238, y, 4, 12);
    context.fillStyle = accent;
    context.fillRect(16, state.left, 8, 60);
    context.fillStyle = accent2;
    context.fillRect(456, state.right, 8, 60);
    context.fillStyle = ink;
    context.beginPath();
    context.arc(state.x, state.y, 6, 0, Math.PI * 2);
    context.fill();
  }

  if (still) requestAnimationFrame(draw);
  else scope.animate(() => { step(); draw(); });
  return canvas;
}
