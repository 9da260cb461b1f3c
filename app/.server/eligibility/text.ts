import "../platform/i18n";
import { benefits, type Condition, type PilotDefinition, namesItsMunicipalities } from "~/domain/pilot";
import type { Reason } from "~/domain/eligibility";
import { formatDate, locales } from "~/format";
import { tFor, type Lang } from "~/i18n";
import { jobMarketFinland, type PublicService } from "./employment-areas.store";

/**
 * Reasons and next steps in plain words, in fi, sv and en. The page and the open API use the same
 * texts: the API gives each reason's text followed by its next step in every language.
 * All words come from locales/{lang}/eligibility.json.
 */

export type TextContext = {
  pilots: ReadonlyMap<string, PilotDefinition>;
  /** The municipality code the person gave. */
  municipality: string;
  /** The municipality's name in a language (historical codes included). */
  municipalityName: (code: string, lang: Lang) => string;
  publicService: PublicService;
};

export type NextStep = {
  key: string;
  text: string;
  /** A link that helps to do the step: a page of this service or an outside address. */
  link: { href: string; text: string; external: boolean } | null;
};

const ns = "eligibility";

function list(items: string[], lang: Lang, type: "conjunction" | "disjunction") {
  return new Intl.ListFormat(locales[lang], { type }).format(items);
}

/**
 * A condition as a clause in the second person ("you are under 30"), to follow "only if" or
 * "because". A benefit list that names "none" is described by its complement, which reads better
 * ("you do not get the earnings-related allowance" rather than a list with "no benefit" in it).
 */
export function describeCondition(c: Condition, lang: Lang): string {
  const t = tFor(lang);
  switch (c.fact) {
    case "status": {
      const values = (c.in ?? c.notIn)!;
      const names = values.map((v) => t(`${ns}:conditions.status.${v}`));
      return t(`${ns}:conditions.${c.in ? "status_in" : "status_notIn"}`, { list: list(names, lang, "disjunction") });
    }
    case "benefit": {
      let positive = c.in !== undefined;
      let values = (c.in ?? c.notIn)!;
      if (values.includes("none")) {
        positive = !positive;
        values = benefits.filter((b) => !values.includes(b));
      }
      const names = values.map((v) => t(`${ns}:conditions.benefit.${v}`));
      return t(`${ns}:conditions.${positive ? "benefit_in" : "benefit_notIn"}`, { list: list(names, lang, "disjunction") });
    }
    case "age": {
      const min = c.min !== undefined && c.min > 0 ? c.min : undefined;
      const max = c.max;
      if (min !== undefined && max !== undefined) {
        return min === max ? t(`${ns}:conditions.age_exact`, { age: min }) : t(`${ns}:conditions.age_between`, { min, max });
      }
      if (max !== undefined) return t(`${ns}:conditions.age_under`, { under: max + 1 });
      return t(`${ns}:conditions.age_from`, { min: min ?? 0 });
    }
    default:
      return t(`${ns}:conditions.${c.fact}_${c.is ? "true" : "false"}`);
  }
}

function pilotName(ctx: TextContext, slug: string, lang: Lang) {
  return ctx.pilots.get(slug)?.name[lang] ?? slug;
}

/** Where the pilots running on a date are: small ones by their municipalities, a national one by its reach. */
function runningText(running: string[], on: string, lang: Lang, ctx: TextContext): string {
  const t = tFor(lang);
  const date = formatDate(on, lang);
  const items = running.flatMap((slug) => {
    const p = ctx.pilots.get(slug);
    if (!p) return [];
    const area =
      namesItsMunicipalities(p)
        ? list(
            p.municipalities.map((c) => ctx.municipalityName(c, lang)),
            lang,
            "conjunction",
          )
        : t(`${ns}:reasons.runningCount`, { count: p.municipalities.length });
    return [t(`${ns}:reasons.runningItem`, { pilot: p.name[lang], area })];
  });
  return items.length > 0 ? t(`${ns}:reasons.runningList`, { date, list: items.join("; ") }) : t(`${ns}:reasons.noneRunning`, { date });
}

/** "Your public employment service is …", or where to find it. */
function publicServiceSentence(lang: Lang, ctx: TextContext): string {
  const t = tFor(lang);
  const name = ctx.publicService.name?.[lang];
  return name ? t(`${ns}:reasons.yourPublicService`, { service: name }) : t(`${ns}:reasons.yourPublicServiceUnknown`);
}

