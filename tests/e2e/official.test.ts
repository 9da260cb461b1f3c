import axeCore from "axe-core";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { BrowserContext, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { people } from "../../db/schema";
import { toUser } from "~/.server/auth/auth";
import { confirmChoice, getDraft, requestWeightyReason, saveAnswers, saveContact, savePick } from "~/.server/choice/choices.store";
import { openDatabase, setDb } from "~/.server/platform/db";
import { signIn, type CookieJar } from "../support/sign-in";
import { axe, baseURL, checkStates, closeBrowser, hydrated, langs, pageBasics, visit, watchConsole, widths, type Reach, localeText, type TextValues, contextWithSession } from "../e2e/browser";

/**
 * The officials' back office in a real browser: every page in fi, sv and en, at 360 and 1280 px,
 * with and without JavaScript, axe clean; and the journeys of an official, bad input before good,
 * without JavaScript where a form is involved.
 *
 * What this file changes in the shared test database stays out of other files' way: rules,
 * results and a provider of the Mikkeli pilot (it has ended and has no providers serving), and one
 * generated person's choice of Taitoverkko in North Savo.
 */

afterAll(closeBrowser);

type Lang = (typeof langs)[number];
const o = (lang: Lang, key: string, values?: TextValues) => localeText(lang, "official", key, values);

const north = "north-savo-choice";
const mikkeli = "mikkeli-region-municipal";
const fixture = (name: string) => path.resolve("tests/fixtures/csv", name);

async function contextFor(jar: CookieJar, opts: { js?: boolean; width?: number; noScripts?: boolean } = {}): Promise<BrowserContext> {
  return contextWithSession(jar, opts);
}

/** Submits the form of `button` and gives the status of the document it lands on (after a redirect, the last). */
async function submit(page: Page, button: ReturnType<Page["getByRole"]>): Promise<number | undefined> {
  let status: number | undefined;
  const listener = (r: Response) => {
    if (r.request().isNavigationRequest() && r.frame() === page.mainFrame() && (r.status() < 300 || r.status() >= 400)) status = r.status();
  };
  page.on("response", listener);
  await Promise.all([page.waitForEvent("load"), button.click()]);
  page.off("response", listener);
  return status;
}

/** checkStates for a signed-in official. */
async function checkSignedIn(jar: CookieJar, where: string, reach: Reach, status = 200): Promise<string[]> {
  const context = await contextFor(jar, { width: 360 });
  try {
    return await checkStates(context, where, reach, status);
  } finally {
    await context.close();
  }
}

/** A generated person in Siilinjärvi who chose Taitoverkko and asked to change early: the request the official decides. */
async function arrangeRequest(): Promise<{ jar: CookieJar; name: string }> {
  const n = 12 * 800 + 1;
  const jar = await signIn(baseURL(), { generated: n });
  const db = openDatabase(path.join(path.dirname(inject("logFile")), "e2e.db"));
  setDb(db);
  try {
    const person = db.select().from(people).where(eq(people.familyName, `Henkilö ${n}`)).get()!;
    const user = toUser(person);
    saveAnswers(user, { registered: true, integration_act: false, typ: false });
    savePick(user, { pilotSlug: north, kind: "provider", providerId: 5, providerSlug: "taitoverkko" });
    saveContact(user, { channel: "email", phone: null, email: "testi@example.fi", language: "fi" });
    const done = confirmChoice(user, getDraft(user)!.idempotencyKey);
    if (!done.ok) throw new Error("the choice was not recorded");
    if (!requestWeightyReason(user, "Muutin Kuopioon.\nToimisto on nyt liian kaukana.").ok) throw new Error("no request");
    return { jar, name: `${person.givenName} ${person.familyName}` };
  } finally {
    setDb(undefined);
    db.$client.close();
  }
}

let sari: CookieJar;
let timo: CookieJar;
let requester: { jar: CookieJar; name: string };
let uploadPath: string;

beforeAll(async () => {
  sari = await signIn(baseURL(), "sari");
  timo = await signIn(baseURL(), "timo");
  requester = await arrangeRequest();
  // A checked file waiting in Sari's session, for the preview page.
  const form = new FormData();
  const page = await sari.fetch(`${baseURL()}/fi/official/${north}/results`);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1];
  form.set("csrf", csrf);
  form.set("file", new File([fs.readFileSync(fixture("valid.csv"))], "valid.csv", { type: "text/csv" }));
  const res = await sari.fetch(`${baseURL()}/fi/official/${north}/results`, { method: "POST", body: form, headers: { origin: baseURL() } });
  expect(res.status).toBe(303);
  uploadPath = new URL(res.headers.get("location")!, baseURL()).pathname.replace(/^\/fi/, "");
  // Taitoverkko, kept by North Savo, also served the Mikkeli pilot (in the past, so that nothing
  // else changes): Mikkeli's page shows North Savo's details read-only (decision 065).
  const joinPage = await timo.fetch(`${baseURL()}/fi/official/${mikkeli}/providers/join?businessId=6789015-9`);
  const joinCsrf = /name="csrf" value="([^"]+)"/.exec(await joinPage.text())![1];
  const joined = await timo.fetch(`${baseURL()}/fi/official/${mikkeli}/providers/join`, {
    method: "POST",
    body: new URLSearchParams({ csrf: joinCsrf, businessId: "6789015-9", startsOn: "1.3.2021", endsOn: "31.12.2024" }),
    headers: { origin: baseURL(), "content-type": "application/x-www-form-urlencoded" },
  });
  expect(joined.status).toBe(303);
}, 60_000);

