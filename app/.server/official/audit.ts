import { count, desc, eq, inArray } from "drizzle-orm";
import { audit as auditTable, providers } from "../../../db/schema";
import { formatDateTime } from "~/format";
import { tFor } from "~/i18n";
import { getDb } from "../platform/db";
import type { OfficialScope } from "./scope";
import { actorNames } from "./pilots";
import { loadPilots } from "../eligibility/pilots.store";

/**
 * The audit trail of a pilot, for its officials: every row whose pilot is theirs, newest first, a
 * page at a time. Who did it is shown as "you", an official of the pilot by name, or a role: a
 * jobseeker is never named here (their own actions are in their own data download).
 */
export const auditPageSize = 50;

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

export function auditPage(scope: OfficialScope, pageParam: string | null) {
  const db = getDb();
  const t = tFor(scope.lang);
  const where = eq(auditTable.pilotSlug, scope.pilot.slug);
  const total = db.select({ n: count() }).from(auditTable).where(where).get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / auditPageSize));
  const asked = pageParam && /^\d{1,6}$/.test(pageParam) ? Number(pageParam) : 1;
  const page = Math.min(Math.max(1, asked), pageCount);
  const rows = db
    .select()
    .from(auditTable)
    .where(where)
    .orderBy(desc(auditTable.id))
    .limit(auditPageSize)
    .offset((page - 1) * auditPageSize)
    .all();
  const names = actorNames(
    scope,
    rows.map((r) => r.actor),
  );
  const providerIds = rows.map((r) => /^provider:(\d+)$/.exec(r.subject ?? "")?.[1]).filter((id): id is string => !!id).map(Number);
  const providerNames = new Map(
    (providerIds.length ? db.select({ id: providers.id, name: providers.name }).from(providers).where(inArray(providers.id, providerIds)).all() : []).map((p) => [
      `provider:${p.id}`,
      p.name,
    ]),
  );
  return {
    total,
    page,
    pageCount,
    pageNotice: pageParam !== null && asked !== page,
    rows: rows.map((r) => ({
      id: r.id,
      at: formatDateTime(r.at, scope.lang),
      who: whoDid(scope, names, r),
      what: t(`official:audit.actions.${r.action.replace(/[.-]/g, "_")}`, { defaultValue: r.action }),
      subject: r.subject ? (providerNames.get(r.subject) ?? r.subject) : "",
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
