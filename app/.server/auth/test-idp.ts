/**
 * The built-in test identity provider (docs/decisions/031-test-identity-provider.md): a real
 * OpenID Connect provider (oidc-provider 8) mounted under /test-idp by server.mjs, in the same
 * process and on the same port as the site. On by default in demo (`npm start`) and test, off in
 * production unless TEST_IDP=true. It issues the claims Suomi.fi e-Identification would: identity
 * code, names and home municipality, with an acr from the request's acr_values.
 *
 * Its sign-in page lists the test people of db/seed/people.ts in the language of `ui_locales`.
 *
 * Generated test people (for benches; only when APP_ENV is demo or test): choose
 * "Generated test person by number" and give a number 1–999999, or post the form directly:
 *
 *   GET  /fi/sign-in/start                      → 303 to /test-idp/auth?… (keep the cookies)
 *   GET  /test-idp/auth?…                       → 303 to /test-idp/interaction/<uid>
 *   POST /test-idp/interaction/<uid>/login      body: person=generated&number=123
 *                                               → 303 to /test-idp/auth/<uid> → 303 to /auth/callback?…
 *   GET  /auth/callback?…                       → 303 to /fi/my with the session cookie
 *
 * The number always gives the same valid temporary identity code (generatedIdentityCode in
 * app/domain/identity-code.ts), so a bench can sign in as many distinct people as it needs.
 * tests/support/sign-in.ts does exactly this with fetch.
 */
import express, { type Express, type Request as ExpressRequest, type Response as ExpressResponse } from "express";
import crypto from "node:crypto";
import Provider, { interactionPolicy, type Account, type KoaContext } from "oidc-provider";
import { findTestPerson, generatedTestPerson, testPeople, type TestPerson } from "../../../db/seed/people";
import { municipalityName } from "~/format";
import { isLang, tFor, type Lang } from "~/i18n";
import { config, testIdpEnabled } from "../platform/config";
import { secret } from "../platform/identity";
import { municipalitiesByCode } from "../eligibility/pilots.store";
import { logger } from "../platform/log";
import { acrValues, claimNames, clientId, issuer, postLogoutRedirectUri, publicOrigin, redirectUri, siteSigningKey, usesTestIdp } from "./oidc";
import { loginPage, logoutPage, messagePage, type LoginForm, type PersonOption } from "./test-idp-pages";

/** The levels the test provider can assert (Suomi.fi's: loa2 substantial, loa3 high). */
const supportedAcrs = ["http://ftn.ficora.fi/2017/loa2", "http://ftn.ficora.fi/2017/loa3"];

function langFrom(value: unknown): Lang {
  const first = typeof value === "string" ? value.split(" ")[0]?.split("-")[0] : undefined;
  return isLang(first) ? first : "fi";
}

/** Generated people exist only where tests and benches run, never in a production deployment. */
function generatedAllowed() {
  return config().APP_ENV !== "production";
}

function personFor(key: string): TestPerson | null {
  if (key.startsWith("generated-") && !generatedAllowed()) return null;
  return findTestPerson(key);
}

function accountClaims(person: TestPerson): Record<string, unknown> {
  const names = claimNames();
  const claims: Record<string, unknown> = { sub: person.key, [names.givenName]: person.givenName, [names.familyName]: person.familyName };
  if (person.identityCode) claims[names.identityCode] = person.identityCode;
  if (person.homeMunicipality) claims[names.municipality] = person.homeMunicipality;
  return claims;
}

function page(res: ExpressResponse, status: number, html: string) {
  res.status(status).set("Cache-Control", "no-store").type("html").send(html);
}

function peopleOptions(lang: Lang): PersonOption[] {
  const codes = testPeople.map((p) => p.homeMunicipality).filter((c): c is string => c !== null);
  const byCode = municipalitiesByCode(codes);
  const t = tFor(lang);
  return testPeople.map((p) => {
    const m = p.homeMunicipality ? byCode.get(p.homeMunicipality) : undefined;
    return {
      key: p.key,
      name: `${p.givenName} ${p.familyName}`,
      place: m ? municipalityName(m, lang) : t("testidp:login.noMunicipality"),
      description: t(`testidp:people.${p.key}`),
      identityCode: p.identityCode,
    };
  });
}

