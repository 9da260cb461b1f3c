import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The pages anyone can open load no zod in the browser (issue 17: 90 KB of script on a phone for
 * lists of words). Their components and routes take words and limits from zod-free modules
 * (app/domain/facts.ts, accountability-words.ts, choice-words.ts); the schemas stay on the server.
 * Followed through app/domain's own imports. The officials' and provider staff's back office may.
 */
const root = path.resolve(__dirname, "../..");
const valueImports = (file: string): string[] =>
  [...fs.readFileSync(file, "utf8").matchAll(/^import (?!type )[^;]*? from "([^"]+)";/gms)].map((m) => m[1]);

function domainFile(spec: string, from: string): string | null {
  const base = spec.startsWith("~/domain/") ? path.join(root, "app", spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base || !base.includes(`${path.sep}domain${path.sep}`)) return null;
  return [".ts", ".tsx"].map((e) => base + e).find((f) => fs.existsSync(f)) ?? null;
}

function zodPath(file: string, seen = new Set<string>()): string[] | null {
  if (seen.has(file)) return null;
  seen.add(file);
  for (const spec of valueImports(file)) {
    if (spec === "zod" || spec.startsWith("zod/")) return [file];
    const next = domainFile(spec, file);
    const found = next && zodPath(next, seen);
    if (found) return [file, ...found];
  }
  return null;
}

const walk = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));

const publicFiles = [
  ...walk(path.join(root, "app/components")).filter((f) => !/[/\\](official|staff)[/\\]/.test(f)),
  ...walk(path.join(root, "app/routes")).filter((f) => !/lang\.(official|provider-staff)/.test(path.basename(f))),
  path.join(root, "app/root.tsx"),
].filter((f) => /\.tsx?$/.test(f));

describe("the public pages' scripts", () => {
  it.each(publicFiles.map((f) => [path.relative(root, f)]))("%s reaches no zod through app/domain", (file) => {
    let chain: string[] | null = null;
    for (const spec of valueImports(path.join(root, file))) {
      const domain = domainFile(spec, path.join(root, file));
      chain ??= domain ? zodPath(domain) : null;
    }
    expect(chain?.map((f) => path.relative(root, f)) ?? null).toBeNull();
  });
});
