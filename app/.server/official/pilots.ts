import crypto from "node:crypto";
import { asc, eq, inArray } from "drizzle-orm";
import { people, pilotHistory, pilots, roles } from "../../../db/schema";
import type { Reason } from "~/domain/eligibility";
import {
  canonical,
  definitionToForm,
  formToDefinition,
  pilotChanges,
  previewExamples,
  ruleLists,
  type PilotForm,
  type PilotFormErrors,
  type RuleList,
} from "~/domain/official-pilot";
import { checkPilotSet, pilotDefinitionSchema, type Condition, type PilotDefinition } from "~/domain/pilot";
import { formatDate, formatDateTime, municipalityName } from "~/format";
import { tFor, type Lang } from "~/i18n";
import { audit } from "../platform/audit.store";
import { getDb } from "../platform/db";
import { reasonText, type TextContext } from "../eligibility/text";
import { logger } from "../platform/log";
import type { OfficialScope } from "./scope";
import { changedCodes, changeText, conditionText } from "./text";
import { allMunicipalities, municipalitiesByCode, type Municipality } from "../eligibility/pilots.store";

/**
 * A pilot's rules in the back office (docs/decisions/051-pilot-rules-editing.md): the form, the
 * preview on example people, the save (with its history row and audit row in one transaction, and
 * only when the whole set of pilots still loads), and the history.
 */

export type MunicipalityGroup = { region: string; open: boolean; options: { code: string; name: string; note: string | null }[] };

/**
 * The area's municipalities as checkboxes, in the regions the area reaches (others are added by
 * name or code): a merged (historical) code shows only where the pilot names it.
 */
function municipalityGroups(selected: readonly string[], lang: Lang): MunicipalityGroup[] {
  const t = tFor(lang);
  const all = allMunicipalities();
  const byCode = new Map(all.map((m) => [m.code, m]));
  const collator = new Intl.Collator(lang === "sv" ? "sv-FI" : "fi-FI");
  const groups = new Map<string, MunicipalityGroup>();
  const regions = new Set(all.filter((m) => selected.includes(m.code)).map((m) => m.regionCode));
  const shown = all.filter((m) => regions.has(m.regionCode) && (!m.mergedInto || selected.includes(m.code)));
  shown.sort(
    (a, b) =>
      collator.compare(lang === "sv" ? a.regionSv : a.regionFi, lang === "sv" ? b.regionSv : b.regionFi) ||
      collator.compare(municipalityName(a, lang), municipalityName(b, lang)),
  );
  for (const m of shown) {
    const region = lang === "sv" ? m.regionSv : m.regionFi;
    let group = groups.get(region);
    if (!group) groups.set(region, (group = { region, open: false, options: [] }));
    group.open = true;
    const into = m.mergedInto ? byCode.get(m.mergedInto) : undefined;
    group.options.push({
      code: m.code,
      name: municipalityName(m, lang),
      note: m.mergedInto
        ? t("official:rules.area.merged", { into: into ? municipalityName(into, lang) : m.mergedInto, date: m.mergedOn ? formatDate(m.mergedOn, lang) : "" })
        : null,
    });
  }
  return [...groups.values()];
}

function keptView(kept: Record<RuleList, Condition[]>, lang: Lang) {
  return ruleLists.flatMap((list) => kept[list].map((c) => ({ list, text: conditionText(c, lang) })));
}

/** The current rules in words, list by list. */
export function rulesSummary(def: PilotDefinition, lang: Lang) {
  return ruleLists.map((list) => ({ list, conditions: def.eligibility[list].map((c) => conditionText(c, lang)) }));
}

export function rulesPage(scope: OfficialScope, form?: PilotForm) {
  const { form: currentForm, kept } = definitionToForm(scope.pilot);
  const values = form ?? currentForm;
  return {
    values,
    kept: keptView(kept, scope.lang),
    groups: municipalityGroups(values.municipalities, scope.lang),
    current: rulesSummary(scope.pilot, scope.lang),
    outcome: scope.pilot.eligibility.outcome,
  };
}

