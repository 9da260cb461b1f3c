import type { LoaderFunctionArgs } from "@remix-run/node";
import { namesItsMunicipalities, pilotStatus, type PilotDefinition } from "~/domain/pilot";
import { longestLock } from "~/domain/switching";
import { formatDate, locales, municipalityName, todayInFinland } from "~/format";
import type { Lang } from "~/i18n";
import { langParam } from "../platform/forms";
import { loadPilots, municipalitiesByCode } from "./pilots.store";

/** A pilot as a list of pilots shows it (the front page, the officials' first page): its name, status and dates in the reader's language. */
export function pilotSummary(p: PilotDefinition, lang: Lang, today: string) {
  return {
    slug: p.slug,
    name: p.name[lang],
    isExample: p.isExample,
    status: pilotStatus(p, today),
    startsOn: formatDate(p.startsOn, lang),
    endsOn: p.endsOn ? formatDate(p.endsOn, lang) : null,
  };
}

/** /{lang}: the pilots on show, running ones first, and where a pilot runs today for the first screen. */
export function homeLoader({ params }: Pick<LoaderFunctionArgs, "params">, now = new Date()) {
  const lang = langParam(params);
  const today = todayInFinland(now);
  const pilots = loadPilots();
  // Pilots with a small area are listed by municipality; the national one by its reach.
  const codes = pilots.filter((p) => namesItsMunicipalities(p)).flatMap((p) => p.municipalities);
  const names = municipalitiesByCode(codes);
  const shown = pilots
    .map((p) => ({
      ...pilotSummary(p, lang, today),
      model: p.model,
      area: namesItsMunicipalities(p)
        ? p.municipalities
            .map((c) => names.get(c))
            .filter((m) => m !== undefined)
            .map((m) => municipalityName(m, lang) + (m.mergedInto ? "*" : ""))
        : null,
      municipalityCount: p.municipalities.length,
      hasMerged: p.municipalities.some((c) => names.get(c)?.mergedInto),
    }))
    // Running pilots first, then the newest.
    .sort((a, b) => Number(b.status === "running") - Number(a.status === "running") || (a.slug < b.slug ? -1 : 1));
  // The first screen names where a pilot runs today, from the data: its municipalities, or its reach.
  const list = new Intl.ListFormat(locales[lang], { type: "conjunction" });
  const running = shown
    .filter((p) => p.status === "running")
    .map((p) => ({ slug: p.slug, name: p.name, areas: p.area ? list.format(p.area.map((a) => a.replace(/\*$/, ""))) : null, count: p.municipalityCount }));
  return { lang, pilots: shown, running, lockMonths: longestLock(pilots, today) };
}
