import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { contactDeadline, lastDayOfMonth } from "~/domain/first-contact";
import { decisionSchema } from "~/domain/official-provider";
import { addMonths, monthOf, monthRange } from "~/domain/results";
import { addMonths as addCalendarMonths } from "~/domain/switching";
import { formatDate } from "~/format";
import { tFor } from "~/i18n";
import { decideWeightyReason } from "../choice/choices.store";
import { fieldErrors, formValues, hasFormError, invalid, readPostedForm } from "../platform/forms";
import { firstContactCounts } from "../provider-staff/figures.store";
import { monthShort } from "../providers/format";
import { actorNames } from "./audit";
import { choiceCounts, decidedRequests, pendingRequests, requestOfPilot, type RequestRow } from "./choices.store";
import { providerIdsOfPilot, providersInNameOrder } from "./providers.store";
import { idParam, officialScope, pilotHeader, type OfficialScope } from "./scope";

/**
 * What the back office shows of the choices: the weighty-reason requests (with the person who asked:
 * an official decides about a named person) and the pilot's statistics (counts only, never a list
 * of people). The queries, each scoped to the official's pilot, are in ./choices.store.ts.
 */

/** The pilot's weighty-reason requests: the pending ones (oldest first), then the latest decided. */
export function listRequests(scope: OfficialScope) {
  const pending = pendingRequests(scope.pilot.slug);
  const decided = decidedRequests(scope.pilot.slug);
  const view = (r: RequestRow) => ({
    id: r.id,
    status: r.status,
    name: `${r.given} ${r.family}`,
    provider: r.snapshot.provider?.name ?? null,
    requestedOn: formatDate(r.requestedAt.slice(0, 10), scope.lang),
    decidedOn: r.decidedAt ? formatDate(r.decidedAt.slice(0, 10), scope.lang) : null,
  });
  return { pending: pending.map(view), decided: decided.map(view) };
}

/** One request of the pilot with what the official needs to decide it, or null (not of this pilot). */
function requestDetail(scope: OfficialScope, id: number) {
  const row = requestOfPilot(scope.pilot.slug, id);
  if (!row) return null;
  const c = row.choice;
  const lockEnds = c.snapshot.lockMonths > 0 ? addCalendarMonths(c.chosenOn, c.snapshot.lockMonths) : null;
  const decidedBy = row.r.decidedBy ? (actorNames(scope, [row.r.decidedBy]).get(row.r.decidedBy) ?? null) : null;
  return {
    id: row.r.id,
    status: row.r.status,
    name: `${row.given} ${row.family}`,
    reason: row.r.reason,
    requestedOn: formatDate(row.r.requestedAt.slice(0, 10), scope.lang),
    choice: {
      reference: c.reference,
      provider: c.snapshot.provider?.name ?? tFor(scope.lang)("official:requests.publicService"),
      chosenOn: formatDate(c.chosenOn, scope.lang),
      lockEnds: lockEnds ? formatDate(lockEnds, scope.lang) : null,
      current: c.status === "current",
    },
    decidedOn: row.r.decidedAt ? formatDate(row.r.decidedAt.slice(0, 10), scope.lang) : null,
    decidedBy,
    note: row.r.decisionNote,
  };
}

/**
 * Decides a request with the choice area's own function, which checks the role again, scopes the
 * update to the pilot, and writes the person's history row and the audit row in one transaction.
 * Approving lets the person choose again at once (app/domain/switching.ts).
 */
function decideRequest(scope: OfficialScope, id: number, decision: "approved" | "rejected", note: string): boolean {
  return decideWeightyReason(scope.user, { requestId: id, pilotSlug: scope.pilot.slug, decision, note }, scope.now);
}

/* ---------------------------------------------------------------------------------------------
 * Aggregates: counts only
 * ------------------------------------------------------------------------------------------- */

const statisticsMonths = 12;

/**
 * Choices per provider per month (the public service as one row), switches per month by why the
 * earlier choice ended, requests per month, and the customers each provider has now. Counts only.
 */
