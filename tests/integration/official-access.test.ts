import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as home from "~/routes/lang.official";
import * as overview from "~/routes/lang.official.$pilot";
import * as audit from "~/routes/lang.official.$pilot.audit";
import * as provider from "~/routes/lang.official.$pilot.providers.$id";
import * as join from "~/routes/lang.official.$pilot.providers.join";
import * as addProvider from "~/routes/lang.official.$pilot.providers.new";
import * as providers from "~/routes/lang.official.$pilot.providers";
import * as request from "~/routes/lang.official.$pilot.requests.$id";
import * as requests from "~/routes/lang.official.$pilot.requests";
import * as preview from "~/routes/lang.official.$pilot.results.$upload";
import * as results from "~/routes/lang.official.$pilot.results";
import * as history from "~/routes/lang.official.$pilot.rules.history";
import * as rules from "~/routes/lang.official.$pilot.rules";
import * as statistics from "~/routes/lang.official.$pilot.statistics";
import { requestWeightyReason } from "~/.server/choice/choices.store";
import { get, post, upload } from "../support/request";
import { as, choose, quietLogs, type Who } from "./official-support";

quietLogs();

/**
 * Role isolation: every back-office route of the North Savo pilot, tried by an official of another
 * pilot, a jobseeker, provider staff and nobody. Each answer is 403 (or 404), or 303 to sign-in.
 */

const pilot = "north-savo-choice";
const valid = new Uint8Array(fs.readFileSync(path.resolve("tests/fixtures/csv/valid.csv")));

type Route = { name: string; mod: { loader?: unknown; action?: unknown }; path: string; params: Record<string, string> };

/** Every official route of the pilot, with ids that exist (a provider, a request, a staged upload). */
async function routesOf(sari: Who): Promise<Route[]> {
  const aino = as("aino");
  const { user } = choose(aino, { id: 1, slug: "tyopolku" });
  const asked = requestWeightyReason(user, "Toimisto muutti toiselle paikkakunnalle.");
  if (!asked.ok) throw new Error("no request");
  const staged = await upload(results.action, `/fi/official/${pilot}/results`, { lang: "fi", pilot }, sari, valid);
  const uploadId = staged.location!.split("/").pop()!;
  const base = `/fi/official/${pilot}`;
  const p = { lang: "fi", pilot };
  return [
    { name: "overview", mod: overview, path: base, params: p },
    { name: "rules", mod: rules, path: `${base}/rules`, params: p },
    { name: "rules history", mod: history, path: `${base}/rules/history`, params: p },
    { name: "providers", mod: providers, path: `${base}/providers`, params: p },
    { name: "add provider", mod: addProvider, path: `${base}/providers/new`, params: p },
    { name: "join provider", mod: join, path: `${base}/providers/join`, params: p },
    { name: "provider", mod: provider, path: `${base}/providers/1`, params: { ...p, id: "1" } },
    { name: "results", mod: results, path: `${base}/results`, params: p },
    { name: "upload preview", mod: preview, path: `${base}/results/${uploadId}`, params: { ...p, upload: uploadId } },
    { name: "requests", mod: requests, path: `${base}/requests`, params: p },
    { name: "request", mod: request, path: `${base}/requests/${asked.id}`, params: { ...p, id: String(asked.id) } },
    { name: "statistics", mod: statistics, path: `${base}/statistics`, params: p },
    { name: "audit", mod: audit, path: `${base}/audit`, params: p },
  ];
}

type Fn = Parameters<typeof get>[0];

