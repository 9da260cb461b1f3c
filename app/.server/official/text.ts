import type { PilotChange, RuleList } from "~/domain/official-pilot";
import type { Condition } from "~/domain/pilot";
import { formatDate, locales, municipalityName } from "~/format";
import { tFor, type Lang } from "~/i18n";
import type { Municipality } from "../eligibility/pilots.store";
import "../platform/i18n";

/**
 * The back office's words for rules and changes, made on the server in the official's language
 * (the fact names and values are the eligibility check's own: locales/*\/eligibility.json).
 */

function list(items: string[], lang: Lang, type: "conjunction" | "disjunction" = "conjunction") {
  return new Intl.ListFormat(locales[lang], { type }).format(items);
}

/** A condition as an official reads it: "Age: at most 29", "Unemployment benefit: not Earnings-related allowance". */
export function conditionText(c: Condition, lang: Lang): string {
  const t = tFor(lang);
  const label = t(`eligibility:answers.${c.fact}`);
  switch (c.fact) {
    case "status":
    case "benefit": {
      const values = (c.in ?? c.notIn)!.map((v) => t(`eligibility:answers.${c.fact}Value.${v}`));
      return t(c.in ? "official:conditions.oneOf" : "official:conditions.noneOf", { fact: label, values: list(values, lang, "disjunction") });
    }
    case "age":
      if (c.min !== undefined && c.max !== undefined) return t("official:conditions.ageBetween", { fact: label, min: c.min, max: c.max });
      if (c.max !== undefined) return t("official:conditions.ageAtMost", { fact: label, max: c.max });
      return t("official:conditions.ageAtLeast", { fact: label, min: c.min ?? 0 });
    default:
      return t("official:conditions.yesNo", { fact: label, value: t(c.is ? "eligibility:form.yes" : "eligibility:form.no") });
  }
}

function listName(list: RuleList, lang: Lang) {
  return tFor(lang)(`official:rules.lists.${list}.name`);
}

/** One change of a pilot in words. */
export function changeText(change: PilotChange, lang: Lang, names: ReadonlyMap<string, Municipality>): string {
  const t = tFor(lang);
  const place = (code: string) => {
    const m = names.get(code);
    return m ? municipalityName(m, lang) : code;
  };
  const date = (d: string | null) => (d ? formatDate(d, lang) : t("official:changes.noDate"));
  switch (change.kind) {
    case "areaAdded":
      return t("official:changes.areaAdded", { list: list(change.codes.map(place), lang) });
    case "areaRemoved":
      return t("official:changes.areaRemoved", { list: list(change.codes.map(place), lang) });
    case "startsOn":
      return t("official:changes.startsOn", { from: date(change.from), to: date(change.to) });
    case "endsOn":
      return t("official:changes.endsOn", { from: date(change.from), to: date(change.to) });
    case "lockMonths":
      return t("official:changes.lockMonths", { from: change.from, to: change.to });
    case "smallNumberThreshold":
      return t("official:changes.threshold", { from: change.from, to: change.to });
    case "conditionAdded":
      return t("official:changes.conditionAdded", { list: listName(change.list, lang), condition: conditionText(change.condition, lang) });
    case "conditionRemoved":
      return t("official:changes.conditionRemoved", { list: listName(change.list, lang), condition: conditionText(change.condition, lang) });
    default:
      return t("official:changes.other");
  }
}

/** The municipality codes a set of changes names. */
export function changedCodes(changes: PilotChange[]): string[] {
  return changes.flatMap((c) => (c.kind === "areaAdded" || c.kind === "areaRemoved" ? c.codes : []));
}
