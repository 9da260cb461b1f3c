import { locales } from "~/format";
import type { Lang } from "~/i18n";

/** "sv" → "ruotsi" / "svenska" / "Swedish": a language's name in the page's language. */
export function languageName(code: string, lang: Lang): string {
  try {
    const name = new Intl.DisplayNames([locales[lang]], { type: "language" }).of(code) ?? code;
    return lang === "en" ? name : name.charAt(0).toLocaleLowerCase(locales[lang]) + name.slice(1);
  } catch {
    return code;
  }
}

/** The same name with a capital first letter, for a label of its own ("Ruotsi"). */
export function languageLabel(code: string, lang: Lang): string {
  const name = languageName(code, lang);
  return name.charAt(0).toLocaleUpperCase(locales[lang]) + name.slice(1);
}
