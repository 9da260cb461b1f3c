import type { MeanView, ShareView } from "~/view-models/providers";
import { compactOpeningHours, type OpeningHours } from "~/domain/providers";
import type { MeanFigure, ShareFigure } from "~/domain/statistics";
import type { Verdict } from "~/domain/verdict";
import { locales } from "~/format";
import type { Lang } from "~/i18n";

/**
 * Numbers, months, languages and opening hours in the reader's language. Done on the server only:
 * the page's data arrives formatted, so the browser's Intl can never render it differently.
 * Formatters are made once per language (making one costs more than using it).
 */

const cache = new Map<string, unknown>();
function once<T>(key: string, make: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (value === undefined) cache.set(key, (value = make()));
  return value;
}

/**
 * The date in Finland (YYYY-MM-DD) of an instant. The same as todayInFinland in app/format.ts, with
 * the formatter made once: making one costs more than a whole page's other work.
 */
export function dateInFinland(now: Date = new Date()): string {
  // Finland's offsets are whole hours, so the date changes only between minutes: it is worked out
  // once a minute (formatting a date in a time zone costs about 15 µs, on every provider page).
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastDate = once("fi-date", () => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki" })).format(now);
    lastMinute = minute;
  }
  return lastDate;
}
let lastMinute = Number.NaN;
let lastDate = "";

/** formatDate of app/format.ts ("1.11.2026", "1 November 2026"), with its formatter made once per language. */
export function dateText(iso: string, lang: Lang): string {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return once(`date:${lang}`, () =>
    new Intl.DateTimeFormat(locales[lang], { day: "numeric", month: lang === "en" ? "long" : "numeric", year: "numeric", timeZone: "UTC" }),
  ).format(new Date(Date.UTC(y, m - 1, d)));
}

export function percent(lang: Lang, share: number): string {
  return once(`pct:${lang}`, () => new Intl.NumberFormat(locales[lang], { style: "percent", maximumFractionDigits: 0 })).format(share);
}

export function decimal(lang: Lang, value: number): string {
  return once(`dec:${lang}`, () => new Intl.NumberFormat(locales[lang], { minimumFractionDigits: 1, maximumFractionDigits: 1 })).format(value);
}

/** "2026-05" → "toukokuu 2026", "maj 2026", "May 2026" */
export function monthName(lang: Lang, month: string): string {
  const [y, m] = month.split("-").map(Number);
  return once(`month:${lang}`, () => new Intl.DateTimeFormat(locales[lang], { month: "long", year: "numeric", timeZone: "UTC" })).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
}

/** "2026-05" → "5/2026" (chart axes and table rows, the same in every language) */
export function monthShort(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return `${m}/${y}`;
}

export function list(lang: Lang, items: string[]): string {
  return once(`list:${lang}`, () => new Intl.ListFormat(locales[lang], { type: "conjunction" })).format(items);
}

function weekdayName(lang: Lang, day: number): string {
  // 2024-01-01 was a Monday: day 1 → Monday … 7 → Sunday.
  return once(`wd:${lang}`, () => new Intl.DateTimeFormat(locales[lang], { weekday: "short", timeZone: "UTC" })).format(
    new Date(Date.UTC(2024, 0, day)),
  );
}

function clock(lang: Lang, hhmm: string): string {
  const [h, m] = hhmm.split(":");
  const hour = String(Number(h));
  return lang === "en" ? `${hour}:${m}` : `${hour}.${m}`;
}

/** ["ma–to 8.30–16.00", "pe 8.30–14.00"] */
export function openingHoursLines(lang: Lang, hours: OpeningHours): string[] {
  return compactOpeningHours(hours).map((h) => {
    const days = h.from === h.to ? weekdayName(lang, h.from) : `${weekdayName(lang, h.from)}–${weekdayName(lang, h.to)}`;
    return `${days} ${clock(lang, h.opens)}–${clock(lang, h.closes)}`;
  });
}

/** `words`: the figure's sentence (app/.server/providers/figure-sentence.ts) and its verdict against the public service. */
export function shareView(lang: Lang, figure: ShareFigure | undefined, words?: { sentence: string; verdict?: Verdict | null }): ShareView {
  if (!figure) return { kind: "none", ...(words && { sentence: words.sentence }) };
  if (figure.kind === "too-few") return { kind: "too-few", n: figure.n, ...words };
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    kind: "shown",
    percent: percent(lang, figure.estimate),
    low: percent(lang, figure.lower),
    high: percent(lang, figure.upper),
    n: figure.n,
    estimate: round(figure.estimate),
    lower: round(figure.lower),
    upper: round(figure.upper),
    ...words,
  };
}

export function meanView(lang: Lang, figure: MeanFigure | undefined, sentence?: string): MeanView {
  const words = sentence === undefined ? {} : { sentence };
  if (!figure) return { kind: "none", ...words };
  if (figure.kind === "too-few") return { kind: "too-few", responses: figure.responses, ...words };
  return { kind: "shown", mean: decimal(lang, figure.mean), value: Math.round(figure.mean * 100) / 100, responses: figure.responses, ...words };
}
