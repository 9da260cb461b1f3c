import { evaluate, relevantFacts, type Outcome } from "~/domain/eligibility";
import { namesItsMunicipalities, pilotStatus, type FactName, type PilotDefinition } from "~/domain/pilot";
import { formatDate, municipalityName } from "~/format";
import { tFor, type Lang } from "~/i18n";
import { getDb, type Db } from "../platform/db";
import { loadCheckData, municipalityInfo, nameOf, textContext, type CheckData } from "./check-data";
import { jobMarketFinland, publicServiceFor, type PublicService } from "./employment-areas.store";
import { fieldNames, readQuery, type EligibilityQuery, type FieldErrors, type FieldName } from "./query";
import { nextSteps, reasonText, type NextStep } from "./text";

/**
 * The page /{lang}/eligibility: the form in two steps (municipality, then the questions asked
 * there) and the answer, everything in the page's language. Works without JavaScript.
 */

export type MunicipalityOption = { code: string; label: string };

/**
 * Every current municipality, named in the page's language (Swedish names in Swedish) and sorted
 * as that language sorts (å, ä, ö last), plus a historical code only where a pilot names it
 * (Pertunmaa 588), labelled with what it became.
 */
export function municipalityOptions(data: CheckData, lang: Lang): MunicipalityOption[] {
  const named = new Set(data.pilots.flatMap((p) => p.municipalities));
  const t = tFor(lang);
  const options = [...data.municipalities.values()]
    .filter((m) => m.mergedInto === null || named.has(m.code))
    .map((m) => ({
      code: m.code,
      label:
        m.mergedInto === null
          ? municipalityName(m, lang)
          : t("eligibility:form.municipality.historical", {
              name: municipalityName(m, lang),
              year: Number((m.mergedOn ?? "0000").slice(0, 4)) - 1,
              into: nameOf(data, m.mergedInto, lang),
            }),
    }));
  const collator = new Intl.Collator(lang === "sv" ? "sv" : "fi");
  return options.sort((a, b) => collator.compare(a.label, b.label) || a.code.localeCompare(b.code));
}

/** For the script that hides questions at once: the questions asked in each municipality that has any. */
export function relevanceMap(data: CheckData, date: string): Record<string, FactName[]> {
  const map: Record<string, FactName[]> = {};
  const codes = new Set(data.pilots.flatMap((p) => p.municipalities));
  for (const code of codes) {
    const m = data.municipalities.get(code);
    if (!m) continue;
    const facts = relevantFacts(data.pilots, municipalityInfo(m), date);
    if (facts.length > 0) map[code] = facts;
  }
  return map;
}

export type FormView = {
  values: Partial<Record<FieldName, string>>;
  /** Translated messages, in the order of the fields. */
  errors: { field: FieldName; message: string }[];
  options: MunicipalityOption[];
  relevance: Record<string, FactName[]>;
  /** The questions for the chosen municipality (the second step without JavaScript). */
  relevant: FactName[];
  municipality: { code: string; label: string } | null;
  /** A date given in the address is shown as a field, so that it can be corrected. */
  showDate: boolean;
  changeMunicipalityHref: string | null;
};

export type PilotView = {
  slug: string;
  name: string;
  isExample: boolean;
  statusText: string;
  areaText: string;
  offers: string;
  source: string;
};

export type ResultView = {
  outcome: Outcome;
  municipalityName: string;
  date: string;
  dateText: string;
  dateGiven: boolean;
  servedBy: string | null;
  /** How long a choice of a provider binds in the pilot the answer uses (0: it does not bind, or no choice). */
  commitmentMonths: number;
  reasons: { code: string; text: string }[];
  nextSteps: NextStep[];
  publicService: {
    kind: PublicService["kind"];
    name: string | null;
    /** The language the name is in: an area with no Swedish or English name is named in Finnish. */
    nameLang: Lang;
    web: string | null;
    sure: boolean;
    before2025: boolean;
    jobMarket: string;
  };
  pilot: PilotView | null;
  others: { slug: string; name: string; statusText: string }[];
  answers: { label: string; value: string }[];
  editHref: string;
  newHref: string;
};

