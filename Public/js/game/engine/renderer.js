// Draws the court on a canvas that stays crisp at any size and pixel ratio:
// the backing store follows the element's size × devicePixelRatio, and the
// game's 800 × 600 units are scaled onto it.
/// The high-contrast look, also used whatever the chosen look when the system asks for more contrast.
const HIGH_CONTRAST = { theme: "contrast", paddle: "#ffffff", ball: "#ffff00", table: "#000000" };

export class CourtRenderer {
  constructor(canvas, field, look) {
    this.canvas = canvas;
    this.context = canvas.getContext("2d");
    this.field = field;
    const systemContrast = window.matchMedia("(prefers-contrast: more), (forced-colors: active)").matches;
    this.look = systemContrast ? HIGH_CONTRAST : look;
    this.resize();
    this.observer = new ResizeObserver(() => this.resize());
    this.observer.observe(canvas);
  }

  resize() {
    const ratio = window.devicePixelRatio || 1;
    const { width, height } = this.canvas.getBoundingClientRect();
    const pixelWidth = Math.max(1, Math.round(width * ratio));
    const pixelHeight = Math.max(1, Math.round(height * ratio));
    if (this.canvas.width !== pixelWidth || this.canvas.height !== pixelHeight) {
      this.canvas.width = pixelWidth;
      this.canvas.height = pixelHeight;
    }
  }

  dispose() {
    this.observer.disconnect();
  }

  draw(state) {
    const { context: g, canvas, field, look } = this;
    const scale = canvas.width / field.width;
    g.setTransform(scale, 0, 0, canvas.height / field.height, 0, 0);
    g.fillStyle = look.table;
    g.fillRect(0, 0, field.width, field.height);

    // The net: a dashed centre line, as in 1972.
    g.fillStyle = look.paddle;
    g.globalAlpha = look.theme === "contrast" ? 0.7 : 0.35;
    for (let y = 10; y < field.height; y += 30) g.fillRect(field.width / 2 - 2, y, 4, 16);
    g.globalAlpha = 1;
    if (!state) return;

    const glow = look.theme === "neon";
    g.shadowBlur = glow ? 18 : 0;
    g.shadowColor = look.paddle;
    g.fillStyle = look.paddle;
    g.fillRect(field.paddleInset, state.leftY, field.paddleWidth, field.paddleHeight);
    g.fillRect(field.width - field.paddleInset - field.paddleWidth, state.rightY, field.paddleWidth, field.paddleHeight);
    if (state.phase === "playing" || state.phase === "over" || state.phase === "paused") {
      g.shadowColor = look.ball;
      g.fillStyle = look.ball;
      const size = field.ballSize;
      g.fillRect(state.ballX - size / 2, state.ballY - size / 2, size, size);
    }
    g.shadowBlur = 0;
  }
}
