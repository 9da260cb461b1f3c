import type { Resource } from "i18next";
import { createI18n, languages, registerI18n, type Lang } from "~/i18n";

// Every namespace of every language is bundled into the server build at build time.
const files = import.meta.glob<{ default: Record<string, unknown> }>("../../../locales/*/*.json", {
  eager: true,
});

export const resources: Resource = {};
for (const [file, mod] of Object.entries(files)) {
  const match = /locales\/(\w+)\/([\w-]+)\.json$/.exec(file);
  if (!match) continue;
  const [, lang, ns] = match;
  (resources[lang] ??= {})[ns] = mod.default;
}

for (const lang of languages) registerI18n(lang, createI18n(lang, resources));

export { getI18n, tFor } from "~/i18n";
export type { Lang };