export type EligibilityPageData =
  | { mode: "unavailable"; status: 503; lang: Lang }
  | { mode: "municipality" | "questions"; status: 200 | 400; lang: Lang; form: FormView }
  | { mode: "result"; status: 200; lang: Lang; result: ResultView };

function statusText(p: PilotDefinition, today: string, lang: Lang) {
  const t = tFor(lang);
  const start = formatDate(p.startsOn, lang);
  const end = p.endsOn ? formatDate(p.endsOn, lang) : "";
  const status = pilotStatus(p, today);
  if (status === "upcoming") return t("eligibility:result.rules.status.upcoming", { start });
  if (status === "ended") return t("eligibility:result.rules.status.ended", { start, end });
  return p.endsOn ? t("eligibility:result.rules.status.runningUntil", { start, end }) : t("eligibility:result.rules.status.runningFrom", { start });
}

function pilotView(p: PilotDefinition, data: CheckData, today: string, lang: Lang): PilotView {
  const t = tFor(lang);
  // A national pilot is described by its reach, a small one by its municipalities.
  const areaText =
    namesItsMunicipalities(p)
      ? t("eligibility:result.rules.area", { list: p.municipalities.map((c) => nameOf(data, c, lang)).join(", ") })
      : t("eligibility:result.rules.areaCount", { count: p.municipalities.length });
  return {
    slug: p.slug,
    name: p.name[lang],
    isExample: p.isExample,
    statusText: statusText(p, today, lang),
    areaText,
    offers: p.offers[lang],
    source: p.source,
  };
}

function href(lang: Lang, params: [string, string][]) {
  const qs = new URLSearchParams(params).toString();
  return `/${lang}/eligibility${qs ? `?${qs}` : ""}`;
}

function answerValue(f: FactName, q: EligibilityQuery, lang: Lang) {
  const t = tFor(lang);
  if (f === "age") return t("eligibility:answers.ageValue", { age: q.age });
  if (f === "status") return t(`eligibility:answers.statusValue.${q.status}`);
  if (f === "benefit") return t(`eligibility:answers.benefitValue.${q.benefit}`);
  return t(q[f] === "yes" ? "eligibility:form.yes" : "eligibility:form.no");
}

