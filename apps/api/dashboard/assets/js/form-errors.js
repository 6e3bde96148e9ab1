import { ApiError } from './api-client.js';

/**
 * The API's own message without the path and status the client prefixes (`/api/…: 400 `), split
 * into its parts (several validation failures arrive joined by "; ").
 */
export function apiMessages(err) {
  const text = err instanceof ApiError ? err.message.replace(/^\/\S*: \d{3} /, '') : String(err?.message ?? err);
  return text.split('; ').filter(Boolean);
}

/**
 * The field a message names: its leading path (`timeline.0.at: …`, `resolvedAt must …`), when the
 * form has a field of that name (docs/api.md, "Errors").
 */
export function fieldOf(message, known) {
  const match = /^([A-Za-z]+(?:\.\d+\.[A-Za-z]+)?)(?=[:\s])/.exec(message);
  return match && known(match[1]) ? match[1] : null;
}
