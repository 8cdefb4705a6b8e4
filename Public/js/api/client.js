import { t, localizeNames } from "../i18n/i18n.js";
// The one way the page talks to the server: JSON in and out, the CSRF header
// on every request, and errors turned into ApiError with the server's code
// and per-field messages. Screens never call it with a URL: they call the
// endpoint functions of the modules beside it (auth.js, me.js, friends.js…),
// where each URL and request body is written once.
import { emit } from "../events.js";

export class ApiError extends Error {
  constructor(status, code, message, fields = {}, until = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
    /// When a time-bound refusal (`playban`, `muted`) ends.
    this.until = until;
  }
}

export async function request(path, { method = "GET", json, body, headers = {}, as = "json" } = {}) {
  const init = {
    method,
    credentials: "same-origin",
    headers: { "X-Requested-With": "transcendence", Accept: "application/json", ...headers },
  };
  if (json !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(json);
  } else if (body !== undefined) {
    init.body = body;
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (_) {
    throw new ApiError(0, "network_error", t("client.cantReachTheServerCheck"));
  }
  if (response.status === 204) return null;
  // A download (the data export) is kept as a file; its errors are still JSON.
  if (as === "blob" && response.ok) return response.blob();
  const data = localizeNames(await response.json().catch(() => null));
  if (!response.ok) {
    const error = data?.error ?? {};
    if (response.status === 401 && error.code === "unauthenticated") {
      // The session ended elsewhere (signed out, revoked, expired): let the app send us to log in.
      emit("session-ended");
    }
    throw new ApiError(response.status, error.code ?? "unknown_error",
      error.message ?? t("client.theServerAnswered", { status: response.status }), error.fields ?? {}, error.until ?? null);
  }
  return data;
}
