import { customerGroups, groupsFromFacts, isCustomerGroup, type CustomerGroup } from "~/domain/customer-groups";
import { parseFacts } from "~/domain/choice-facts";
import type { Facts } from "~/domain/eligibility";
import { meanFigure } from "~/domain/statistics";
import { tFor, type Lang } from "~/i18n";
import { getUser } from "../auth/auth";
import { getAnswers } from "../choice/choices.store";
import { getDb, type Db } from "../platform/db";
import { groupFigures } from "./results-groups.store";
import type { PilotFigures, SubjectFigures } from "./results.store";

/**
 * "For people like me" on the comparison (docs/decisions/069-customer-groups-and-adjusted-figures.md):
 * the figures of one customer group in place of all customers', and the groups the page suggests
 * from what it knows of the reader. Nothing about the person is stored for this: the group travels
 * in the address (`group=`), the suggestion is made on each request.
 */

/** Figure views made for a group, so that the sentence function knows not to add the adjusted figure. */
const groupViews = new WeakSet<PilotFigures>();
export function isGroupView(figures: PilotFigures | null): boolean {
  return figures !== null && groupViews.has(figures);
}

/**
 * The pilot's figures as the comparison shows them for one group: every subject's shares (and
 * verdicts against the public service's figure for the same group) from its rows of that group,
 * with the same periods and threshold. Satisfaction is not broken down: it reads "too few" for a
 * group. Subjects without the breakdown show no figure. Without a group, the figures as they are.
 */
export function figuresForGroup(figures: PilotFigures | null, group: CustomerGroup | null, db: Db = getDb()): PilotFigures | null {
  if (!figures || !group) return figures;
  const byGroup = groupFigures(figures.pilot, figures.threshold, group, db);
  const out = new Map<number, SubjectFigures>();
  for (const [key, f] of figures.figures) {
    const g = byGroup?.get(key);
    const shares = {} as SubjectFigures["shares"];
    const versus = {} as NonNullable<SubjectFigures["versus"]>;
    const counts = {} as SubjectFigures["counts"];
    for (const m of Object.keys(f.shares) as (keyof SubjectFigures["shares"])[]) {
      const figure = g?.[m].figure ?? { kind: "too-few" as const, n: 0 };
      shares[m] = figure;
      counts[m] = { x: figure.kind === "shown" ? figure.x : 0, n: figure.n };
      versus[m] = { verdict: g?.[m].verdict ?? "too_few", difference: g?.[m].difference ?? null };
    }
    out.set(key, { ...f, shares, counts, versus: f.versus ? versus : null, satisfaction: meanFigure(0, 0, figures.threshold) });
  }
  const view: PilotFigures = { ...figures, figures: out };
  groupViews.add(view);
  return view;
}

export type LikeMeView = {
  /** The group shown, with its name; null: all customers. */
  group: { value: CustomerGroup; label: string } | null;
  /** Groups the page suggests from the reader's facts, each with its name ("aged 30–49"). */
  suggested: { value: CustomerGroup; label: string }[];
  /** Where the suggestion comes from: the person's saved answers, or the check's answers in the address. */
  source: "signed-in" | "check" | null;
  /** Every group for the form's list. */
  options: { value: string; label: string }[];
  /** The address of the page with a suggested group, by group; and without any group. */
  hrefs: Partial<Record<CustomerGroup, string>>;
  dropHref: string;
};

let noFacts: Facts | undefined;

/** The check's answers as the eligibility page's link carries them (`age`, `benefit`, `foreign_language`). */
function factsFromQuery(params: URLSearchParams): Facts {
  if (!params.has("age") && !params.has("benefit") && !params.has("foreign_language")) return { ...(noFacts ??= parseFacts({})) };
  const raw: Record<string, unknown> = {};
  const age = params.get("age");
  if (age && /^\d{1,3}$/.test(age.trim())) raw.age = Number(age.trim());
  const benefit = params.get("benefit");
  if (benefit) raw.benefit = benefit.trim();
  const foreign = params.get("foreign_language");
  if (foreign === "yes" || foreign === "no") raw.foreign_language = foreign === "yes";
  return parseFacts(raw);
}

// Translations do not change while the server runs: each group's name is looked up once per language.
const labels = new Map<string, { value: CustomerGroup; label: string }>();
const optionLists = new Map<Lang, { value: string; label: string }[]>();

export function groupLabel(lang: Lang, group: CustomerGroup): string {
  return labelled(lang, group).label;
}

function labelled(lang: Lang, group: CustomerGroup): { value: CustomerGroup; label: string } {
  const key = `${lang}|${group}`;
  let entry = labels.get(key);
  if (!entry) labels.set(key, (entry = { value: group, label: tFor(lang)(`providers:likeMe.groups.${group}`) }));
  return entry;
}

/** The "people like me" part of the comparison: the group shown and the groups suggested. */
export function likeMeView(lang: Lang, request: Request, group: CustomerGroup | null): LikeMeView {
  const params = new URL(request.url).searchParams;
  let facts = factsFromQuery(params);
  let source: LikeMeView["source"] = Object.keys(facts).length > 0 ? "check" : null;
  if (!source) {
    const user = getUser(request);
    const saved = user ? getAnswers(user)?.facts : undefined;
    if (saved && groupsFromFacts(saved).length > 0) {
      facts = saved;
      source = "signed-in";
    }
  }
  const label = (g: CustomerGroup) => ({ ...labelled(lang, g) });
  const url = new URL(request.url);
  const href = (g: CustomerGroup | null) => {
    const next = new URLSearchParams(url.search);
    next.delete("page");
    if (g) next.set("group", g);
    else next.delete("group");
    const search = next.toString();
    return `${url.pathname}${search ? `?${search}` : ""}`;
  };
  const suggested = groupsFromFacts(facts);
  return {
    hrefs: Object.fromEntries(suggested.map((g) => [g, href(g)])),
    dropHref: href(null),
    group: group && isCustomerGroup(group) ? label(group) : null,
    suggested: suggested.map(label),
    source,
    options: optionLists.get(lang) ?? optionLists.set(lang, customerGroups.map((g) => labelled(lang, g))).get(lang)!,
  };
}
