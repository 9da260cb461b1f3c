import pino from "pino";

/**
 * Structured logs (JSON lines). They never hold an identity code, a name, a token or a cookie:
 * request logs carry the method, the path without its query, the status, the time and the
 * request id; application code logs ids and codes, never personal data.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: undefined,
  redact: {
    paths: ["req.headers.cookie", "req.headers.authorization", "res.headers['set-cookie']", "*.password", "*.token"],
    censor: "[redacted]",
  },
});
