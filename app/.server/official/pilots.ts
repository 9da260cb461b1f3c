import crypto from "node:crypto";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import type { Reason } from "~/domain/eligibility";
import {
  canonical,
  definitionToForm,
  formToDefinition,
  pilotChanges,
  previewExamples,
  readPilotForm,
  ruleLists,
  type PilotForm,
  type PilotFormErrors,
  type RuleList,
} from "~/domain/official-pilot";
import { pilotDefinitionSchema, type Condition, type PilotDefinition } from "~/domain/pilot";
import { formatDate, formatDateTime, municipalityName } from "~/format";
import { tFor, type Lang } from "~/i18n";
import { allMunicipalities, municipalitiesByCode, type Municipality } from "../eligibility/pilots.store";
import { reasonText, type TextContext } from "../eligibility/text";
import { hasFormError, invalid, readPostedForm } from "../platform/forms";
import { actorNames } from "./audit";
import { historyRows, saveDefinition, type SaveResult } from "./pilots.store";
import { officialScope, pilotHeader, type OfficialScope } from "./scope";
import { changedCodes, changeText, conditionText } from "./text";

/**
 * A pilot's rules in the back office (docs/decisions/051-pilot-rules-editing.md): the form, the
 * preview on example people, the save and the history. The save (with its history row and audit row
 * in one transaction, and only when the whole set of pilots still loads) is in ./pilots.store.ts.
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
function rulesSummary(def: PilotDefinition, lang: Lang) {
  return ruleLists.map((list) => ({ list, conditions: def.eligibility[list].map((c) => conditionText(c, lang)) }));
}

function rulesPage(scope: OfficialScope, form?: PilotForm) {
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
function proposalHash(def: PilotDefinition): string {
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
function propose(scope: OfficialScope, form: PilotForm): Proposal {
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

/**
 * Saves a previewed proposal (./pilots.store.ts saveDefinition). `basedOn` is the fingerprint of the
 * definition the official saw: if someone saved in between, nothing is written.
 */
function saveRules(scope: OfficialScope, proposed: PilotDefinition, basedOn: string, now = scope.now): SaveResult {
  return saveDefinition(scope, proposed, (stored) => proposalHash(stored) === basedOn, now);
}

/** The saved versions of the pilot's definition, newest first, each with what it changed. */
function ruleHistory(scope: OfficialScope) {
  const rows = historyRows(scope.pilot.slug);
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

/* ---------------------------------------------------------------------------------------------
 * /{lang}/official/{pilot}/rules and /{lang}/official/{pilot}/rules/history
 * ------------------------------------------------------------------------------------------- */

export type RulesNotice = "saved" | "unchanged" | "changedAfterPreview" | "changedMeanwhile" | "setInvalid" | null;

/** /{lang}/official/{pilot}/rules: change the area, dates, target group, exclusions, lock and threshold. */
export function rulesLoader(args: LoaderFunctionArgs) {
  const scope = officialScope(args);
  const saved = new URL(args.request.url).searchParams.get("saved") === "1";
  return {
    lang: scope.lang,
    pilot: pilotHeader(scope),
    ...rulesPage(scope),
    basedOn: proposalHash(scope.pilot),
    notice: (saved ? "saved" : null) as RulesNotice,
    formError: hasFormError(args.context),
  };
}

export async function rulesAction(args: ActionFunctionArgs) {
  const scope = officialScope(args);
  const form = await readPostedForm(args.request);
  const values = readPilotForm(form);
  const proposal = propose(scope, values);
  const posted = form.get("basedOn");
  const basedOn = typeof posted === "string" ? posted : "";
  const answer = (preview: Proposal | null, notice: RulesNotice) => ({
    ...rulesPage(scope, preview && preview.ok ? preview.values : values),
    basedOn,
    preview: preview && preview.ok ? preview : null,
    errors: preview && !preview.ok ? preview.errors : {},
    notice,
  });
  if (!proposal.ok) return invalid(args.context, answer(proposal, null));
  if (form.get("intent") !== "save") return answer(proposal, null);
  // What is saved is what was previewed: a change made after the preview is previewed first.
  if (form.get("previewed") !== proposal.hash) return answer(proposal, "changedAfterPreview");
  const saved = saveRules(scope, proposal.definition, basedOn);
  if (saved.ok) throw redirect(`/${scope.lang}/official/${scope.pilot.slug}/rules?saved=1`, 303);
  if (saved.reason === "unchanged") return answer(proposal, "unchanged");
  if (saved.reason === "changed-meanwhile") {
    // Someone saved in between: show the rules as they are now, and the official starts again.
    const fresh = officialScope(args);
    return { ...rulesPage(fresh, values), basedOn: proposalHash(fresh.pilot), preview: null, errors: {}, notice: "changedMeanwhile" as RulesNotice };
  }
  return invalid(args.context, answer(null, "setInvalid"));
}

/** /{lang}/official/{pilot}/rules/history: every saved version of the pilot's rules, newest first. */
export function historyLoader(args: LoaderFunctionArgs) {
  const scope = officialScope(args);
  return { lang: scope.lang, pilot: pilotHeader(scope), versions: ruleHistory(scope) };
}
