import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const langs = ["fi", "sv", "en"] as const;
const root = path.resolve("locales");

function flatten(obj: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === "object" ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function load(lang: string) {
  const keys = new Map<string, string>();
  for (const file of fs.readdirSync(path.join(root, lang)).filter((f) => f.endsWith(".json"))) {
    const ns = file.replace(/\.json$/, "");
    const json = JSON.parse(fs.readFileSync(path.join(root, lang, file), "utf8")) as Record<string, unknown>;
    for (const key of flatten(json)) {
      const value = key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], json);
      keys.set(`${ns}:${key}`, String(value));
    }
  }
  return keys;
}

const byLang = Object.fromEntries(langs.map((l) => [l, load(l)])) as Record<(typeof langs)[number], Map<string, string>>;

/** Every file under a folder, recursively. */
function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : /\.(tsx?|mts)$/.test(e.name) ? [full] : [];
  });
}

describe("translations", () => {
  it.each(langs)("%s has every key that any language has, and no empty text", (lang) => {
    const all = new Set(langs.flatMap((l) => [...byLang[l].keys()]));
    const missing = [...all].filter((k) => !byLang[lang].has(k));
    expect(missing).toEqual([]);
    const empty = [...byLang[lang]].filter(([, v]) => v.trim() === "").map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it("the placeholders of a text are the same in every language", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort().join(",");
    const mismatched = [...byLang.fi.keys()].filter((k) =>
      langs.some((l) => byLang[l].has(k) && placeholders(byLang[l].get(k)!) !== placeholders(byLang.fi.get(k)!)),
    );
    expect(mismatched).toEqual([]);
  });

  it("every literal key used in the code exists in Finnish", () => {
    const missing: string[] = [];
    for (const file of files(path.resolve("app"))) {
      const source = fs.readFileSync(file, "utf8");
      // A component whose namespace is a variable (ArticlePage) is checked through its pages.
      if (/useTranslation\(\s*[a-z]/.test(source)) continue;
      const ns = /useTranslation\(\s*"([\w-]+)"/.exec(source)?.[1] ?? "common";
      for (const m of source.matchAll(/\bt\(\s*"([\w.:-]+)"/g)) {
        const key = m[1].includes(":") ? m[1] : `${ns}:${m[1]}`;
        const exists = byLang.fi.has(key) || byLang.fi.has(`${key}_one`) || byLang.fi.has(`${key}_other`) || [...byLang.fi.keys()].some((k) => k.startsWith(`${key}.`));
        if (!exists) missing.push(`${path.relative(".", file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
