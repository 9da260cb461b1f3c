// `npm run bench:lighthouse`: Lighthouse (mobile) on every public page (those anyone can open without
// signing in: the front page, the comparison, a provider's profile and its problem report, the
// eligibility check, about the figures, open data, accessibility, privacy, sign-in, foreign eID) in
// fi, sv and en against the production build, three runs each. Prints the four scores per run and
// their medians, what does not pass, and at the end the pages whose medians miss a target.
// Target: median performance ≥ 95; accessibility, best practices and SEO 100. Prints, never fails.
// Environment: RUNS (per page, default 3), PAGES (comma-separated paths, default all of the above),
// LANGS (default fi,sv,en; used with the default pages).
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild, median, startServer } from "./lib.mjs";

ensureBuild();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valinta-lh-"));
const server = await startServer({ databasePath: path.join(dir, "lh.db") });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const categories = ["performance", "accessibility", "best-practices", "seo"];
const runs = Number(process.env.RUNS ?? 3);
// Public pages, the same path behind each language prefix (docs/decisions/001); the profile and
// the report of a provider in the example data.
const PUBLIC_PATHS = ["", "/providers", "/providers/tyopolku", "/providers/tyopolku/report", "/eligibility", "/about-the-figures", "/open-data", "/accessibility", "/privacy", "/sign-in", "/foreign-eid"];
const langs = (process.env.LANGS ?? "fi,sv,en").split(",");
const pages = process.env.PAGES ? process.env.PAGES.split(",") : PUBLIC_PATHS.flatMap((p) => langs.map((l) => `/${l}${p}`));
const targets = { performance: 95, accessibility: 100, "best-practices": 100, seo: 100 };
const missed = [];
try {
  for (const page of pages) {
    const scores = Object.fromEntries(categories.map((c) => [c, []]));
    // A page that asks not to be indexed (sign-in, the problem report: forms, not content) fails
    // Lighthouse's "is crawlable" by design; that audit is left out of its SEO score, and said so.
    const noindex = /<meta name="robots" content="noindex"/.test(await (await fetch(`${server.url}${page}`)).text());
    if (noindex) console.log(`${page}: noindex by design; SEO without the is-crawlable audit`);
    for (let i = 0; i < runs; i++) {
      let result;
      // Lighthouse sometimes fails to record a trace on a busy machine (NO_NAVSTART): run it again.
      for (let attempt = 0; attempt < 3 && (!result || result.lhr.runtimeError); attempt++) {
        result = await lighthouse(`${server.url}${page}`, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: categories, skipAudits: noindex ? ["is-crawlable"] : [] });
      }
      const line = categories.map((c) => {
        const score = Math.round((result.lhr.categories[c].score ?? 0) * 100);
        scores[c].push(score);
        return `${c} ${score}`;
      });
      console.log(`${page} run ${i + 1}: ${line.join(", ")}`);
      if (result.lhr.runtimeError) console.log(`  error: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
      const failing = Object.values(result.lhr.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary");
      if (failing.length) console.log(`  not passing: ${failing.map((a) => a.id).join(", ")}`);
      if (result.lhr.categories.performance.score < targets.performance / 100) {
        const metrics = result.lhr.categories.performance.auditRefs.filter((r) => r.weight > 0).map((r) => result.lhr.audits[r.id]);
        console.log(`  performance: ${metrics.map((a) => `${a.id} ${a.displayValue} (${Math.round(a.score * 100)})`).join(", ")}`);
      }
    }
    const medians = Object.fromEntries(categories.map((c) => [c, median(scores[c])]));
    console.log(`${page} median: ${categories.map((c) => `${c} ${medians[c]}`).join(", ")}`);
    if (categories.some((c) => medians[c] < targets[c])) missed.push(`${page} (${categories.map((c) => medians[c]).join("/")})`);
  }
  console.log(
    `\n${pages.length} pages, ${runs} run(s) each: ${missed.length === 0 ? "every median meets the targets (performance ≥ 95, the others 100)" : `targets missed on ${missed.join(", ")}`}`,
  );
} finally {
  await chrome.kill();
  await server.stop();
}
