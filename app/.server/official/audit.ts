import type { LoaderFunctionArgs } from "@remix-run/node";
import { formatDateTime } from "~/format";
import { tFor } from "~/i18n";
import { loadPilots } from "../eligibility/pilots.store";
import { auditCount, auditRows, namesOfActors, rolesOfActors } from "./audit.store";
import { providerNames } from "./providers.store";
import { officialScope, pilotHeader, type OfficialScope } from "./scope";

/**
 * The audit trail of a pilot, for its officials: every row whose pilot is theirs, newest first, a
 * page at a time. Who did it is shown as "you", an official of the pilot by name, or a role: a
 * jobseeker is never named here (their own actions are in their own data download).
 */
const auditPageSize = 50;

/**
 * Who someone in the back office is, as other officials of the pilot may see it: "you", an
 * official of the pilot by name, or only a role. A jobseeker is never named here.
 */
export function actorNames(scope: OfficialScope, actors: string[]): Map<string, string> {
  const t = tFor(scope.lang);
  const out = new Map<string, string>();
  const unique = [...new Set(actors)];
  const roleRows = rolesOfActors(unique.filter((a) => a !== "seed" && a !== "system"));
  const officials = new Set(roleRows.filter((r) => r.kind === "official" && r.scope === scope.pilot.slug).map((r) => r.identityHash));
  const staff = new Set(roleRows.filter((r) => r.kind === "provider_staff").map((r) => r.identityHash));
  const officialName = namesOfActors([...officials]);
  for (const a of unique) {
    if (a === scope.user.actorId) out.set(a, t("official:actors.you"));
    else if (a === "seed" || a === "system") out.set(a, t("official:actors.system"));
    else if (officials.has(a)) out.set(a, officialName.has(a) ? t("official:actors.officialNamed", { name: officialName.get(a) }) : t("official:actors.official"));
    else if (staff.has(a)) out.set(a, t("official:actors.providerStaff"));
    else out.set(a, t("official:actors.person"));
  }
  return out;
}

/**
 * Who made a change, as the pilot's officials read it. A change to a shared provider made from
 * another pilot is written in this pilot's trail too, with that pilot in its details (`byPilot`):
 * it reads "an official of <that pilot>" (docs/decisions/065-provider-ownership-across-pilots.md).
 */
export function whoDid(scope: OfficialScope, names: Map<string, string>, row: { actor: string; details: unknown }): string {
  const byPilot = row.details && typeof row.details === "object" ? (row.details as Record<string, unknown>).byPilot : undefined;
  if (typeof byPilot === "string" && byPilot !== scope.pilot.slug) {
    const pilot = loadPilots().find((p) => p.slug === byPilot);
    return tFor(scope.lang)("official:actors.officialOfPilot", { pilot: pilot ? pilot.name[scope.lang] : byPilot });
  }
  return names.get(row.actor) ?? "";
}

/** What an audit row's action says, in the official's language (the action itself when it has no words). */
export function actionText(scope: OfficialScope, action: string): string {
  return tFor(scope.lang)(`official:audit.actions.${action.replace(/[.-]/g, "_")}`, { defaultValue: action });
}

export function auditPage(scope: OfficialScope, pageParam: string | null) {
  const total = auditCount(scope.pilot.slug);
  const pageCount = Math.max(1, Math.ceil(total / auditPageSize));
  const asked = pageParam && /^\d{1,6}$/.test(pageParam) ? Number(pageParam) : 1;
  const page = Math.min(Math.max(1, asked), pageCount);
  const rows = auditRows(scope.pilot.slug, auditPageSize, (page - 1) * auditPageSize);
  const names = actorNames(
    scope,
    rows.map((r) => r.actor),
  );
  const providerIds = rows.map((r) => /^provider:(\d+)$/.exec(r.subject ?? "")?.[1]).filter((id): id is string => !!id).map(Number);
  const named = new Map([...providerNames(providerIds)].map(([id, name]) => [`provider:${id}`, name]));
  return {
    total,
    page,
    pageCount,
    pageNotice: pageParam !== null && asked !== page,
    rows: rows.map((r) => ({
      id: r.id,
      at: formatDateTime(r.at, scope.lang),
      who: whoDid(scope, names, r),
      what: actionText(scope, r.action),
      subject: r.subject ? (named.get(r.subject) ?? r.subject) : "",
      details:
        r.details && typeof r.details === "object"
          ? Object.entries(r.details as Record<string, unknown>)
              // The pilot of the official who made it is said in "who".
              .filter(([k, v]) => v !== null && v !== "" && k !== "byPilot")
              .map(([k, v]) => `${k}: ${typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v)}`)
              .join("; ")
          : "",
    })),
  };
}

/** /{lang}/official/{pilot}/audit: the pilot's audit trail, newest first. */
export function auditLoader(args: LoaderFunctionArgs) {
  const scope = officialScope(args);
  return { lang: scope.lang, pilot: pilotHeader(scope), ...auditPage(scope, new URL(args.request.url).searchParams.get("page")) };
}