/** A fingerprint of a proposal: the save must be the very proposal that was previewed. */
export function proposalHash(def: PilotDefinition): string {
  return crypto.createHash("sha256").update(canonical(def)).digest("base64url").slice(0, 32);
}

function textContext(def: PilotDefinition): TextContext {
  return {
    pilots: new Map([[def.slug, def]]),
    municipality: def.municipalities[0] ?? "",
    municipalityName: (code) => code,
    publicService: { kind: "unknown", areaId: null, name: null, web: null, sure: false },
  };
}

function outcomeView(result: { outcome: string; reasons: Reason[] }, def: PilotDefinition, lang: Lang) {
  const ctx = textContext(def);
  return { outcome: result.outcome, reasons: result.reasons.map((r) => reasonText(r, lang, ctx)) };
}

export type Proposal =
  | { ok: false; errors: PilotFormErrors }
  | {
      ok: true;
      definition: PilotDefinition;
      /** The form as it now stands: the municipalities typed in are ticked in their region. */
      values: PilotForm;
      hash: string;
      changes: string[];
      examples: { key: string; current: ReturnType<typeof outcomeView>; proposed: ReturnType<typeof outcomeView>; changed: boolean }[];
    };

/** Checks a proposal and, when it is valid, what it would change and what the example people would get. */
export function propose(scope: OfficialScope, form: PilotForm): Proposal {
  const { kept } = definitionToForm(scope.pilot);
  const all = allMunicipalities();
  const known = new Set(all.map((m) => m.code));
  // Names as people type them, in Finnish and Swedish; a merged municipality is added by its code only.
  const names = new Map(all.filter((m) => !m.mergedInto).flatMap((m) => [[m.nameFi.toLocaleLowerCase("fi"), m.code], [m.nameSv.toLocaleLowerCase("fi"), m.code]] as [string, string][]));
  const checked = formToDefinition(form, scope.pilot, kept, known, names);
  if (!checked.ok) return checked;
  const proposed = checked.definition;
  const changes = pilotChanges(scope.pilot, proposed);
  const changedNames = municipalitiesByCode(changedCodes(changes));
  return {
    ok: true,
    definition: proposed,
    values: { ...form, municipalities: proposed.municipalities, addMunicipalities: "" },
    hash: proposalHash(proposed),
    changes: changes.map((c) => changeText(c, scope.lang, changedNames)),
    examples: previewExamples(scope.pilot, proposed, scope.today).map((row) => ({
      key: row.key,
      current: outcomeView(row.current, scope.pilot, scope.lang),
      proposed: outcomeView(row.proposed, proposed, scope.lang),
      changed: row.changed,
    })),
  };
}

export type SaveResult = { ok: true } | { ok: false; reason: "unchanged" | "changed-meanwhile" | "set-invalid" };

/**
 * Saves a previewed proposal: the pilot's definition, its history row and the audit row in one
 * BEGIN IMMEDIATE transaction. `basedOn` is the fingerprint of the definition the official saw:
 * if someone saved in between, nothing is written and the official previews again. The whole set
 * of pilots is checked with the new definition in it first, so that a save can never leave the
 * service with rules that do not load.
 */
