// The server's tick, read off this browser's clock: NTP-style, from two kinds of samples.
// - Every snapshot carries the tick it was sent at: arrival − tick × 1/60 s is the local time of
//   tick 0 plus that message's one-way delay. The lowest of the last two seconds is the least
//   delayed delivery (the best estimate of the schedule); the spread above it is the jitter.
// - Every ping measures a round trip; half the lowest recent one is the one-way delay to take back
//   out of the schedule, so the present tick is what the server is simulating now, not what it
//   simulated when the last snapshot left it.
// The window is short so a pause (the server's tick stops) or a changing route is caught up within
// two seconds; a paused game resets it at once.
export const TICK_MS = 1000 / 60;
const WINDOW_MS = 2000;
const ROUND_TRIPS_KEPT = 8;

export class ServerClock {
  constructor() {
    this.samples = []; // { at, offset }
    this.roundTrips = [];
  }

  /// A message stamped with server `tick` arrived at local time `receivedAt` (ms).
  observe(tick, receivedAt) {
    // The server's tick went back: a new game clock (a game taken over by another server).
    if (this.lastTick !== undefined && tick < this.lastTick) this.reset();
    this.lastTick = tick;
    this.samples.push({ at: receivedAt, offset: receivedAt - tick * TICK_MS });
    while (this.samples.length > 1 && this.samples[0].at < receivedAt - WINDOW_MS) this.samples.shift();
  }

  /// The server's tick stopped (a pause): the schedule starts again with the next message.
  reset() {
    this.samples = [];
    this.lastTick = undefined;
  }

  /// A ping's round trip, in ms.
  roundTrip(ms) {
    this.roundTrips.push(ms);
    if (this.roundTrips.length > ROUND_TRIPS_KEPT) this.roundTrips.shift();
  }

  get synced() {
    return this.samples.length > 0;
  }

  /// Local time of server tick 0, as it would be seen with the least delay of the window.
  get schedule() {
    let lowest = Infinity;
    for (const { offset } of this.samples) lowest = Math.min(lowest, offset);
    return lowest;
  }

  /// Half the lowest recent round trip (0 until a ping came back).
  get oneWayMs() {
    return this.roundTrips.length ? Math.min(...this.roundTrips) / 2 : 0;
  }

  /// The round trip to show: the latest measured.
  get roundTripMs() {
    return this.roundTrips.length ? this.roundTrips[this.roundTrips.length - 1] : null;
  }

  /// How much the round trips vary: the mean distance from their mean (ms).
  get roundTripJitterMs() {
    const trips = this.roundTrips;
    if (trips.length < 2) return 0;
    const mean = trips.reduce((sum, ms) => sum + ms, 0) / trips.length;
    return trips.reduce((sum, ms) => sum + Math.abs(ms - mean), 0) / trips.length;
  }

  /// How late messages arrive beyond the least delayed one: the 90th percentile of the window (ms).
  get deliveryJitterMs() {
    if (this.samples.length < 2) return 0;
    const base = this.schedule;
    const lateness = this.samples.map(({ offset }) => offset - base).sort((a, b) => a - b);
    return lateness[Math.floor((lateness.length - 1) * 0.9)];
  }

  /// The server tick being simulated at local time `now` (fractional), or null before any message.
  presentTick(now) {
    if (!this.synced) return null;
    return (now - this.schedule + this.oneWayMs) / TICK_MS;
  }

  /// The tick a key pressed at `now` counts from on the server: the first one after this moment.
  pressTick(now) {
    const present = this.presentTick(now);
    return present === null ? null : Math.floor(present) + 1;
  }
}
