import type { MunicipalityInfo } from "~/domain/eligibility";
import type { Localized, PilotDefinition } from "~/domain/pilot";
import { municipalityName } from "~/format";
import type { Lang } from "~/i18n";
import { getDb, type Db } from "../platform/db";
import { logger } from "../platform/log";
import type { PublicService } from "./employment-areas.store";
import { allMunicipalities, loadPilotSet, type Municipality } from "./pilots.store";
import type { TextContext } from "./text";

/**
 * What an eligibility check reads besides the query: the rules of every pilot and the
 * municipalities, loaded once per check, and the context its texts are written in.
 */

export type CheckData = {
  pilots: PilotDefinition[];
  pilotsBySlug: Map<string, PilotDefinition>;
  municipalities: Map<string, Municipality>;
};

/** The rules and the municipalities, or null when the stored rules do not parse (logged, never half-used). */
export function loadCheckData(db: Db = getDb()): CheckData | null {
  const set = loadPilotSet(db);
  if (!set.ok) {
    logger.error({ problems: set.problems }, "eligibility: the pilot rules do not parse; the check is unavailable");
    return null;
  }
  return checkData(set.pilots, db);
}

/** The check's data for pilots already loaded (and parsed): the municipalities are added. */
export function checkData(pilots: PilotDefinition[], db: Db = getDb()): CheckData {
  return {
    pilots,
    pilotsBySlug: new Map(pilots.map((p) => [p.slug, p])),
    municipalities: new Map(allMunicipalities(db).map((m) => [m.code, m])),
  };
}

export function municipalityInfo(m: Municipality): MunicipalityInfo {
  return { code: m.code, mergedInto: m.mergedInto, mergedOn: m.mergedOn };
}

/** A municipality's name in a language; its code when it is not known. */
export function nameOf(data: CheckData, code: string, lang: Lang) {
  const m = data.municipalities.get(code);
  return m ? municipalityName(m, lang) : code;
}

/** What the texts of the reasons and next steps need to know (./text.ts). */
export function textContext(data: CheckData, municipality: Municipality, publicService: PublicService): TextContext {
  return {
    pilots: data.pilotsBySlug,
    municipality: municipality.code,
    municipalityName: (code, lang) => nameOf(data, code, lang),
    publicService,
  };
}

/** A text in every language. */
export function localized(fn: (lang: Lang) => string): Localized {
  return { fi: fn("fi"), sv: fn("sv"), en: fn("en") };
}
