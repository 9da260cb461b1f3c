import type { PilotDefinition } from "~/domain/pilot";
import type { ShareMeasure } from "~/domain/results";
import type { Verdict } from "~/domain/verdict";
import { tFor, type Lang } from "~/i18n";
import { getDb, type Db } from "../platform/db";
import { shareWithSentence } from "../providers/pages";
import { monthName } from "../providers/format";
import { pilotFigures, publicKey } from "../providers/results.store";

/**
 * "The comparison's figures at hand" on the pick step: for each provider of the pilot and for the
 * public service, the figures the comparison leads with (employment within 6 months, then contact
 * within 5 working days), from the same published figures as the comparison (pilotFigures) and
 * worded by the same sentence (app/.server/providers/figure-sentence.ts), with the verdict against the public service.
 */
export const pickMeasures = ["employed_open_6m", "contacted_within_5_days"] as const satisfies readonly ShareMeasure[];

export type PickFigure = { measure: (typeof pickMeasures)[number]; label: string; sentence: string; verdict: Verdict | null };

export function pickFigures(pilot: PilotDefinition, providerIds: number[], _today: string, lang: Lang, db: Db = getDb()) {
  const figures = pilotFigures(pilot.slug, pilot.smallNumberThreshold, db);
  const t = tFor(lang);
  const of = (key: number): PickFigure[] =>
    pickMeasures.map((measure) => {
      const view = shareWithSentence(lang, figures, key, measure);
      return {
        measure,
        label: t(`providers:measures.${measure}.label`),
        sentence: view.sentence ?? "",
        verdict: "verdict" in view ? (view.verdict ?? null) : null,
      };
    });
  const providers = new Map<number, PickFigure[]>(providerIds.map((id) => [id, figures ? of(id) : []]));
  const publicService = figures ? of(publicKey) : [];
  return { providers, publicService, period: figures ? { latest: monthName(lang, figures.latestMonth) } : null };
}

/**
 * The lead figure (employment within 6 months) of the provider a person has chosen, for My page:
 * the same label and sentence as on the comparison, or null without a provider or published figures.
 */
export function chosenProviderFigure(pilot: PilotDefinition, providerId: number, lang: Lang, db: Db = getDb()): PickFigure | null {
  return pickFigures(pilot, [providerId], "", lang, db).providers.get(providerId)?.[0] ?? null;
}