export function saveRules(scope: OfficialScope, proposed: PilotDefinition, basedOn: string, now = scope.now): SaveResult {
  const db = getDb();
  const slug = scope.pilot.slug;
  return db.transaction(
    (tx): SaveResult => {
      const rows = tx.select().from(pilots).all();
      const row = rows.find((r) => r.slug === slug);
      const stored = pilotDefinitionSchema.safeParse(row?.definition);
      if (!row || !stored.success || proposalHash(stored.data) !== basedOn) return { ok: false, reason: "changed-meanwhile" };
      if (canonical(stored.data) === canonical(proposed)) return { ok: false, reason: "unchanged" };
      const known = new Set(allMunicipalities().map((m) => m.code));
      const set = checkPilotSet(
        rows.map((r) => (r.slug === slug ? proposed : r.definition)),
        known,
      );
      if (!set.ok) {
        logger.warn({ event: "pilot-save-refused", pilot: slug, problems: set.problems.length }, "pilot rules refused");
        return { ok: false, reason: "set-invalid" };
      }
      const at = now.toISOString();
      tx.update(pilots).set({ definition: proposed, updatedAt: at }).where(eq(pilots.slug, slug)).run();
      tx.insert(pilotHistory).values({ pilotSlug: slug, definition: proposed, savedAt: at, savedBy: scope.user.actorId }).run();
      const changes = pilotChanges(stored.data, proposed).map((c) => c.kind);
      audit(tx, { actor: scope.user.actorId, action: "pilot.update", subject: slug, pilotSlug: slug, details: { changes: [...new Set(changes)].join(",") } }, now);
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

/**
 * Who someone in the back office is, as other officials of the pilot may see it: "you", an
 * official of the pilot by name, or only a role. A jobseeker is never named here.
 */
export function actorNames(scope: OfficialScope, actors: string[]): Map<string, string> {
  const t = tFor(scope.lang);
  const out = new Map<string, string>();
  const unique = [...new Set(actors)];
  const hashes = unique.filter((a) => a !== "seed" && a !== "system");
  const roleRows = hashes.length
    ? getDb().select({ identityHash: roles.identityHash, kind: roles.kind, scope: roles.scope }).from(roles).where(inArray(roles.identityHash, hashes)).all()
    : [];
  const officials = new Set(roleRows.filter((r) => r.kind === "official" && r.scope === scope.pilot.slug).map((r) => r.identityHash));
  const staff = new Set(roleRows.filter((r) => r.kind === "provider_staff").map((r) => r.identityHash));
  const officialPeople = officials.size
    ? getDb().select({ identityHash: people.identityHash, given: people.givenName, family: people.familyName }).from(people).where(inArray(people.identityHash, [...officials])).all()
    : [];
  const officialName = new Map(officialPeople.map((p) => [p.identityHash, `${p.given} ${p.family}`]));
  for (const a of unique) {
    if (a === scope.user.actorId) out.set(a, t("official:actors.you"));
    else if (a === "seed" || a === "system") out.set(a, t("official:actors.system"));
    else if (officials.has(a)) out.set(a, officialName.has(a) ? t("official:actors.officialNamed", { name: officialName.get(a) }) : t("official:actors.official"));
    else if (staff.has(a)) out.set(a, t("official:actors.providerStaff"));
    else out.set(a, t("official:actors.person"));
  }
  return out;
}

/** The saved versions of the pilot's definition, newest first, each with what it changed. */
export function ruleHistory(scope: OfficialScope) {
  const rows = getDb().select().from(pilotHistory).where(eq(pilotHistory.pilotSlug, scope.pilot.slug)).orderBy(asc(pilotHistory.id)).all();
  const names = actorNames(
    scope,
    rows.map((r) => r.savedBy),
  );
  const parsed = rows.map((r) => pilotDefinitionSchema.safeParse(r.definition));
  const allCodes = parsed.flatMap((p, i) => {
    const before = i > 0 ? parsed[i - 1] : null;
    return p.success && before?.success ? changedCodes(pilotChanges(before.data, p.data)) : [];
  });
  const municipalities: Map<string, Municipality> = municipalitiesByCode([...new Set(allCodes)]);
  const t = tFor(scope.lang);
  return rows
    .map((r, i) => {
      const p = parsed[i];
      const before = i > 0 ? parsed[i - 1] : null;
      let changes: string[];
      if (!p.success) changes = [t("official:history.unreadable")];
      else if (!before) changes = [t("official:history.first")];
      else if (!before.success) changes = [t("official:history.afterUnreadable")];
      else {
        changes = pilotChanges(before.data, p.data).map((c) => changeText(c, scope.lang, municipalities));
        if (changes.length === 0) changes = [t("official:history.noChange")];
      }
      return {
        id: r.id,
        savedAt: formatDateTime(r.savedAt, scope.lang),
        savedBy: names.get(r.savedBy) ?? r.savedBy,
        changes,
        lockMonths: p.success ? p.data.lockMonths : null,
        threshold: p.success ? p.data.smallNumberThreshold : null,
        rules: p.success ? rulesSummary(p.data, scope.lang) : [],
      };
    })
    .reverse();
}
