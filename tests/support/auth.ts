import { people } from "../../db/schema";
import { findTestPerson } from "../../db/seed/people";
import { getDb } from "~/.server/platform/db";
import { foreignIdentityHash, identityCodeHash } from "~/.server/platform/identity";
import { SESSION_COOKIE, createSession } from "~/.server/auth/session";
import { csrfForRequest, CSRF_COOKIE } from "~/.server/platform/csrf";

/**
 * A signed-in test person for integration tests, without the identification round trip: the
 * person row (as the sign-in callback would make it) and a fresh session on the test database.
 *
 *   const aino = signedIn("aino");
 *   const data = loader(args("/fi/my", { lang: "fi" }, { headers: { cookie: aino.cookie } }));
 *
 * `cookie` also carries a CSRF cookie, and `csrf` is the matching form token:
 *   body: new URLSearchParams({ csrf: aino.csrf, … })
 */
export function signedIn(key: string, now = Date.now()) {
  const person = findTestPerson(key);
  if (!person) throw new Error(`no test person ${key}`);
  const identityHash = person.identityCode ? identityCodeHash(person.identityCode) : foreignIdentityHash("test", person.key);
  const at = new Date(now).toISOString();
  const db = getDb();
  const row = db
    .insert(people)
    .values({
      identityHash,
      givenName: person.givenName,
      familyName: person.familyName,
      homeMunicipality: person.homeMunicipality,
      identifiedWith: person.identityCode ? "fi" : "foreign",
      createdAt: at,
      updatedAt: at,
    })
    .onConflictDoUpdate({ target: people.identityHash, set: { updatedAt: at } })
    .returning({ id: people.id })
    .get();
  const token = createSession(db, row.id, now);
  const csrfCookie = `csrf-${key}-0123456789abcdef`;
  const cookie = `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${csrfCookie}`;
  const csrf = csrfForRequest(new Request("http://localhost/", { headers: { cookie } }), token).token;
  return { personId: row.id, identityHash, token, cookie, csrf, person };
}
