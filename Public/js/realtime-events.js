// Generated from Sources/App/Features/Realtime/ServerEvents.swift and SnapshotFrame.swift by
// `TRANSCENDENCE_DEV_COMMANDS=1 swift run transcendence realtime-events`: do not edit (a test fails when it drifts).
// Subscribe through these names: realtime.on(ServerEvents.matchFound, …).

/// The type of every message the server sends, by the name the code uses.
export const ServerEvents = Object.freeze({
  hello: "hello",
  pong: "pong",
  error: "error",
  game: "game",
  gameReplaced: "game_replaced",
  point: "point",
  paused: "paused",
  resumed: "resumed",
  over: "over",
  spectators: "spectators",
  latency: "latency",
  presence: "presence",
  friend: "friend",
  message: "message",
  read: "read",
  typing: "typing",
  conversation: "conversation",
  notification: "notification",
  notificationsRead: "notifications_read",
  invitation: "invitation",
  matchFound: "match_found",
  rematch: "rematch",
  challenge: "challenge",
  tournament: "tournament",
  tournamentCall: "tournament_call",
});

/// The binary snapshot: little-endian fields as [name, offset, type].
export const SNAPSHOT = Object.freeze({
  kind: 1,
  byteCount: 40,
  phases: ["countdown", "playing", "paused", "over"],
  fields: [
    ["kind", 0, "u8"],
    ["phase", 1, "u8"],
    ["countdown", 2, "u8"],
    ["keys", 3, "u8"],
    ["tick", 4, "u32"],
    ["ballX", 8, "f32"],
    ["ballY", 12, "f32"],
    ["ballVX", 16, "f32"],
    ["ballVY", 20, "f32"],
    ["leftY", 24, "f32"],
    ["rightY", 28, "f32"],
    ["leftScore", 32, "u8"],
    ["rightScore", 33, "u8"],
    ["rally", 34, "u16"],
    ["lastInput", 36, "u32"],
  ],
});