function pilotStatistics(scope: OfficialScope) {
  const slug = scope.pilot.slug;
  const t = tFor(scope.lang);
  const last = monthOf(scope.today);
  const first = addMonths(last, -(statisticsMonths - 1));
  const months = monthRange(first, last);
  const { chosen, current, switches, requests } = choiceCounts(slug, `${first}-01`);

  // Every provider of the pilot is a row, and any other provider its choices name.
  const ids = new Set<number>(providerIdsOfPilot(slug));
  for (const r of [...chosen, ...current]) if (r.providerId !== null) ids.add(r.providerId);
  const named = providersInNameOrder([...ids]);
  const subjects: { key: number | null; name: string }[] = [{ key: null, name: t("official:results.publicService") }, ...named.map((p) => ({ key: p.id, name: p.name }))];

  const byProvider = subjects.map((s) => {
    const counts = months.map((m) => chosen.filter((c) => c.providerId === s.key && c.month === m).reduce((sum, c) => sum + c.n, 0));
    return { name: s.name, counts, total: counts.reduce((a, b) => a + b, 0), current: current.find((c) => c.providerId === s.key)?.n ?? 0 };
  });
  const totals = months.map((_, i) => byProvider.reduce((sum, p) => sum + p.counts[i], 0));
  type Reason = "changed" | "weighty_reason" | "provider_left";
  const switchRows = months.map((m) => {
    const of = (reason: Reason) => switches.filter((s) => s.month === m && s.reason === reason).reduce((sum, s) => sum + s.n, 0);
    const requestsOf = (status: "pending" | "approved" | "rejected") => requests.filter((r) => r.month === m && r.status === status).reduce((sum, r) => sum + r.n, 0);
    return {
      month: monthShort(m),
      // Every switch, whatever ended the earlier choice: the columns after it say why.
      all: of("changed") + of("weighty_reason") + of("provider_left"),
      changed: of("changed"),
      weightyReason: of("weighty_reason"),
      providerLeft: of("provider_left"),
      requested: requestsOf("pending") + requestsOf("approved") + requestsOf("rejected"),
      approved: requestsOf("approved"),
      rejected: requestsOf("rejected"),
    };
  });
  return {
    months: months.map(monthShort),
    from: monthShort(first),
    to: monthShort(last),
    byProvider,
    totals,
    total: totals.reduce((a, b) => a + b, 0),
    switches: switchRows.reverse(),
  };
}

const contactStatisticsMonths = 6;

/**
 * Time to first contact from the contacts provider staff record (decision 055), for the pilot's
 * latest months (the current one still running): per provider and month, how many customers chose
 * it in Valinta and how many of them it contacted within 5 working days. Counts only.
 */
function firstContactStatistics(scope: OfficialScope) {
  const last = monthOf(scope.today);
  const months = monthRange(addMonths(last, -(contactStatisticsMonths - 1)), last);
  const counts = months.map((m) => firstContactCounts(scope.pilot.slug, m, scope.today));
  const names = new Map<string, string>();
  for (const month of counts) for (const c of month) names.set(c.businessId, c.providerName);
  const rows = [...names]
    .sort((a, b) => a[1].localeCompare(b[1], "fi"))
    .map(([businessId, name]) => ({
      businessId,
      name,
      cells: counts.map((month) => {
        const f = month.find((c) => c.businessId === businessId)?.figure;
        return f && f.started > 0 ? { started: f.started, within: f.within } : null;
      }),
    }));
  return {
    months: months.map((m) => ({ label: monthShort(m), running: scope.today <= contactDeadline(lastDayOfMonth(m)) })),
    rows,
  };
}

/* ---------------------------------------------------------------------------------------------
 * /{lang}/official/{pilot}/requests, …/requests/{id} and …/statistics
 * ------------------------------------------------------------------------------------------- */

/** /{lang}/official/{pilot}/requests: weighty-reason requests to change provider early. */
export function requestsLoader(args: LoaderFunctionArgs) {
  const scope = officialScope(args);
  const notice = new URL(args.request.url).searchParams.get("decided");
  return {
    lang: scope.lang,
    pilot: pilotHeader(scope),
    ...listRequests(scope),
    notice: notice === "approved" || notice === "rejected" ? notice : null,
  };
}

function loadRequest(args: LoaderFunctionArgs) {
  const scope = officialScope(args);
  const request = requestDetail(scope, idParam(args.params.id));
  if (!request) throw new Response(null, { status: 404 });
  return { scope, request };
}

/** /{lang}/official/{pilot}/requests/{id}: read a weighty reason and decide it. */
export function requestLoader(args: LoaderFunctionArgs) {
  const { scope, request } = loadRequest(args);
  return { lang: scope.lang, pilot: pilotHeader(scope), request, formError: hasFormError(args.context) };
}

export async function requestAction(args: ActionFunctionArgs) {
  const { scope, request } = loadRequest(args);
  const form = await readPostedForm(args.request);
  const values = formValues(form, ["decision", "note"]) as Record<string, string>;
  const parsed = decisionSchema.safeParse(values);
  if (!parsed.success) return invalid(args.context, { values, errors: fieldErrors(parsed.error) });
  if (!decideRequest(scope, request.id, parsed.data.decision, parsed.data.note)) {
    return invalid(args.context, { values, errors: { decision: "requests.errors.alreadyDecided" } });
  }
  throw redirect(`/${scope.lang}/official/${scope.pilot.slug}/requests?decided=${parsed.data.decision}`, 303);
}

/** /{lang}/official/{pilot}/statistics: choices and switches in the pilot, as counts only. */
export function statisticsLoader(args: LoaderFunctionArgs) {
  const scope = officialScope(args);
  return { lang: scope.lang, pilot: pilotHeader(scope), stats: pilotStatistics(scope), contacts: firstContactStatistics(scope) };
}
