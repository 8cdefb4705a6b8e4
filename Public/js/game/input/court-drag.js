// Touch (and the mouse): drag on the court and your paddle follows your finger; a tap sends it to
// where you tapped. It steers with the same up and down the keys send, so the server sees one kind
// of input. In a game on one keyboard, the half of the court touched says whose paddle it is.
const MARGIN = 6; // court units: close enough to stop

export class CourtDrag {
  constructor(canvas, controls, keys, field) {
    this.canvas = canvas;
    this.controls = controls;
    this.keys = keys;
    this.field = field;
    this.targets = {}; // side → { y, held, direction }
    this.pointers = new Map(); // pointer id → side
    this.onDown = (event) => {
      const side = this.sideAt(event);
      if (!side) return;
      event.preventDefault();
      canvas.setPointerCapture?.(event.pointerId);
      this.pointers.set(event.pointerId, side);
      this.targets[side] = { y: this.courtY(event), held: true, direction: this.targets[side]?.direction ?? "none" };
    };
    this.onMove = (event) => {
      const side = this.pointers.get(event.pointerId);
      if (side && this.targets[side]) this.targets[side].y = this.courtY(event);
    };
    this.onUp = (event) => {
      const side = this.pointers.get(event.pointerId);
      this.pointers.delete(event.pointerId);
      // Lifting the finger lets the paddle finish its way to where it was.
      if (side && this.targets[side]) this.targets[side].held = false;
    };
    canvas.addEventListener("pointerdown", this.onDown);
    canvas.addEventListener("pointermove", this.onMove);
    canvas.addEventListener("pointerup", this.onUp);
    canvas.addEventListener("pointercancel", this.onUp);
  }

  sideAt(event) {
    if (this.controls.length === 1) return this.controls[0];
    const box = this.canvas.getBoundingClientRect();
    const side = event.clientX < box.left + box.width / 2 ? "left" : "right";
    return this.controls.includes(side) ? side : null;
  }

  courtY(event) {
    const box = this.canvas.getBoundingClientRect();
    return ((event.clientY - box.top) / box.height) * this.field.height;
  }

  /// Each drawn frame: up or down until the paddle's centre reaches the target.
  steer(state) {
    if (!state) return;
    for (const [side, target] of Object.entries(this.targets)) {
      const centre = state[`${side}Y`] + this.field.paddleHeight / 2;
      const gap = target.y - centre;
      const direction = gap < -MARGIN ? "up" : gap > MARGIN ? "down" : "none";
      if (direction !== target.direction) {
        if (target.direction !== "none") this.keys.press(side, target.direction, false);
        if (direction !== "none") this.keys.press(side, direction, true);
        target.direction = direction;
      }
      if (direction === "none" && !target.held) delete this.targets[side];
    }
  }

  dispose() {
    this.canvas.removeEventListener("pointerdown", this.onDown);
    this.canvas.removeEventListener("pointermove", this.onMove);
    this.canvas.removeEventListener("pointerup", this.onUp);
    this.canvas.removeEventListener("pointercancel", this.onUp);
  }
}
