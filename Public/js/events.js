// The page's one event bus. What the server sends over the socket arrives as
// "socket:<type>" (the cases of ServerEvent.swift, plus "socket:open",
// "socket:close" and "socket:binary"); the social store announces
// "social:<kind>" after its state changed; the app itself uses
// "session-ended", "route-changed" and "sessions-changed". `on` returns the
// function that stops listening, which a screen hands to its scope.
const listeners = new Map();

export function on(type, listener) {
  if (!listeners.has(type)) listeners.set(type, new Set());
  listeners.get(type).add(listener);
  return () => listeners.get(type)?.delete(listener);
}

export function emit(type, detail) {
  for (const listener of [...(listeners.get(type) ?? [])]) {
    try {
      listener(detail);
    } catch (error) {
      // One broken listener must not stop the others (or the socket's message loop).
      console.error(error);
    }
  }
}
