import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * Identification, sessions and roles (docs/decisions/030-identification-and-sessions.md).
 *
 * A person is found by a keyed hash of their identity code (HMAC-SHA-256 with a secret from the
 * environment), never by the code itself: the code is not stored anywhere. Only what the service
 * needs from the identification is kept: given name, family name and home municipality.
 */
export const people = sqliteTable("people", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** HMAC-SHA-256 (hex) of "fi:" + identity code, or of "sub:" + issuer + subject for a foreign eID. */
  identityHash: text("identity_hash").notNull().unique(),
  givenName: text("given_name").notNull(),
  familyName: text("family_name").notNull(),
  /** Statistics Finland municipality code; null when the identification gave none (foreign eID). */
  homeMunicipality: text("home_municipality"),
  /** "fi": identified with a Finnish identity code; "foreign": a foreign eID without one. */
  identifiedWith: text("identified_with", { enum: ["fi", "foreign"] }).notNull(),
  createdAt: text("created_at").notNull(),
  /** Names and municipality are refreshed from the identification at every sign-in. */
  updatedAt: text("updated_at").notNull(),
});

/**
 * Server-side sessions. The cookie holds a random token; the row holds only its SHA-256, so a copy
 * of the database does not let anyone act as a signed-in person. Times are epoch milliseconds.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    /** createdAt + the absolute lifetime: the session ends then, however active it is. */
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_person_idx").on(t.personId), index("sessions_expires_idx").on(t.expiresAt)],
);

/**
 * Roles beyond "jobseeker" (which everyone signed in has). Keyed by the identity hash, not by a
 * person row, so that a role can be granted before the person first signs in.
 * kind "official": scope is a pilot slug. kind "provider_staff": scope is a business ID.
 */
export const roles = sqliteTable(
  "roles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    identityHash: text("identity_hash").notNull(),
    kind: text("kind", { enum: ["official", "provider_staff"] }).notNull(),
    scope: text("scope").notNull(),
    grantedAt: text("granted_at").notNull(),
    /** Identity hash of who granted the role, or "seed". */
    grantedBy: text("granted_by").notNull(),
  },
  (t) => [uniqueIndex("roles_unique").on(t.identityHash, t.kind, t.scope), index("roles_scope_idx").on(t.kind, t.scope)],
);

/**
 * A sign-in in progress ("pre-session"): the state, nonce and PKCE verifier of one authorization
 * request, bound to the browser by a short-lived cookie whose SHA-256 is the key. Used once, then
 * deleted; rows older than their expiry are swept away.
 */
export const signInAttempts = sqliteTable(
  "sign_in_attempts",
  {
    cookieHash: text("cookie_hash").primaryKey(),
    state: text("state").notNull(),
    nonce: text("nonce").notNull(),
    codeVerifier: text("code_verifier").notNull(),
    lang: text("lang").notNull(),
    returnTo: text("return_to").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sign_in_attempts_expires_idx").on(t.expiresAt)],
);
