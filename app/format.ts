import type { Lang } from "~/i18n";

export const locales: Record<Lang, string> = { fi: "fi-FI", sv: "sv-FI", en: "en-GB" };

// Creating an Intl formatter costs far more than formatting with one: each is made once and reused.
const dateFormats = new Map<Lang, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<Lang, Intl.DateTimeFormat>();
const finnishDay = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki" });

/** 2026-01-01 → "1.1.2026" (fi), "1.1.2026" (sv), "1 January 2026" (en). */
export function formatDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  let format = dateFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(locales[lang], {
      day: "numeric",
      month: lang === "en" ? "long" : "numeric",
      year: "numeric",
      timeZone: "UTC",
    });
    dateFormats.set(lang, format);
  }
  return format.format(date);
}

export function formatDateTime(iso: string, lang: Lang): string {
  let format = dateTimeFormats.get(lang);
  if (!format) {
    // The date written as formatDate writes it ("4.12.2026" in Swedish too, not "4 dec. 2026"), then the time.
    format = new Intl.DateTimeFormat(locales[lang], {
      day: "numeric",
      month: lang === "en" ? "long" : "numeric",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone: "Europe/Helsinki",
    });
    dateTimeFormats.set(lang, format);
  }
  return format.format(new Date(iso));
}

/** Today's date in Finland, as YYYY-MM-DD. */
export function todayInFinland(now: Date = new Date()): string {
  return finnishDay.format(now);
}

/**
 * A municipality's name in a page's language. Swedish pages use the Swedish name. English has no
 * names of its own: it uses the name in the municipality's majority language, as English texts
 * do (Pedersöre, Jakobstad, Mariehamn; Helsinki, Porvoo), never a Finnish form such as
 * "Pedersören kunta" for a Swedish-speaking municipality. Without `languages`, the Finnish name.
 */
export function municipalityName(m: { nameFi: string; nameSv: string; languages?: string }, lang: Lang) {
  if (lang === "sv") return m.nameSv;
  if (lang === "en" && m.languages?.startsWith("sv")) return m.nameSv;
  return m.nameFi;
}

/**
 * A stored phone number (international form, +358401234567) grouped for reading: "+358 40 123 4567".
 * Finnish numbers get their prefix (a mobile or service prefix of two digits, an area code of one
 * or two) and the rest in two groups; other countries' numbers are shown as stored. Display only:
 * what is stored and what a `tel:` link dials stay the stored form.
 */
export function formatPhone(phone: string): string {
  const m = /^\+358(\d+)$/.exec(phone);
  if (!m) return phone;
  const national = m[1];
  const prefixLength = /^(4\d|50|1\d|7\d|20|29|30|60|70|80)/.test(national) ? 2 : 1;
  const prefix = national.slice(0, prefixLength);
  const rest = national.slice(prefixLength);
  if (rest.length <= 5) return `+358 ${prefix} ${rest}`;
  const split = rest.length - 4;
  return `+358 ${prefix} ${rest.slice(0, split)} ${rest.slice(split)}`;
}

const languageNames = new Map<string, string>();

/**
 * "sv" → "ruotsi" / "svenska" / "Swedish": a language's name in the page's language, in lower case
 * where the language writes it so (inside a sentence or a list). Looked up once per language and
 * code: Intl.DisplayNames is slow enough to show in a page's profile. An unknown code stays a code.
 */
export function languageName(code: string, lang: Lang): string {
  const key = `${lang}:${code}`;
  let name = languageNames.get(key);
  if (name === undefined) {
    try {
      const found = new Intl.DisplayNames([locales[lang]], { type: "language" }).of(code) ?? code;
      name = lang === "en" ? found : found.charAt(0).toLocaleLowerCase(locales[lang]) + found.slice(1);
    } catch {
      name = code;
    }
    if (languageNames.size < 1_000) languageNames.set(key, name);
  }
  return name;
}

/** The same name with a capital first letter, for a label of its own ("Ruotsi"). */
export function languageLabel(code: string, lang: Lang): string {
  const name = languageName(code, lang);
  return name.charAt(0).toLocaleUpperCase(locales[lang]) + name.slice(1);
}
