// Turns held keys (and on-screen buttons) into one key state per paddle and
// reports only changes. Against the AI both key pairs steer the player's paddle.
const KEYS = {
  KeyW: ["left", "up"], KeyS: ["left", "down"],
  ArrowUp: ["right", "up"], ArrowDown: ["right", "down"],
};

export class PaddleKeys {
  constructor(controls, onChange) {
    this.controls = controls;
    this.onChange = onChange;
    this.held = new Set(); // "left:up", …
    this.sent = { left: "none", right: "none" };
    this.onKeyDown = (event) => this.key(event, true);
    this.onKeyUp = (event) => this.key(event, false);
    this.onBlur = () => { this.held.clear(); this.flush(); };
    window.addEventListener("keydown", this.onKeyDown);
    window.addEventListener("keyup", this.onKeyUp);
    window.addEventListener("blur", this.onBlur);
  }

  dispose() {
    window.removeEventListener("keydown", this.onKeyDown);
    window.removeEventListener("keyup", this.onKeyUp);
    window.removeEventListener("blur", this.onBlur);
  }

  sideFor(side) {
    // One human paddle: every key pair steers it.
    return this.controls.length === 1 ? this.controls[0] : side;
  }

  key(event, down) {
    const mapped = KEYS[event.code];
    if (!mapped || event.target?.matches?.("input, select, textarea")) return;
    event.preventDefault(); // the arrows must not scroll the page mid-rally
    this.press(this.sideFor(mapped[0]), mapped[1], down);
  }

  press(side, direction, down) {
    if (!this.controls.includes(side)) return;
    const name = `${side}:${direction}`;
    if (down) this.held.add(name); else this.held.delete(name);
    this.flush();
  }

  release() {
    this.held.clear();
    this.flush();
  }

  flush() {
    for (const side of this.controls) {
      const up = this.held.has(`${side}:up`);
      const down = this.held.has(`${side}:down`);
      const state = up === down ? "none" : up ? "up" : "down";
      if (state !== this.sent[side]) {
        this.sent[side] = state;
        this.onChange(side, state);
      }
    }
  }
}