describe("every back-office page passes axe and the page basics everywhere", () => {
  it.each([
    ["the official's pilots", "/official"],
    ["a pilot's overview", `/official/${north}`],
    ["the rules' history", `/official/${north}/rules/history`],
    ["the providers", `/official/${north}/providers`],
    ["a provider (also in another pilot)", `/official/${north}/providers/5`],
    ["a provider another pilot keeps", `/official/${mikkeli}/providers/5`],
    ["joining a registered provider", `/official/${mikkeli}/providers/join?businessId=2345671-3`],
    ["the requests", `/official/${north}/requests`],
    ["the statistics", `/official/${north}/statistics`],
    ["the audit trail", `/official/${north}/audit`],
  ])("%s", async (_name, p) => {
    expect(await checkSignedIn(p.includes(mikkeli) ? timo : sari, p, visit(p))).toEqual([]);
  }, 120_000);

  it("the results pages' landmarks each have a name of their own (axe landmark-unique, a best-practice rule outside the WCAG tags)", async () => {
    const context = await contextFor(sari, { width: 1280 });
    const page = await context.newPage();
    const problems: string[] = [];
    for (const p of [`/fi/official/${north}/results`, `/fi${uploadPath}`]) {
      await page.goto(p);
      if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeCore.source);
      const found = await page.evaluate(async () => {
        const run = (window as unknown as { axe: typeof axeCore }).axe.run;
        const result = await run(document, { runOnly: { type: "rule", values: ["landmark-unique"] }, resultTypes: ["violations"] });
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      });
      problems.push(...found.map((f) => `${p}: ${f}`));
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  it("a provider another pilot keeps: its shared details are text, with who keeps them, and no form (decision 065)", async () => {
    const html = await (await timo.fetch(`${baseURL()}/fi/official/${mikkeli}/providers/5`)).text();
    expect(html).toContain(o("fi", "provider.shared.keptBy", { pilot: "Pohjois-Savon valinnanvapauskokeilu (esimerkki)" }));
    expect(html).not.toContain('value="details"');
    const own = await (await sari.fetch(`${baseURL()}/fi/official/${north}/providers/5`)).text();
    expect(own).toContain('value="details"');
    expect(own).toContain(o("fi", "provider.shared.ownLead_one", { pilots: "Mikkelin seudun työllisyyden kuntakokeilu" }));
  });

  it("a request to decide (Sari's pilot)", async () => {
    const list = await (await sari.fetch(`${baseURL()}/fi/official/${north}/requests`)).text();
    const id = new RegExp(`/fi/official/${north}/requests/(\\d+)">${requester.name}<`).exec(list)![1];
    expect(await checkSignedIn(sari, `/official/${north}/requests/${id}`, visit(`/official/${north}/requests/${id}`))).toEqual([]);
  }, 120_000);

  it("the rules, with the preview of a change (the form's errors are checked in the journey below)", async () => {
    const p = `/official/${north}/rules`;
    const preview = async (page: Page, lang: Lang, scripts: boolean) => {
      await page.goto(`/${lang}${p}`);
      // A click before hydration has finished would race React; a person cannot be that fast.
      if (scripts) await hydrated(page);
      await page.locator("#field-exclusions-foreign-language").selectOption("true");
      return submit(page, page.getByRole("button", { name: o(lang, "rules.previewButton") }));
    };
    expect(await checkSignedIn(sari, `${p} (preview)`, preview)).toEqual([]);
  }, 120_000);

  it("adding a provider, with errors", async () => {
    const p = `/official/${north}/providers/new`;
    const withError = async (page: Page, lang: Lang, scripts: boolean) => {
      await page.goto(`/${lang}${p}`);
      // A click before hydration has finished would race React; a person cannot be that fast.
      if (scripts) await hydrated(page);
      await page.locator("#field-businessId").fill("1234567-8");
      return submit(page, page.getByRole("button", { name: o(lang, "addProvider.submit") }));
    };
    expect(await checkSignedIn(sari, `${p} (errors)`, withError, 400)).toEqual([]);
  }, 120_000);

  it("the results: a refused file's report, and a checked file's preview", async () => {
    const p = `/official/${north}/results`;
    const refused = async (page: Page, lang: Lang, scripts: boolean) => {
      await page.goto(`/${lang}${p}`);
      // A click before hydration has finished would race React; a person cannot be that fast.
      if (scripts) await hydrated(page);
      await page.locator("#field-file").setInputFiles(fixture("more-employed-than-started.csv"));
      return submit(page, page.getByRole("button", { name: o(lang, "results.upload.submit") }));
    };
    expect([...(await checkSignedIn(sari, `${p} (report)`, refused, 400)), ...(await checkSignedIn(sari, uploadPath, visit(uploadPath)))]).toEqual([]);
  }, 180_000);
});

describe("an official's journeys", () => {
  it("without JavaScript, in Swedish: a rule change is refused, corrected, previewed, saved, and kept in the history", async () => {
    // Scripts blocked rather than JavaScript off: the page is what a browser without JavaScript gets, and axe can still run.
    const context = await contextFor(timo, { js: true, noScripts: true });
    const page = await context.newPage();
    await page.goto("/sv/official");
    await page.getByRole("link", { name: /S:t Michelsregionens kommunförsök/ }).click();
    await page.getByRole("navigation", { name: o("sv", "frame.sections") }).getByRole("link", { name: o("sv", "frame.section.rules") }).click();
    expect(await page.locator("h1").innerText()).toBe(o("sv", "rules.heading"));

    await page.getByLabel(o("sv", "rules.fields.threshold")).fill("0");
    expect(await submit(page, page.getByRole("button", { name: o("sv", "rules.previewButton") }))).toBe(400);
    expect(await page.title()).toMatch(new RegExp(`^${localeText("sv", "common", "errorPrefix")} `));
    const summary = page.locator(".error-summary");
    expect(await summary.innerText()).toContain(o("sv", "rules.errors.thresholdInvalid"));
    await summary.getByRole("link", { name: o("sv", "rules.errors.thresholdInvalid") }).click();
    expect(await page.evaluate(() => location.hash)).toBe("#field-smallNumberThreshold");
    expect(await page.getByLabel(o("sv", "rules.fields.threshold")).inputValue()).toBe("0");
    // The rules form in its error state, at both widths.
    for (const width of widths) {
      await page.setViewportSize({ width, height: 800 });
      expect([...(await pageBasics(page, "sv")), ...(await axe(page))]).toEqual([]);
    }

    await page.getByLabel(o("sv", "rules.fields.threshold")).fill("6");
    expect(await submit(page, page.getByRole("button", { name: o("sv", "rules.previewButton") }))).toBe(200);
    const preview = page.locator(".official-preview");
    expect(await preview.getByRole("heading", { level: 2 }).innerText()).toBe(o("sv", "rules.preview.heading"));
    expect(await preview.innerText()).toContain(o("sv", "changes.threshold", { from: 5, to: 6 }));
    expect(await preview.getByRole("row").count()).toBe(9);

    expect(await submit(page, page.getByRole("button", { name: o("sv", "rules.save") }))).toBe(200);
    expect(await page.getByRole("status").innerText()).toBe(o("sv", "rules.notice.saved"));
    await page.getByRole("link", { name: o("sv", "rules.historyLink") }).click();
    const newest = page.locator(".history-list > li").first();
    expect(await newest.innerText()).toContain(o("sv", "changes.threshold", { from: 5, to: 6 }));
    expect(await newest.innerText()).toContain(o("sv", "history.savedBy", { who: o("sv", "actors.you") }));
    await context.close();
  }, 120_000);

  it("with JavaScript, in English: a bad file is reported row by row, a good one previewed and published to the open data", async () => {
    const context = await contextFor(timo, { js: true });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await page.goto(`/en/official/${mikkeli}/results`);
    await hydrated(page);
    await page.getByLabel(o("en", "results.upload.file")).setInputFiles(fixture("semicolons.csv"));
    expect(await submit(page, page.getByRole("button", { name: o("en", "results.upload.submit") }))).toBe(400);
    const report = page.locator(".problem-report");
    expect(await report.getByRole("heading").innerText()).toBe(o("en", "results.report.heading"));
    expect(await report.getByRole("row").nth(1).innerText()).toMatch(new RegExp(`^1\\s+–\\s+${o("en", "results.problems.delimiter", { value: ";" }).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
    expect(await report.innerText()).toContain(o("en", "results.report.nothing"));

    const month = "2024-06";
    const body = [
      "month,pilot,provider_business_id,provider_name,started,employed_open_3m,employed_open_6m,in_education,in_subsidised_work,contacted_within_5_days,satisfaction_responses,satisfaction_mean",
      `${month},${mikkeli},,Julkinen työvoimapalvelu,140,31,52,11,9,120,40,3.7`,
    ].join("\n");
    await page.getByLabel(o("en", "results.upload.file")).setInputFiles({ name: "mikkeli-2024-06.csv", mimeType: "text/csv", buffer: Buffer.from(body) });
    expect(await submit(page, page.getByRole("button", { name: o("en", "results.upload.submit") }))).toBe(200);
    expect(await page.locator("h1").innerText()).toBe(o("en", "preview.heading"));
    expect(await page.getByRole("status").innerText()).toBe(o("en", "preview.valid_one", { file: "mikkeli-2024-06.csv", count: 1 }));
    const before = await (await fetch(`${baseURL()}/api/v1/results.csv`)).text();
    expect(before).not.toContain(`${month},${mikkeli}`);

    expect(await submit(page, page.getByRole("button", { name: o("en", "preview.publish"), exact: true }))).toBe(200);
    expect(await page.getByRole("status").innerText()).toBe(o("en", "results.notice.published_one"));
    expect(await page.getByRole("row", { name: /June 2024/ }).innerText()).toContain(o("en", "results.months.notCorrected"));
    const after = await (await fetch(`${baseURL()}/api/v1/results.csv`)).text();
    // A file without the group column is the whole (group "all", decision 069); the publication date follows.
    expect(after).toMatch(new RegExp(`${month},${mikkeli},,Julkinen työvoimapalvelu,all,140,31,52,11,9,120,40,3.7,[^\\n]*\\d{4}-`));
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("without JavaScript, in Finnish: a provider is added after a wrong business ID", async () => {
    const context = await contextFor(timo, { js: false });
    const page = await context.newPage();
    await page.goto(`/fi/official/${mikkeli}/providers`);
    await page.getByRole("link", { name: o("fi", "providers.add") }).click();
    const field = (label: string) => page.getByLabel(label, { exact: true });
    await field(o("fi", "providers.fields.businessId")).fill("7654321-0");
    await field(o("fi", "providers.fields.name")).fill("Mikkelin Urapolku Oy");
    await page.getByLabel(localeText("fi", "providers", "services.job_search_coaching")).check();
    await field(o("fi", "providers.fields.firstMeeting")).fill("5");
    await field(o("fi", "providers.fields.coachMeetings")).fill("2");
    for (const l of ["Fi", "Sv", "En"]) {
      await field(o("fi", `addProvider.short${l}`)).fill(`Lyhyt ${l}`);
      await field(o("fi", `addProvider.long${l}`)).fill(`Pidempi kuvaus ${l}`);
    }
    await field(o("fi", "providers.fields.startsOn")).fill("1.3.2021");
    await field(o("fi", "providers.fields.endsOn")).fill("31.12.2024");
    expect(await submit(page, page.getByRole("button", { name: o("fi", "addProvider.submit") }))).toBe(400);
    expect(await page.locator(".error-summary").innerText()).toContain(o("fi", "providers.errors.businessId.check-digit"));
    expect(await field(o("fi", "providers.fields.name")).inputValue()).toBe("Mikkelin Urapolku Oy");

    await field(o("fi", "providers.fields.businessId")).fill("7654321-2");
    expect(await submit(page, page.getByRole("button", { name: o("fi", "addProvider.submit") }))).toBe(200);
    expect(await page.locator("h1").innerText()).toBe("Mikkelin Urapolku Oy");
    expect(await page.getByRole("status").innerText()).toBe(o("fi", "provider.notice.added"));
    expect(await page.locator("dl.summary").innerText()).toContain(o("fi", "providers.state.left"));
    await context.close();
  }, 60_000);

  it("without JavaScript: the official decides a weighty-reason request, and the person sees it on their page", async () => {
    const context = await contextFor(sari, { js: false });
    const page = await context.newPage();
    await page.goto(`/fi/official/${north}/requests`);
    await page.getByRole("link", { name: requester.name }).click();
    expect(await page.locator("blockquote").innerText()).toBe("Muutin Kuopioon.\nToimisto on nyt liian kaukana.");
    expect(await submit(page, page.getByRole("button", { name: o("fi", "request.submit") }))).toBe(400);
    expect(await page.locator(".error-summary").innerText()).toContain(o("fi", "requests.errors.decision"));
    await page.getByLabel(o("fi", "request.approve")).check();
    await page.getByLabel(o("fi", "request.note"), { exact: true }).fill("Muutto on painava syy. Voit valita uuden palveluntuottajan.");
    expect(await submit(page, page.getByRole("button", { name: o("fi", "request.submit") }))).toBe(200);
    expect(await page.getByRole("status").innerText()).toBe(o("fi", "requests.notice.approved"));
    await context.close();

    const own = await contextFor(requester.jar, { js: false });
    const mine = await own.newPage();
    await mine.goto("/fi/my");
    expect(await mine.locator("main").innerText()).toContain("Muutto on painava syy. Voit valita uuden palveluntuottajan.");
    await own.close();
  }, 60_000);
});