/** Everything the page shows for a query, in the page's language. */
export function eligibilityPage(params: URLSearchParams, lang: Lang, today: string, db: Db = getDb()): EligibilityPageData {
  const data = loadCheckData(db);
  if (!data) return { mode: "unavailable", status: 503, lang };
  const t = tFor(lang);
  const read = readQuery(params, today, data, "relevant");
  const dateGiven = params.has("date");
  const relevanceDate = read.errors.date ? today : read.date;
  const keep = (fields: readonly FieldName[]) =>
    fields.filter((f) => read.values[f] !== undefined).map((f): [string, string] => [f, read.values[f]!]);

  const form = (mode: "municipality" | "questions", errors: FieldErrors): EligibilityPageData => {
    const order = fieldNames.filter((f) => errors[f]);
    const options = municipalityOptions(data, lang);
    return {
      mode,
      status: order.length > 0 ? 400 : 200,
      lang,
      form: {
        values: read.values,
        errors: order.map((field) => ({ field, message: t(`eligibility:errors.${field}.${errors[field]}`) })),
        options,
        relevance: relevanceMap(data, relevanceDate),
        relevant: read.relevant,
        municipality: read.municipality
          ? { code: read.municipality.code, label: options.find((o) => o.code === read.municipality!.code)?.label ?? read.municipality.code }
          : null,
        showDate: dateGiven,
        changeMunicipalityHref: read.municipality ? href(lang, [...keep(["municipality", "date"]), ["edit", "municipality"]]) : null,
      },
    };
  };

  const submitted = params.get("step") === "questions";
  const edit = params.get("edit");
  // A fresh start: nothing chosen yet, nothing to complain about.
  if (!params.has("municipality") && !submitted) {
    return form("municipality", read.errors.date ? { date: read.errors.date } : {});
  }
  if (read.errors.municipality || read.errors.date || !read.municipality) {
    const errors: FieldErrors = {};
    if (read.errors.municipality) errors.municipality = read.errors.municipality;
    if (read.errors.date) errors.date = read.errors.date;
    return form("municipality", errors);
  }
  if (edit === "municipality") return form("municipality", {});
  if (edit === "answers") return form(read.relevant.length > 0 ? "questions" : "municipality", {});

  const answered = read.relevant.some((f) => (read.values[f] ?? "").trim() !== "");
  if (!submitted && !answered && read.relevant.length > 0) return form("questions", {});
  const errors: FieldErrors = { ...read.errors };
  for (const f of read.missing) errors[f] = "required";
  if (Object.keys(errors).length > 0) return form("questions", errors);

  // The answer.
  const municipality = read.municipality;
  const evaluation = evaluate(read.facts, data.pilots, municipalityInfo(municipality), read.date);
  const publicService = publicServiceFor(municipality.code, db);
  const ctx = textContext(data, municipality, publicService);
  const answerParams: [string, string][] = [
    ["municipality", municipality.code],
    ...(dateGiven ? ([["date", read.date]] as [string, string][]) : []),
    ...read.relevant.map((f): [string, string] => [f, String(read.query[f])]),
  ];
  const editHref = href(lang, [...answerParams, ["edit", "answers"]]);
  const pilot = evaluation.pilot ? data.pilotsBySlug.get(evaluation.pilot)! : null;
  // The choice journey asks the same questions: the answers go with the link.
  const carried = new URLSearchParams(read.relevant.map((f): [string, string] => [f, String(read.query[f])])).toString();
  const chooseHref = `/${lang}/choose${carried ? `?${carried}` : ""}`;
  const providersQuery = new URLSearchParams(
    read.relevant
      .filter((f) => f === "age" || f === "benefit" || f === "foreign_language")
      .map((f): [string, string] => [f, String(read.query[f])]),
  ).toString();
  const steps = nextSteps(evaluation.reasons, lang, ctx, { editHref, chooseHref, providersQuery });
  return {
    mode: "result",
    status: 200,
    lang,
    result: {
      outcome: evaluation.outcome,
      municipalityName: nameOf(data, municipality.code, lang),
      date: read.date,
      dateText: formatDate(read.date, lang),
      dateGiven,
      servedBy: evaluation.outcome === "municipal_pilot" && pilot ? pilot.servedBy[lang] : null,
      commitmentMonths: evaluation.outcome === "may_choose" && pilot ? pilot.lockMonths : 0,
      reasons: evaluation.reasons.map((r) => ({ code: r.code, text: reasonText(r, lang, ctx) })),
      nextSteps: steps,
      publicService: {
        kind: publicService.kind,
        name: publicService.name?.[lang] ?? null,
        nameLang: lang !== "fi" && publicService.name && publicService.name[lang] === publicService.name.fi ? "fi" : lang,
        web: publicService.web,
        sure: publicService.sure,
        before2025: read.date < "2025-01-01",
        jobMarket: jobMarketFinland.web,
      },
      pilot: pilot ? pilotView(pilot, data, read.date, lang) : null,
      others: evaluation.others.map((o) => {
        const p = data.pilotsBySlug.get(o.pilot)!;
        return { slug: p.slug, name: p.name[lang], statusText: statusText(p, read.date, lang) };
      }),
      answers: [
        { label: t("eligibility:answers.municipality"), value: nameOf(data, municipality.code, lang) },
        ...(dateGiven ? [{ label: t("eligibility:answers.date"), value: formatDate(read.date, lang) }] : []),
        ...read.relevant.map((f) => ({ label: t(`eligibility:answers.${f}`), value: answerValue(f, read.query, lang) })),
      ],
      editHref,
      newHref: href(lang, []),
    },
  };
}