/** The explanation of one reason, without its next step. */
export function reasonText(r: Reason, lang: Lang, ctx: TextContext): string {
  const t = tFor(lang);
  switch (r.code) {
    case "municipality_unknown":
    case "may_choose":
      return t(`${ns}:reasons.${r.code}`);
    case "municipality_merged":
      return t(`${ns}:reasons.municipality_merged`, {
        from: ctx.municipalityName(ctx.municipality, lang),
        into: ctx.municipalityName(r.into, lang),
        date: formatDate(r.on, lang),
      });
    case "no_pilot":
    case "no_running_pilot":
      return [
        t(`${ns}:reasons.${r.code}`, { municipality: ctx.municipalityName(r.municipality, lang), date: formatDate(r.on, lang) }),
        runningText(r.running, r.on, lang, ctx),
        publicServiceSentence(lang, ctx),
      ].join(" ");
    case "pilot_ended":
    case "pilot_not_started":
      return t(`${ns}:reasons.${r.code}`, { pilot: pilotName(ctx, r.pilot, lang), date: formatDate(r.on, lang) });
    case "answers_missing":
      return t(`${ns}:reasons.answers_missing`, {
        questions: list(
          r.facts.map((f) => t(`${ns}:answers.${f}`)),
          lang,
          "conjunction",
        ),
      });
    case "not_in_target_group":
      return t(`${ns}:reasons.not_in_target_group`, { conditions: list(r.conditions.map((c) => describeCondition(c, lang)), lang, "disjunction") });
    case "in_target_group":
      return t(`${ns}:reasons.in_target_group`, { conditions: list(r.conditions.map((c) => describeCondition(c, lang)), lang, "conjunction") });
    case "served_by_pilot":
      return t(`${ns}:reasons.served_by_pilot`, { servedBy: ctx.pilots.get(r.pilot)?.servedBy[lang] ?? pilotName(ctx, r.pilot, lang) });
    default:
      return r.code.startsWith("requires_")
        ? t(`${ns}:reasons.requires`, { condition: describeCondition(r.condition, lang) })
        : t(`${ns}:reasons.excluded`, { condition: describeCondition(r.condition, lang) });
  }
}

function publicServiceName(ctx: TextContext, lang: Lang) {
  return ctx.publicService.name?.[lang] ?? null;
}

function contactPublic(lang: Lang, ctx: TextContext): NextStep {
  const t = tFor(lang);
  const name = publicServiceName(ctx, lang);
  const web = ctx.publicService.web;
  if (!name) {
    return {
      key: "contact_public",
      text: t(`${ns}:next.contact_public_unknown`),
      link: { href: jobMarketFinland.web, text: t(`${ns}:links.jobMarket`), external: true },
    };
  }
  return {
    key: "contact_public",
    text: t(`${ns}:next.contact_public`, { service: name }),
    link:
      web && ctx.publicService.sure
        ? { href: web, text: t(`${ns}:links.serviceWeb`), external: true }
        : { href: jobMarketFinland.web, text: t(`${ns}:links.jobMarket`), external: true },
  };
}

/** What to do about one reason, or null when the reason needs nothing done. */
export function nextStep(r: Reason, lang: Lang, ctx: TextContext, page: { editHref?: string; providersQuery?: string } = {}): NextStep | null {
  const t = tFor(lang);
  switch (r.code) {
    case "municipality_merged":
    case "in_target_group":
      return null;
    case "requires_registered":
      return {
        key: "register",
        text: t(`${ns}:next.register`),
        link: { href: jobMarketFinland.web, text: t(`${ns}:links.jobMarket`), external: true },
      };
    case "requires_referral":
      return { ...contactPublic(lang, ctx), key: "ask_referral", text: t(`${ns}:next.ask_referral`) };
    case "requires_weaker_position":
      return { ...contactPublic(lang, ctx), key: "ask_assessment", text: t(`${ns}:next.ask_assessment`) };
    case "may_choose":
      return {
        key: "see_providers",
        text: t(`${ns}:next.see_providers`),
        // The answers that tell the reader's customer group go along, so that the comparison can offer results for people like them (decision 069).
        link: {
          href: `/${lang}/providers?pilot=${encodeURIComponent(r.pilot)}${page.providersQuery ? `&${page.providersQuery}` : ""}`,
          text: t(`${ns}:links.providers`),
          external: false,
        },
      };
    case "served_by_pilot": {
      const servedBy = ctx.pilots.get(r.pilot)?.servedBy[lang] ?? pilotName(ctx, r.pilot, lang);
      return { key: "contact_pilot", text: t(`${ns}:next.contact_pilot`, { servedBy }), link: null };
    }
    case "pilot_not_started":
      return { key: "check_later", text: t(`${ns}:next.check_later`, { date: formatDate(r.on, lang) }), link: null };
    case "answers_missing":
      return {
        key: "answer_questions",
        text: t(`${ns}:next.answer_questions`),
        link: page.editHref ? { href: page.editHref, text: t(`${ns}:links.answer`), external: false } : null,
      };
    default:
      return contactPublic(lang, ctx);
  }
}

/**
 * The distinct next steps of a set of reasons, in order; the public service is always reachable.
 * Where the person may choose, the page also offers the choice itself (`chooseHref`, which carries
 * the answers so that they are not asked again after signing in).
 */
export function nextSteps(reasons: Reason[], lang: Lang, ctx: TextContext, page: { editHref?: string; chooseHref?: string; providersQuery?: string } = {}): NextStep[] {
  const t = tFor(lang);
  const steps: NextStep[] = [];
  for (const r of reasons) {
    const step = nextStep(r, lang, ctx, page);
    if (step && !steps.some((s) => s.key === step.key)) steps.push(step);
    if (step?.key === "see_providers" && page.chooseHref && !steps.some((s) => s.key === "make_choice")) {
      steps.push({ key: "make_choice", text: t(`${ns}:next.make_choice`), link: { href: page.chooseHref, text: t(`${ns}:links.choose`), external: false } });
    }
  }
  return steps;
}

/** The text of a reason with its next step, as the open API gives it. */
export function reasonWithNextStep(r: Reason, lang: Lang, ctx: TextContext): string {
  const step = nextStep(r, lang, ctx);
  return step ? `${reasonText(r, lang, ctx)} ${step.text}` : reasonText(r, lang, ctx);
}

