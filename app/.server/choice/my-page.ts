import { myAssessedFacts } from "../eligibility/assessed-facts";
import { choiceKeptUntil, CONTACT_VISIBLE_MONTHS_AFTER, DRAFT_HOURS, KEEP_CHOICES_YEARS_AFTER_PILOT } from "~/domain/choice";
import { factNames } from "~/domain/pilot";
import { formatDate, formatDateTime, formatPhone, municipalityName } from "~/format";
import { tFor, type Lang } from "~/i18n";
import type { CurrentView } from "~/view-models/choice";
import type { SignedInUser } from "../auth/auth";
import { personById } from "../auth/people.store";
import { sessionsOf } from "../auth/sessions.store";
import { choiceContext, getAnswers, getDraft, listChoices, listHistory, listRequests, type ChoiceRow } from "./choices.store";
import { chosenProviderFigure } from "./figures";
import { currentView } from "./journey";
import { config } from "../platform/config";
import { myReports } from "../accountability/cases.store";
import { myDeliveryItems } from "../accountability/delivery.store";
import { getDb } from "../platform/db";
import { municipalitiesByCode } from "../eligibility/pilots.store";
import { notificationsExport } from "../notifications/address.store";
import "../platform/i18n";
import { auditTrailOf, firstContactDates } from "./my-page.store";

/**
 * What `/{lang}/my` shows of the choice (docs/decisions/044-personal-data-and-retention.md): the
 * person's situation, their choices and requests with decisions, and every piece of personal data
 * the service holds about them with how long it is kept. All of it is scoped to the signed-in
 * person; the JSON download holds the same data. Its own queries are in ./my-page.store.ts.
 */

function answerText(fact: string, value: unknown, lang: Lang): string {
  const t = tFor(lang);
  if (typeof value === "boolean") return t(`eligibility:form.${value ? "yes" : "no"}`);
  if (fact === "age") return t("eligibility:answers.ageValue", { age: value });
  if (fact === "status" || fact === "benefit") return t(`eligibility:answers.${fact}Value.${String(value)}`);
  return String(value);
}


export function myChoice(user: SignedInUser, lang: Lang, now = new Date()) {
  const ctx = choiceContext(user, now);
  const pilots = new Map(ctx.pilots.map((p) => [p.slug, p]));
  const rows = listChoices(user);
  const contacted = firstContactDates(rows.map((c) => c.id));
  const choices = rows.map((c) => ({
    reference: c.reference,
    kind: c.kind,
    what: c.snapshot.provider?.name ?? null,
    pilotName: c.snapshot.pilotName[lang],
    chosenAt: formatDateTime(c.chosenAt, lang),
    status: c.status,
    endedOn: c.endedAt ? formatDate(c.endedAt.slice(0, 10), lang) : null,
    endedReason: c.endedReason,
    contactedOn: contacted.has(c.id) ? formatDate(contacted.get(c.id)!, lang) : null,
  }));
  const requestRows = listRequests(user);
  const requests = requestRows.map((r) => ({
    id: r.id,
    requestedOn: formatDate(r.requestedAt.slice(0, 10), lang),
    reason: r.reason,
    status: r.status,
    decidedOn: r.decidedAt ? formatDate(r.decidedAt.slice(0, 10), lang) : null,
    decisionNote: r.decisionNote,
  }));
  const current: CurrentView = currentView(ctx, lang);
  // The chosen provider's lead figure, in the same sentence as on the comparison (decision 068).
  const chosen = ctx.current?.row;
  const chosenPilot = chosen?.kind === "provider" && chosen.providerId !== null ? pilots.get(chosen.pilotSlug) : undefined;
  const figure = chosen && chosenPilot ? chosenProviderFigure(chosenPilot, chosen.providerId!, lang) : null;
  return {
    current,
    figure: figure && { label: figure.label, sentence: figure.sentence, provider: chosen!.snapshot.provider?.name ?? null },
    mayChoose: ctx.evaluation.outcome === "may_choose",
    choices,
    requests,
    data: myData(user, lang, now, pilots, rows, requestRows.length),
  };
}

