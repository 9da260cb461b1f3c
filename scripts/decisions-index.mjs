// `npm run docs:decisions`: writes docs/decisions/README.md, the index of decision records with
// their status, from the records themselves (their title line and "- Status:" line). A unit test
// (tests/unit/decisions-index.test.ts) fails when the index is not the one this script writes.
import fs from "node:fs";
import path from "node:path";
import url from "node:url";

const dir = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), "../docs/decisions");

export function decisionsIndex(folder = dir) {
  const rows = fs
    .readdirSync(folder)
    .filter((f) => /^\d{3}-.+\.md$/.test(f) && !f.startsWith("000-"))
    .sort()
    .map((f) => {
      const text = fs.readFileSync(path.join(folder, f), "utf8");
      const title = (/^#\s+(.+)$/m.exec(text)?.[1] ?? f).replace(/^\d{3}:?\s*/, "").trim();
      const status = (/^- Status:\s*(.+)$/m.exec(text)?.[1] ?? "not stated").trim();
      return `| [${f.slice(0, 3)}](${f}) | ${title.replace(/\|/g, "\\|")} | ${status.replace(/\|/g, "\\|")} |`;
    });
  return [
    "# Decision records",
    "",
    "Why things are as they are. Each record says its context, the decision and its consequences;",
    "a superseded record stays and names what replaced it. New records start from",
    "[000-template.md](000-template.md). This index is written by `npm run docs:decisions`; a unit test",
    "fails when it is out of date.",
    "",
    "| record | decision | status |",
    "|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === url.fileURLToPath(import.meta.url)) {
  fs.writeFileSync(path.join(dir, "README.md"), decisionsIndex());
  console.log("docs/decisions/README.md written");
}
