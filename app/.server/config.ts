import { z } from "zod";

/**
 * The environment, checked once at start-up. A wrong value stops the server with a message that
 * names the variable. Nothing here reaches the browser.
 */
export const bool = z
  .enum(["true", "false", "1", "0", "on", "off", "yes", "no"])
  .transform((v) => ["true", "1", "on", "yes"].includes(v));

const schema = z
  .object({
    APP_ENV: z.enum(["demo", "production", "test"]).default("demo"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    PUBLIC_ORIGIN: z.url().optional(),
    DATABASE_PATH: z.string().min(1).default("data/valinta.db"),
    MIGRATIONS_DIR: z.string().min(1).default("db/migrations"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Customers below this count are not shown as a figure. */
    SMALL_NUMBER_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(5),
    /** Express "trust proxy": which proxy addresses may set X-Forwarded-For (rate limits use it). */
    TRUST_PROXY: z.string().min(1).default("loopback"),
    /** Bearer token for GET /metrics; without it, /metrics answers only to this machine. */
    METRICS_TOKEN: z.string().min(16, "at least 16 characters").optional(),
    /** How long requests in flight may finish after SIGTERM. */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
    BACKUP_DIR: z.string().min(1).default("backups"),
    /** How many backups `npm run backup` and the interval backup keep. */
    BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(14),
    /** Minutes between online backups taken by the running server; 0 = off (the demo default). */
    BACKUP_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(10_080).default(0),
  })
  .loose();

export type Config = z.infer<typeof schema>;

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

export class ConfigError extends Error {}

let cached: Config | undefined;
export function config(): Config {
  return (cached ??= parseConfig(process.env));
}
/** For tests that change the environment. */
export function resetConfig() {
  cached = undefined;
}