/** What My page says the service holds; the choices and the number of requests are those My page has just read. */
function myData(
  user: SignedInUser,
  lang: Lang,
  now: Date,
  pilots: Map<string, { endsOn: string | null; name: Record<Lang, string> }>,
  choices: ChoiceRow[],
  requestsCount: number,
) {
  const t = tFor(lang);
  const cfg = config();
  const answers = getAnswers(user);
  const draft = getDraft(user, now);
  const m = user.homeMunicipality ? municipalitiesByCode([user.homeMunicipality]).get(user.homeMunicipality) : undefined;
  const pilotSlugs = [...new Set(choices.map((c) => c.pilotSlug))];
  const keptUntil = pilotSlugs.map((slug) => {
    const p = pilots.get(slug);
    const until = choiceKeptUntil(p?.endsOn ?? null);
    return {
      pilot: p?.name[lang] ?? slug,
      until: until ? formatDate(until, lang) : null,
    };
  });
  const contactRows = choices
    .filter((c) => c.kind === "provider")
    .map((c) => ({
      reference: c.reference,
      provider: c.snapshot.provider?.name ?? "",
      value: c.contactChannel === "phone" ? (c.contactPhone ? formatPhone(c.contactPhone) : null) : c.contactEmail,
      visibleUntil: c.status === "current" ? null : c.contactVisibleUntil ? formatDate(c.contactVisibleUntil, lang) : null,
    }));
  const personRow = personById(user.id);
  const sessionRows = sessionsOf(user.id);
  return {
    identification: {
      name: `${user.givenName} ${user.familyName}`,
      municipality: m ? municipalityName(m, lang) : null,
      since: personRow ? formatDate(personRow.createdAt.slice(0, 10), lang) : null,
    },
    answers: answers
      ? factNames
          .filter((f) => answers.facts[f] !== undefined)
          .map((f) => ({ label: t(`eligibility:answers.${f}`), value: answerText(f, answers.facts[f], lang) }))
      : [],
    answersUpdated: answers ? formatDate(answers.updatedAt.slice(0, 10), lang) : null,
    choicesCount: choices.length,
    keptUntil,
    keepYears: KEEP_CHOICES_YEARS_AFTER_PILOT,
    contacts: contactRows,
    contactMonths: CONTACT_VISIBLE_MONTHS_AFTER,
    requestsCount,
    draft: draft ? { kind: draft.kind, hours: DRAFT_HOURS } : null,
    draftHours: DRAFT_HOURS,
    sessions: sessionRows.length,
    idleMinutes: cfg.SESSION_IDLE_MINUTES,
    absoluteHours: cfg.SESSION_ABSOLUTE_HOURS,
  };
}

/**
 * Everything the service holds about the person, as JSON: identification data, answers, choices
 * with contact details, the history, weighty-reason requests and decisions, an unconfirmed choice,
 * sessions (times only, never the token) and the audit rows of their own actions. Field names are
 * English and stable; each part says how long it is kept.
 */
