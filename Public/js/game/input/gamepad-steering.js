// Gamepads, through the Gamepad API: the left stick or the d-pad steers, any other button pauses.
// Polled once a frame (the API has no events for sticks). With one paddle to steer every pad
// steers it; in a game on one keyboard the first pad is the left player's, the second the right's.
const DEAD_ZONE = 0.5;
const DPAD = { up: 12, down: 13, left: 14, right: 15 };

export class GamepadSteering {
  /// `read` lists the pads: the browser's by default; the browser suite passes a synthetic one.
  constructor(controls, keys, pause, read = () => navigator.getGamepads?.() ?? []) {
    this.controls = controls;
    this.keys = keys;
    this.pause = pause;
    this.read = read;
    this.directions = [];
    this.pausing = [];
  }

  poll() {
    const pads = [...this.read()].filter((pad) => pad && pad.connected !== false);
    pads.forEach((pad, index) => {
      const side = this.controls.length === 1 ? this.controls[0] : this.controls[index];
      if (!side) return;
      const axis = pad.axes?.[1] ?? 0;
      const pressed = (button) => Boolean(pad.buttons?.[button]?.pressed);
      const up = axis < -DEAD_ZONE || pressed(DPAD.up);
      const down = axis > DEAD_ZONE || pressed(DPAD.down);
      this.steer(index, side, up === down ? "none" : up ? "up" : "down");
      const dpad = new Set(Object.values(DPAD));
      const pausing = (pad.buttons ?? []).some((button, number) => button.pressed && !dpad.has(number));
      // A press pauses once; holding the button doesn't toggle it every frame.
      if (pausing && !this.pausing[index]) this.pause();
      this.pausing[index] = pausing;
    });
  }

  steer(index, side, direction) {
    const before = this.directions[index] ?? "none";
    if (before === direction) return;
    if (before !== "none") this.keys.press(side, before, false);
    if (direction !== "none") this.keys.press(side, direction, true);
    this.directions[index] = direction;
  }
}
