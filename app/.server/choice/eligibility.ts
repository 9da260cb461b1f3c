import type { Evaluation } from "~/domain/eligibility";
import type { PilotDefinition } from "~/domain/pilot";
import { municipalityName } from "~/format";
import type { Lang } from "~/i18n";
import { nextSteps, reasonText, type NextStep, type TextContext } from "../eligibility/text";
import { publicServiceFor, publicServiceView, type PublicService } from "../eligibility/employment-areas.store";
import { municipalitiesByCode } from "../eligibility/pilots.store";

/**
 * The eligibility check's answer for a signed-in person, in the words of the eligibility pages
 * (app/.server/eligibility/text.ts and locales/{lang}/eligibility.json): the same reasons and next
 * steps, so that the journey and the check never say different things.
 */
export type Explanation = {
  outcome: Evaluation["outcome"];
  reasons: string[];
  next: NextStep[];
  /** The public service that serves the person (named for their municipality), if known. */
  publicService: { name: string | null; web: string | null };
  /**
   * A pilot that serves the person itself, with no choice of provider (a municipal pilot, an
   * alliance): who serves them and where that service is reached (its own address, else the public
   * service's).
   */
  pilotService: { servedBy: string; web: string | null } | null;
};

export function explainEvaluation(evaluation: Evaluation, lang: Lang, municipality: string | null, all: readonly PilotDefinition[]): Explanation {
  const pilots = new Map(all.map((p) => [p.slug, p]));
  const codes = [
    municipality,
    ...evaluation.reasons.flatMap((r) => {
      if (r.code === "municipality_merged") return [r.into];
      // The pilots running elsewhere are named by their municipalities.
      if (r.code === "no_pilot" || r.code === "no_running_pilot") return [r.municipality, ...r.running.flatMap((slug) => pilots.get(slug)?.municipalities ?? [])];
      return [];
    }),
  ].filter((c): c is string => !!c);
  const names = municipalitiesByCode(codes);
  const publicService: PublicService = municipality
    ? publicServiceFor(evaluation.effectiveMunicipality ?? municipality)
    : { kind: "unknown", areaId: null, name: null, web: null, sure: false };
  const reasons = evaluation.reasons;
  const ctx: TextContext = {
    pilots,
    municipality: municipality ?? "",
    municipalityName: (code, l) => {
      const m = names.get(code);
      return m ? municipalityName(m, l) : code;
    },
    publicService,
  };
  return {
    outcome: evaluation.outcome,
    reasons: reasons.map((r) => reasonText(r, lang, ctx)),
    // On the journey the answers are corrected on the same page.
    next: nextSteps(reasons, lang, ctx, { editHref: `/${lang}/choose?edit=1` }).filter((s) => s.key !== "see_providers"),
    publicService: publicServiceView(publicService, lang),
    pilotService: pilotServiceOf(evaluation, pilots, lang, publicService.web),
  };
}

function pilotServiceOf(evaluation: Evaluation, pilots: Map<string, PilotDefinition>, lang: Lang, publicWeb: string | null): Explanation["pilotService"] {
  const pilot = evaluation.outcome === "municipal_pilot" && evaluation.pilot ? pilots.get(evaluation.pilot) : undefined;
  return pilot ? { servedBy: pilot.servedBy[lang], web: pilot.contact?.web ?? publicWeb } : null;
}