export function personalDataExport(user: SignedInUser, lang: Lang, now = new Date()) {
  const db = getDb();
  const t = tFor(lang);
  const keep = { years: KEEP_CHOICES_YEARS_AFTER_PILOT, months: CONTACT_VISIBLE_MONTHS_AFTER, hours: DRAFT_HOURS };
  const pilots = new Map(choiceContext(user, now).pilots.map((p) => [p.slug, p]));
  const person = personById(user.id, db);
  const answers = getAnswers(user);
  const draft = getDraft(user, now);
  const cfg = config();
  const exported = listChoices(user);
  const contacted = firstContactDates(exported.map((c) => c.id), db);
  return {
    generatedAt: now.toISOString(),
    service: "Valinta",
    language: lang,
    retention: {
      identification: t("choice:my.data.keep.identification"),
      eligibilityAnswers: t("choice:my.data.keep.choices", { count: keep.years }),
      choices: t("choice:my.data.keep.choices", { count: keep.years }),
      contactDetails: t("choice:my.data.keep.contacts", { count: keep.months }),
      changeRequests: t("choice:my.data.keep.choices", { count: keep.years }),
      unconfirmedChoice: t("choice:my.data.keep.draft", { count: keep.hours }),
      sessions: t("choice:my.data.keep.sessions", { minutes: cfg.SESSION_IDLE_MINUTES, hours: cfg.SESSION_ABSOLUTE_HOURS }),
      auditTrail: t("choice:my.data.keep.audit"),
    },
    identification: person
      ? {
          givenName: person.givenName,
          familyName: person.familyName,
          homeMunicipality: person.homeMunicipality,
          identifiedWith: person.identifiedWith,
          firstSignIn: person.createdAt,
          updatedAt: person.updatedAt,
        }
      : null,
    eligibilityAnswers: answers,
    choices: exported.map((c) => ({
      reference: c.reference,
      pilot: c.pilotSlug,
      pilotName: c.snapshot.pilotName,
      kind: c.kind,
      provider: c.snapshot.provider,
      providerSlug: c.providerSlug,
      contact:
        c.kind === "provider"
          ? {
              channel: c.contactChannel,
              phone: c.contactPhone,
              email: c.contactEmail,
              serviceLanguage: c.serviceLanguage,
              visibleToProviderUntil: c.contactVisibleUntil,
              firstContactRecordedByProviderOn: contacted.get(c.id) ?? null,
            }
          : null,
      lockMonths: c.snapshot.lockMonths,
      contactBy: c.snapshot.contactBy,
      chosenAt: c.chosenAt,
      status: c.status,
      endedAt: c.endedAt,
      endedReason: c.endedReason,
      keptUntil: choiceKeptUntil(pilots.get(c.pilotSlug)?.endsOn ?? null),
    })),
    history: listHistory(user).map((h) => ({ at: h.at, event: h.event, details: h.details })),
    changeRequests: listRequests(user).map((r) => ({
      requestedAt: r.requestedAt,
      reason: r.reason,
      status: r.status,
      decidedAt: r.decidedAt,
      decisionNote: r.decisionNote,
    })),
    unconfirmedChoice: draft
      ? {
          pilot: draft.pilotSlug,
          kind: draft.kind,
          providerSlug: draft.providerSlug,
          contactChannel: draft.contactChannel,
          phone: draft.contactPhone,
          email: draft.contactEmail,
          serviceLanguage: draft.serviceLanguage,
          updatedAt: draft.updatedAt,
        }
      : null,
    // The address for notifications and the messages about the person (decision 070).
    notifications: notificationsExport(user.id, db),
    // What the public service has decided about the person, recorded by an official (decision 073).
    assessedFacts: myAssessedFacts(user, lang, now, db).map(({ id: _id, ...r }) => r),
    sessions: sessionsOf(user.id, db).map((s) => ({ startedAt: new Date(s.createdAt).toISOString(), lastActiveAt: new Date(s.lastSeenAt).toISOString(), endsAt: new Date(s.expiresAt).toISOString() })),
    // Answers about recorded contacts and meetings, and problem reports (issue 16; decision 071).
    deliveryAnswers: myDeliveryItems(user, db).map((i) => ({
      kind: i.kind,
      on: i.on,
      provider: i.provider,
      answer: i.answer,
      note: i.note,
      state: i.state,
      officialAnswer: i.officialAnswer,
    })),
    problemReports: myReports(user, db).map((r) => ({
      provider: r.provider,
      category: r.category,
      description: r.description,
      createdAt: r.createdAt,
      state: r.state,
      answer: r.answer,
      handledAt: r.handledAt,
    })),
    auditTrail: auditTrailOf(user.actorId, db),
  };
}
