import fs from "node:fs";
import client from "prom-client";
import { config } from "./config";
import { outboxBacklog } from "../notifications/outbox.store";

/**
 * Prometheus metrics. Labels are route families ("providers", "api", "test-idp"…), never paths
 * with ids or query strings, so the number of series stays small and holds no personal data.
 */
export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

export const httpDuration = new client.Histogram({
  name: "valinta_http_request_duration_seconds",
  help: "Time to answer a request, by route family, method and status class",
  labelNames: ["family", "method", "status"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export const choicesRecorded = new client.Counter({
  name: "valinta_choices_recorded_total",
  help: "Choices recorded (first choices and changes), by kind: provider or public service",
  labelNames: ["kind"] as const,
  registers: [registry],
});

export const pageCacheAnswers = new client.Counter({
  name: "valinta_page_cache_answers_total",
  help: "Public pages for visitors who are not signed in, answered from memory (hit) or rendered (miss)",
  labelNames: ["result"] as const,
  registers: [registry],
});

export const errorsTotal = new client.Counter({
  name: "valinta_errors_total",
  help: "Server errors (5xx answers and unexpected exceptions)",
  registers: [registry],
});

export const signIns = new client.Counter({
  name: "valinta_sign_ins_total",
  help: "Completed sign-ins, by result",
  labelNames: ["result"] as const,
  registers: [registry],
});

export const notificationsSent = new client.Counter({
  name: "valinta_notifications_total",
  help: "Notification attempts by result: sent, retry (will be tried again), failed (gave up), skipped (no confirmed address)",
  labelNames: ["result"] as const,
  registers: [registry],
});

// The outbox's backlog (decision 070): read at each scrape from the database.
new client.Gauge({
  name: "valinta_notifications_backlog",
  help: "Notifications in the outbox not sent yet, by state: pending (incl. sending) and failed (gave up, kept)",
  labelNames: ["state"] as const,
  registers: [registry],
  collect() {
    const backlog = outboxBacklog();
    this.reset();
    this.set({ state: "pending" }, backlog.pending);
    this.set({ state: "failed" }, backlog.failed);
  },
});

function fileSize(file: string) {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

new client.Gauge({
  name: "valinta_database_bytes",
  help: "Size of the SQLite database file",
  registers: [registry],
  collect() {
    this.set(fileSize(config().DATABASE_PATH));
  },
});

new client.Gauge({
  name: "valinta_database_wal_bytes",
  help: "Size of the SQLite write-ahead log",
  registers: [registry],
  collect() {
    this.set(fileSize(`${config().DATABASE_PATH}-wal`));
  },
});

const langs = new Set(["fi", "sv", "en"]);
/** `/fi/providers/abc` → "providers"; `/api/v1/x` → "api"; unknown first segments → "other". */
export function routeFamily(path: string, known: Set<string>): string {
  const parts = path.split("/").filter(Boolean);
  if (parts.length === 0) return "root";
  if (langs.has(parts[0])) {
    if (parts.length === 1) return "home";
    return known.has(parts[1]) ? parts[1] : "other";
  }
  if (["api", "assets", "test-idp", "healthz", "metrics", ".well-known"].includes(parts[0])) return parts[0];
  return "other";
}