describe("the back office, tried by people without the role", () => {
  it("the official of the pilot opens every page", async () => {
    const sari = as("sari");
    for (const r of await routesOf(sari)) {
      const answer = await get(r.mod.loader as Fn, r.path, r.params, sari);
      expect(answer.status, r.name).toBe(200);
    }
  });

  it.each([
    ["an official of another pilot", "timo"],
    ["a jobseeker", "juha"],
    ["provider staff", "kaisa"],
  ])("%s gets 403 from every page and every form of the pilot", async (_who, key) => {
    const routes = await routesOf(as("sari"));
    const someone = as(key);
    for (const r of routes) {
      const read = await get(r.mod.loader as Fn, r.path, r.params, someone);
      expect([403, 404], `GET ${r.name}`).toContain(read.status);
      if (r.mod.action) {
        const write = await post(r.mod.action as Fn, r.path, r.params, someone, { intent: "publish", decision: "approved", note: "x", reason: "x" });
        expect([403, 404], `POST ${r.name}`).toContain(write.status);
      }
    }
    // And a results file posted by them does not get as far as being read.
    const posted = await upload(results.action, `/fi/official/${pilot}/results`, { lang: "fi", pilot }, someone, valid);
    expect(posted.status).toBe(403);
  });

  it("without a session every page and form answers 303 to sign-in, coming back afterwards", async () => {
    const routes = await routesOf(as("sari"));
    for (const r of routes) {
      const read = await get(r.mod.loader as Fn, r.path, r.params, null);
      expect(read.status, r.name).toBe(303);
      expect(read.location, r.name).toBe(`/fi/sign-in?returnTo=${encodeURIComponent(r.path)}`);
      if (r.mod.action) expect((await post(r.mod.action as Fn, r.path, r.params, null)).status, r.name).toBe(303);
    }
    expect((await get(home.loader as Fn, "/fi/official", { lang: "fi" }, null)).status).toBe(303);
  });

  it("/official lists only the official's own pilots, and refuses everyone else", async () => {
    const timo = await get(home.loader, "/sv/official", { lang: "sv" }, as("timo"));
    expect((timo.data!.pilots as { slug: string }[]).map((p) => p.slug)).toEqual(["mikkeli-region-municipal"]);
    expect((await get(home.loader as Fn, "/fi/official", { lang: "fi" }, as("aino"))).status).toBe(403);
    expect((await get(home.loader as Fn, "/fi/official", { lang: "fi" }, as("olli"))).status).toBe(403);
  });

  it("an official reaching for another pilot's things through their own pilot finds nothing (404)", async () => {
    const sari = as("sari");
    const routes = await routesOf(sari);
    const timo = as("timo");
    const own = { lang: "fi", pilot: "mikkeli-region-municipal" };
    const base = "/fi/official/mikkeli-region-municipal";
    const requestRoute = routes.find((r) => r.name === "request")!;
    const uploadRoute = routes.find((r) => r.name === "upload preview")!;
    // The request and the provider belong to North Savo; the upload to Sari's session.
    expect((await get(request.loader as Fn, `${base}/requests/${requestRoute.params.id}`, { ...own, id: requestRoute.params.id }, timo)).status).toBe(404);
    expect((await post(request.action as Fn, `${base}/requests/${requestRoute.params.id}`, { ...own, id: requestRoute.params.id }, timo, { decision: "approved", note: "x" })).status).toBe(404);
    expect((await get(provider.loader as Fn, `${base}/providers/1`, { ...own, id: "1" }, timo)).status).toBe(404);
    expect((await post(provider.action as Fn, `${base}/providers/1`, { ...own, id: "1" }, timo, { intent: "suspend", reason: "x" })).status).toBe(404);
    expect((await get(preview.loader as Fn, `${base}/results/${uploadRoute.params.upload}`, { ...own, upload: uploadRoute.params.upload }, timo)).status).toBe(404);
    // Sari herself, in another session, cannot open or publish the upload of her first session.
    const again = as("sari");
    expect((await get(preview.loader as Fn, uploadRoute.path, uploadRoute.params, again)).status).toBe(404);
    const publish = await post(preview.action, uploadRoute.path, uploadRoute.params, again, { intent: "publish" });
    expect(publish.location).toBe(`/fi/official/${pilot}/results?expired=1`);
    // Nor do the lists of Timo's pilot show anything of North Savo.
    const list = await get(requests.loader, `${base}/requests`, own, timo);
    expect(list.data!.pending).toEqual([]);
    const provs = await get(providers.loader, `${base}/providers`, own, timo);
    expect(provs.data!.providers).toEqual([]);
    const stats = await get(statistics.loader, `${base}/statistics`, own, timo);
    expect(JSON.stringify(stats.data)).not.toContain("Työpolku");
  });

  it("an address that is not a pilot, or an id that is not a number, answers 403 or 404, never 500", async () => {
    const sari = as("sari");
    expect((await get(overview.loader as Fn, "/fi/official/no-such-pilot", { lang: "fi", pilot: "no-such-pilot" }, sari)).status).toBe(403);
    expect((await get(overview.loader as Fn, "/fi/official/%3Cx%3E", { lang: "fi", pilot: "<x>" }, sari)).status).toBe(403);
    for (const id of ["abc", "0", "-1", "99999", "1e3"]) {
      expect((await get(provider.loader as Fn, `/fi/official/${pilot}/providers/${id}`, { lang: "fi", pilot, id }, sari)).status, id).toBe(404);
      expect((await get(request.loader as Fn, `/fi/official/${pilot}/requests/${id}`, { lang: "fi", pilot, id }, sari)).status, id).toBe(404);
    }
    expect((await get(preview.loader as Fn, `/fi/official/${pilot}/results/nope`, { lang: "fi", pilot, upload: "nope" }, sari)).status).toBe(404);
  });

  it("a form without its CSRF token is refused (403) and changes nothing", async () => {
    const sari = as("sari");
    const answer = await post(provider.action, `/fi/official/${pilot}/providers/1`, { lang: "fi", pilot, id: "1" }, { ...sari, csrf: "wrong" }, {
      intent: "suspend",
      reason: "Testi",
    });
    expect(answer.status).toBe(403);
    const page = await get(provider.loader, `/fi/official/${pilot}/providers/1`, { lang: "fi", pilot, id: "1" }, sari);
    expect((page.data!.provider as { state: string }).state).toBe("active");
  });
});