/** The logout form oidc-provider makes: its action and one-time xsrf value, for our own page. */
function parseLogoutForm(form: string) {
  const action = /action="([^"]+)"/.exec(form)?.[1] ?? "";
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(form)?.[1] ?? "";
  return { action, xsrf };
}

export function createTestIdp(): Provider {
  const site = siteSigningKey();
  const names = claimNames();
  const idpKey = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  const idpJwk = { ...(idpKey.export({ format: "jwk" }) as Record<string, unknown>), kid: "test-idp-1", use: "sig", alg: "RS256" };

  // The test provider asks who you are every time (a new person can be chosen after sign-out),
  // except right after that question was answered.
  const policy = interactionPolicy.base();
  policy.get("login").checks.push(
    new interactionPolicy.Check("test_idp_always", "the test provider asks every time", (ctx: KoaContext) => !ctx.oidc.result?.login),
  );

  const provider = new Provider(issuer(), {
    clients: [
      {
        client_id: clientId(),
        client_name: "Valinta",
        redirect_uris: [redirectUri()],
        post_logout_redirect_uris: (["fi", "sv", "en"] as const).map((l) => postLogoutRedirectUri(l)),
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "private_key_jwt",
        token_endpoint_auth_signing_alg: site.publicJwk.alg,
        id_token_signed_response_alg: "RS256",
        jwks: { keys: [site.publicJwk] },
      },
    ],
    jwks: { keys: [idpJwk] },
    cookies: {
      keys: [secret("SESSION_SECRET")],
      long: { httpOnly: true, sameSite: "lax", signed: true },
      short: { httpOnly: true, sameSite: "lax", signed: true },
    },
    acrValues: supportedAcrs,
    claims: {
      openid: ["sub"],
      profile: [names.givenName, names.familyName],
      acr: null,
      auth_time: null,
      [names.givenName]: null,
      [names.familyName]: null,
      [names.identityCode]: null,
      [names.municipality]: null,
    },
    scopes: ["openid", "profile"],
    // Claims go in the ID token, as the site reads them from there (as from Suomi.fi).
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource(ctx: KoaContext, form: string) {
          const lang = langFrom(ctx.oidc.params?.ui_locales);
          ctx.type = "html";
          ctx.body = logoutPage({ lang, ...parseLogoutForm(form) });
        },
        postLogoutSuccessSource(ctx: KoaContext) {
          const lang = langFrom(ctx.oidc.params?.ui_locales);
          ctx.type = "html";
          ctx.body = messagePage({ lang, kind: "loggedOut", serviceHref: `${publicOrigin()}/${lang}` });
        },
      },
    },
    pkce: { methods: ["S256"], required: () => true },
    responseTypes: ["code"],
    findAccount(_ctx: KoaContext, sub: string): Account | undefined {
      const person = personFor(sub);
      if (!person) return undefined;
      return { accountId: sub, claims: () => accountClaims(person) };
    },
    async loadExistingGrant(ctx: KoaContext) {
      const { oidc } = ctx;
      const clientIdOf = oidc.client?.clientId;
      const accountId = oidc.session.accountId;
      if (!clientIdOf || !accountId) return undefined;
      // The site is the provider's only client: it gets what it asks for without a consent page,
      // as with Suomi.fi (which shows the person what is shared on its own pages).
      const grant = new oidc.provider.Grant({ clientId: clientIdOf, accountId });
      grant.addOIDCScope("openid profile");
      grant.addOIDCClaims([names.givenName, names.familyName, names.identityCode, names.municipality]);
      await grant.save();
      return grant;
    },
    interactions: {
      policy,
      url: (_ctx: KoaContext, interaction: { uid: string }) => `/test-idp/interaction/${interaction.uid}`,
    },
    renderError(ctx: KoaContext, out: { error?: string }) {
      const lang = langFrom(ctx.oidc?.params?.ui_locales);
      ctx.type = "html";
      ctx.body = messagePage({ lang, kind: "error", serviceHref: `${publicOrigin()}/${lang}/sign-in`, code: out.error });
    },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 1800,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
  });
  provider.proxy = true;
  // Errors are logged by their name only: their details can hold claims.
  for (const event of ["server_error", "authorization.error", "grant.error", "end_session.error"]) {
    provider.on(event, (...args: unknown[]) => {
      const error = args.find((a) => a instanceof Error);
      logger.warn({ event: `test-idp.${event}`, errorName: error?.name ?? "unknown" }, "test identity provider error");
    });
  }
  return provider;
}

