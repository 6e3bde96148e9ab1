/**
 * Request headers that carry credentials: never written to the logs, whichever way a caller
 * authenticates (a bearer key, a key header, a session cookie, a proxy's credentials).
 * docs/operation.md, "Own telemetry".
 */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  // The response's Set-Cookie carries a new session token (docs/operation.md, "Sign-in").
  'res.headers["set-cookie"]',
];
