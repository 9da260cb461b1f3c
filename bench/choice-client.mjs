// A choice made over HTTP, as a browser makes it: sign-in through the built-in test identity
// provider (the whole OpenID Connect round trip, with cookies), the eligibility answers, the pick,
// the contact details and the confirmation form. Shared by bench/choices.mjs and the shutdown test
// (tests/e2e/shutdown.test.ts). Needs a server with the test identity provider on (demo or test).
/* global Headers, URLSearchParams */

const lang = "fi";

/** The cookies of one browser. */
export class Jar {
  /** @type {Map<string, string>} */
  cookies = new Map();

  /** @returns {string} the Cookie header */
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** @param {Response} res */
  store(res) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /**
   * @param {string} url
   * @param {RequestInit} [init]
   * @returns {Promise<Response>}
   */
  async fetch(url, init = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.header());
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    this.store(res);
    return res;
  }

  /**
   * @param {string} url
   * @param {number} [max]
   * @returns {Promise<Response>}
   */
  async follow(url, max = 10) {
    let res = await this.fetch(url);
    for (let i = 0; i < max && res.status >= 300 && res.status < 400; i++) {
      url = new URL(res.headers.get("location") ?? "", url).href;
      await res.arrayBuffer();
      res = await this.fetch(url);
    }
    return res;
  }
}

/**
 * A same-site form post.
 * @param {string} base
 * @param {Jar} jar
 * @param {string} pathname
 * @param {Record<string, string>} body
 * @returns {Promise<Response>}
 */
export function form(base, jar, pathname, body) {
  return jar.fetch(`${base}${pathname}`, {
    method: "POST",
    body: new URLSearchParams(body),
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
  });
}

/**
 * The i-th generated test person who lives in the North Savo example pilot: generated person n
 * lives there when (n - 1) % 12 is 0 or 1.
 * @param {number} i
 * @returns {number}
 */
export const northSavo = (i) => 12 * Math.floor(i / 2) + (i % 2) + 1;

/**
 * The OpenID Connect round trip against the built-in test provider, as a browser makes it.
 * @param {string} base
 * @param {number} n generated test person number
 * @returns {Promise<Jar>}
 */
export async function signIn(base, n) {
  const jar = new Jar();
  const page = await jar.follow(`${base}/${lang}/sign-in/start`);
  const uid = /\/test-idp\/interaction\/([^/?"]+)\/login/.exec(await page.text())?.[1];
  if (!uid) throw new Error(`no sign-in interaction (status ${page.status})`);
  let res = await form(base, jar, `/test-idp/interaction/${uid}/login`, { person: "generated", number: String(n), lang });
  for (let i = 0; i < 10 && res.status >= 300 && res.status < 400; i++) {
    const next = new URL(res.headers.get("location") ?? "", base);
    await res.arrayBuffer();
    if (next.pathname !== "/auth/callback" && !next.pathname.startsWith("/test-idp/")) break;
    res = await jar.fetch(next.href);
  }
  if (!jar.cookies.has("__Host-valinta")) throw new Error("the sign-in made no session");
  return jar;
}

/**
 * @param {string} html
 * @param {string} name
 * @returns {string | undefined}
 */
export const field = (html, name) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1];

/**
 * A person with a ready confirmation page: what its form posts.
 * @typedef {{ n: number, jar: Jar, csrf: string, key: string }} Prepared
 */

/**
 * Signs a person in (or reuses their session) and brings them to a ready confirmation page;
 * returns what the confirmation form posts.
 * @param {string} base
 * @param {number} n
 * @param {"provider" | "public_service"} kind
 * @param {Prepared | null} [signedIn]
 * @returns {Promise<Prepared>}
 */
export async function prepare(base, n, kind, signedIn = null) {
  const jar = signedIn?.jar ?? (await signIn(base, n));
  let csrf = signedIn?.csrf ?? "";
  /** @param {Response} res @param {string} step */
  const expect303 = async (res, step) => {
    await res.arrayBuffer();
    if (res.status !== 303) throw new Error(`${step} answered ${res.status}`);
  };
  if (!signedIn) {
    const start = await jar.fetch(`${base}/${lang}/choose`);
    csrf = field(await start.text(), "csrf") ?? "";
    if (!csrf) throw new Error(`no form on the choice page (status ${start.status})`);
    await expect303(await form(base, jar, `/${lang}/choose`, { csrf, registered: "yes", integration_act: "no", typ: "no" }), "facts");
  }
  if (kind === "provider") {
    await expect303(await form(base, jar, `/${lang}/choose/provider`, { csrf, provider: "tyopolku" }), "pick");
    await expect303(await form(base, jar, `/${lang}/choose/contact`, { csrf, channel: "email", email: `henkilo${n}@example.fi`, language: "fi" }), "contact");
  } else {
    await expect303(await form(base, jar, `/${lang}/choose/provider`, { csrf, provider: "public-service" }), "pick");
  }
  const check = await jar.fetch(`${base}/${lang}/choose/check`);
  const key = field(await check.text(), "key");
  if (!key) throw new Error(`no confirmation form (status ${check.status})`);
  return { n, jar, csrf, key };
}

/**
 * Prepares people with `concurrency` parallel browsers; `items` are person numbers, or people
 * already signed in (who choose again).
 * @param {string} base
 * @param {Array<number | Prepared>} items
 * @param {(n: number) => "provider" | "public_service"} kindOf
 * @param {number} concurrency
 * @returns {Promise<{ pool: Prepared[], seconds: number }>}
 */
export async function preparePool(base, items, kindOf, concurrency) {
  /** @type {Prepared[]} */
  const pool = [];
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++];
        const n = typeof item === "number" ? item : item.n;
        // A loaded machine may drop a connection during the many steps of a sign-in: try again.
        for (let attempt = 1; ; attempt++) {
          try {
            pool.push(await prepare(base, n, kindOf(n), typeof item === "number" ? null : item));
            break;
          } catch (error) {
            if (attempt === 3) throw error;
          }
        }
      }
    }),
  );
  return { pool, seconds: (Date.now() - started) / 1000 };
}

/**
 * Posts the person's confirmation form (by default complete: the CSRF token and the key).
 * @param {string} base
 * @param {Prepared} p
 * @param {Record<string, string>} [body]
 * @returns {Promise<Response>}
 */
export const confirm = (base, p, body = { csrf: p.csrf, key: p.key }) => form(base, p.jar, `/${lang}/choose/check`, body);

/**
 * The reference of the receipt a confirmation answered with (303 to it), or null.
 * @param {Response} res
 * @returns {string | null}
 */
export const receiptReference = (res) =>
  res.status === 303 ? (/\/my\/receipts\/([0-9A-Z]{4}-[0-9A-Z]{4})$/.exec(res.headers.get("location") ?? "")?.[1] ?? null) : null;
