/**
 * Signing in over HTTP against the built-in test identity provider, with fetch, for browser-less
 * tests and benches. Node's fetch keeps no cookies, so a small jar carries them (by name; paths and
 * the Secure flag are ignored, which is fine for one test origin).
 *
 *   const jar = await signIn(baseURL, "aino");            // a listed test person
 *   const jar = await signIn(baseURL, { generated: 42 }); // a generated one (APP_ENV demo/test)
 *   const res = await jar.fetch(`${baseURL}/fi/my`);
 */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** fetch with this jar's cookies; redirects are not followed (each step stays visible). */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.header());
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    this.store(res);
    return res;
  }

  /** Follows redirects (303/302) with the jar, up to `max` hops; returns the last response. */
  async follow(url: string, init: RequestInit = {}, max = 10): Promise<Response> {
    let res = await this.fetch(url, init);
    for (let i = 0; i < max && res.status >= 300 && res.status < 400; i++) {
      const next = new URL(res.headers.get("location")!, url).href;
      url = next;
      res = await this.fetch(next);
    }
    return res;
  }
}

export type TestPersonRef = string | { generated: number };

/**
 * Runs the whole sign-in round trip: start → test provider → choose the person → callback.
 * Returns the jar (holding the `__Host-valinta` session cookie) and where the callback sent it.
 */
export async function signIn(baseURL: string, person: TestPersonRef, lang = "fi", returnTo?: string): Promise<CookieJar & { landedOn: string }> {
  const jar = new CookieJar();
  const start = `${baseURL}/${lang}/sign-in/start${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ""}`;
  // start → /test-idp/auth → /test-idp/interaction/<uid>
  const interaction = await jar.follow(start);
  if (interaction.status !== 200) throw new Error(`test provider page answered ${interaction.status}`);
  const page = new URL(interaction.url || "", baseURL);
  const uid = /\/test-idp\/interaction\/([^/?"]+)\/login/.exec(await interaction.text())?.[1];
  if (!uid) throw new Error(`no interaction on ${page.pathname}`);
  const body = typeof person === "string" ? new URLSearchParams({ person }) : new URLSearchParams({ person: "generated", number: String(person.generated) });
  body.set("lang", lang);
  // login → /test-idp/auth/<uid> → /auth/callback → the page
  let res = await jar.fetch(`${baseURL}/test-idp/interaction/${uid}/login`, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", origin: baseURL },
  });
  let landedOn = "";
  for (let i = 0; i < 10 && res.status >= 300 && res.status < 400; i++) {
    const next = new URL(res.headers.get("location")!, baseURL);
    if (next.pathname !== "/auth/callback" && !next.pathname.startsWith("/test-idp/")) {
      landedOn = next.pathname + next.search;
      break;
    }
    res = await jar.fetch(next.href);
  }
  if (!jar.cookies.has("__Host-valinta")) throw new Error(`sign-in did not make a session (landed on ${landedOn || res.status})`);
  return Object.assign(jar, { landedOn });
}
