// `npm run bench:lighthouse`: Lighthouse (mobile) on the front page in each language against the
// production build, three runs each. Prints the four scores per run and their medians.
// Target: median performance ≥ 95; accessibility, best practices and SEO 100. Prints, never fails.
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
const pages = (process.env.PAGES ?? "/fi,/sv,/en").split(",");
try {
  for (const page of pages) {
    const scores = Object.fromEntries(categories.map((c) => [c, []]));
    for (let i = 0; i < runs; i++) {
      const result = await lighthouse(`${server.url}${page}`, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: categories });
      const line = categories.map((c) => {
        const score = Math.round((result.lhr.categories[c].score ?? 0) * 100);
        scores[c].push(score);
        return `${c} ${score}`;
      });
      console.log(`${page} run ${i + 1}: ${line.join(", ")}`);
      if (i === 0) {
        const failing = Object.values(result.lhr.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary");
        if (failing.length) console.log(`  not passing: ${failing.map((a) => a.id).join(", ")}`);
      }
    }
    console.log(`${page} median: ${categories.map((c) => `${c} ${median(scores[c])}`).join(", ")}`);
  }
} finally {
  await chrome.kill();
  await server.stop();
}