function acrFor(requested: unknown): string {
  const wanted = typeof requested === "string" ? requested.split(" ") : [];
  return wanted.find((a) => supportedAcrs.includes(a)) ?? "http://ftn.ficora.fi/2017/loa3";
}

async function showLogin(provider: Provider, req: ExpressRequest, res: ExpressResponse, form: LoginForm, status: number, langOverride?: Lang) {
  const details = await provider.interactionDetails(req, res);
  const lang = langOverride ?? langFrom(details.params.ui_locales);
  page(res, status, loginPage({ lang, uid: details.uid, people: peopleOptions(lang), form, generatedAllowed: generatedAllowed() }));
}

/**
 * Mounts the test provider under /test-idp (called from server.mjs). Does nothing when the test
 * provider is off; logs where it is when on.
 */
export function mountTestIdp(app: Express) {
  if (!testIdpEnabled()) return;
  const provider = createTestIdp();
  const router = express.Router();
  const body = express.urlencoded({ extended: false, limit: "4kb", parameterLimit: 10 });

  const interactionError = (req: ExpressRequest, res: ExpressResponse, error: unknown) => {
    logger.warn({ event: "test-idp.interaction-error", errorName: error instanceof Error ? error.name : "unknown" }, "test identity provider interaction failed");
    const lang = langFrom(req.query.lang ?? (req.body as Record<string, unknown> | undefined)?.lang);
    page(res, 400, messagePage({ lang, kind: "error", serviceHref: `${publicOrigin()}/${lang}/sign-in` }));
  };

  router.get("/interaction/:uid", (req, res) => {
    const override = isLang(req.query.lang) ? req.query.lang : undefined;
    showLogin(provider, req, res, { errors: {} }, 200, override).catch((error: unknown) => interactionError(req, res, error));
  });

  router.post("/interaction/:uid/login", body, (req, res) => {
    const form = (req.body ?? {}) as Record<string, unknown>;
    const lang = isLang(form.lang) ? form.lang : undefined;
    const run = async () => {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== req.params.uid) throw new Error("interaction mismatch");
      if (form.cancel !== undefined) {
        await provider.interactionFinished(req, res, { error: "access_denied", error_description: "The person cancelled" }, { mergeWithLastSubmission: false });
        return;
      }
      const key = typeof form.person === "string" ? form.person : "";
      const numberText = typeof form.number === "string" ? form.number.trim() : "";
      let person: TestPerson | null = null;
      const errors: LoginForm["errors"] = {};
      if (key === "generated" && generatedAllowed()) {
        const n = /^\d{1,6}$/.test(numberText) ? Number(numberText) : 0;
        if (n >= 1) person = generatedTestPerson(n);
        else errors.number = "number";
      } else {
        person = key ? personFor(key) : null;
        if (!person) errors.person = "choose";
      }
      if (!person) {
        await showLogin(provider, req, res, { person: key, number: numberText, errors }, 400, lang);
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: person.key, acr: acrFor(details.params.acr_values), amr: ["test"], remember: true } },
        { mergeWithLastSubmission: false },
      );
    };
    run().catch((error: unknown) => interactionError(req, res, error));
  });

  router.use(provider.callback());
  app.use("/test-idp", router);
  logger.info({ issuer: issuer(), usedBySite: usesTestIdp(), acrValues: acrValues() }, "test identity provider mounted at /test-idp");
}
