import { count, desc, eq, inArray } from "drizzle-orm";
import { audit as auditTable, providers } from "../../db/schema";
import { formatDateTime } from "~/format";
import { tFor } from "~/i18n";
import { getDb } from "./db";
import type { OfficialScope } from "./official";
import { actorNames } from "./official-pilots";

/**
 * The audit trail of a pilot, for its officials: every row whose pilot is theirs, newest first, a
 * page at a time. Who did it is shown as "you", an official of the pilot by name, or a role: a
 * jobseeker is never named here (their own actions are in their own data download).
 */
export const auditPageSize = 50;

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
      who: names.get(r.actor) ?? "",
      what: t(`official:audit.actions.${r.action.replace(/[.-]/g, "_")}`, { defaultValue: r.action }),
      subject: r.subject ? (providerNames.get(r.subject) ?? r.subject) : "",
      details:
        r.details && typeof r.details === "object"
          ? Object.entries(r.details as Record<string, unknown>)
              .filter(([, v]) => v !== null && v !== "")
              .map(([k, v]) => `${k}: ${typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v)}`)
              .join("; ")
          : "",
    })),
  };
}
