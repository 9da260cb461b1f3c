import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CSRF_COOKIE } from "~/.server/platform/csrf";
import { SIGN_IN_COOKIE } from "~/.server/auth/oidc";
import { SESSION_COOKIE } from "~/.server/auth/session";

const here = path.dirname(new URL(import.meta.url).pathname);

/** Every cookie name the server code sets (the `__Host-` names in app/ and server.mjs). */
function cookieNamesInCode(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.(ts|tsx|mjs)$/.test(entry.name)) {
        for (const m of fs.readFileSync(file, "utf8").matchAll(/"(__Host-[a-z-]+)"/g)) names.add(m[1]);
      }
    }
  };
  walk(path.join(here, "../../app"));
  for (const m of fs.readFileSync(path.join(here, "../../server.mjs"), "utf8").matchAll(/"(__Host-[a-z-]+)"/g)) names.add(m[1]);
  return names;
}

describe("the privacy notice's cookies", () => {
  it("names every cookie the service sets, in every language, and counts them right", () => {
    const names = cookieNamesInCode();
    expect([...names].sort()).toEqual([SESSION_COOKIE, CSRF_COOKIE, SIGN_IN_COOKIE].sort());
    const counted = { fi: "kolmea evästettä", sv: "tre kakor", en: "three cookies" } as const;
    for (const lang of ["fi", "sv", "en"] as const) {
      const text = fs.readFileSync(path.join(here, `../../locales/${lang}/privacy.json`), "utf8");
      for (const name of names) expect(text, `${lang}: ${name}`).toContain(`(${name})`);
      expect(text).toContain(counted[lang]);
    }
  });
});
