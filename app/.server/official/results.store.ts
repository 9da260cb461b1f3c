import { TransactionRollbackError, and, count, desc, eq, inArray, isNotNull, lt, max } from "drizzle-orm";
import { pilots as pilotsTable, providerPilots, providers, resultMonths, resultUploads, results } from "../../../db/schema";
import type { CsvWarning, StagedRow, UploadContext } from "~/domain/csv-results";
import { audit } from "../platform/audit.store";
import { getDb, type Db } from "../platform/db";
import { pilotFigures, type PilotFigures } from "../providers/results.store";
import type { OfficialScope } from "./scope";

/**
 * The results' store for the back office (docs/decisions/052-results-upload.md): the staged uploads,
 * the publication (the months, their publication marks and audit rows in one transaction), the
 * preview's figures, and what has been published. A valid file's rows wait in result_uploads, bound
 * to the official's session and pilot, so that nothing of the file travels through the form.
 */

type Tx = Pick<Db, "select" | "insert" | "update" | "delete">;

/** Staged uploads older than this are swept away (and cannot be published). */
const UPLOAD_HOURS = 24;

/** What a file is checked against: the pilot, today, and the registered providers with their pilots. */
export function uploadContext(scope: OfficialScope, db: Db = getDb()): UploadContext {
  const rows = db.select({ businessId: providers.businessId, name: providers.name, pilot: providerPilots.pilotSlug }).from(providers).leftJoin(providerPilots, eq(providerPilots.providerId, providers.id)).all();
  const map = new Map<string, { name: string; pilots: Set<string> }>();
  for (const r of rows) {
    let entry = map.get(r.businessId);
    if (!entry) map.set(r.businessId, (entry = { name: r.name, pilots: new Set() }));
    if (r.pilot) entry.pilots.add(r.pilot);
  }
  const slugs = new Set(db.select({ slug: pilotsTable.slug }).from(pilotsTable).all().map((p) => p.slug));
  return { pilot: scope.pilot.slug, today: scope.today, pilots: slugs, providers: map };
}

/**
 * Keeps a checked file's rows for its preview under `id`, bound to the official, the pilot and the
 * session. One upload waits per official and pilot: a new file replaces the previous one, and uploads
 * nobody published or discarded go after a day.
 */
export function stageUpload(
  scope: OfficialScope,
  upload: { id: string; sessionHash: string; fileName: string; rows: StagedRow[]; warnings: CsvWarning[] },
  now = scope.now,
): void {
  getDb().transaction(
    (tx) => {
      tx.delete(resultUploads).where(lt(resultUploads.createdAt, new Date(now.getTime() - UPLOAD_HOURS * 3_600_000).toISOString())).run();
      tx.delete(resultUploads).where(and(eq(resultUploads.pilotSlug, scope.pilot.slug), eq(resultUploads.actor, scope.user.actorId))).run();
      tx.insert(resultUploads)
        .values({
          id: upload.id,
          pilotSlug: scope.pilot.slug,
          actor: scope.user.actorId,
          sessionHash: upload.sessionHash,
          fileName: upload.fileName,
          rows: upload.rows,
          warnings: upload.warnings,
          createdAt: now.toISOString(),
        })
        .run();
    },
    { behavior: "immediate" },
  );
}

export type Upload = { id: string; fileName: string; rows: StagedRow[]; warnings: CsvWarning[]; createdAt: string };

/** The staged upload, if it is this official's, of this pilot, from this session and not too old. */
export function findUpload(scope: OfficialScope, sessionHash: string, id: string, db: Pick<Db, "select"> = getDb()): Upload | null {
  if (!/^[A-Za-z0-9_-]{32}$/.test(id)) return null;
  const row = db
    .select()
    .from(resultUploads)
    .where(and(eq(resultUploads.id, id), eq(resultUploads.pilotSlug, scope.pilot.slug), eq(resultUploads.actor, scope.user.actorId), eq(resultUploads.sessionHash, sessionHash)))
    .get();
  if (!row || scope.now.getTime() - Date.parse(row.createdAt) > UPLOAD_HOURS * 3_600_000) return null;
  return { id: row.id, fileName: row.fileName, rows: row.rows as unknown as StagedRow[], warnings: row.warnings as unknown as CsvWarning[], createdAt: row.createdAt };
}

export function deleteUpload(id: string): void {
  getDb().delete(resultUploads).where(eq(resultUploads.id, id)).run();
}

/** Provider ids by business ID, for the rows; null when one is not registered (any more). */
function providerIds(tx: Pick<Db, "select">, rows: StagedRow[]): Map<string, number> | null {
  const ids = [...new Set(rows.map((r) => r.provider_business_id).filter((b): b is string => b !== null))];
  const found = ids.length ? tx.select({ id: providers.id, businessId: providers.businessId }).from(providers).where(inArray(providers.businessId, ids)).all() : [];
  const map = new Map(found.map((p) => [p.businessId, p.id]));
  return ids.every((b) => map.has(b)) ? map : null;
}

type MonthWrite = { month: string; corrected: boolean; rows: number; replaced: number };

/** Replaces the months of the rows with the rows, and marks each month published (or corrected). */
function writeMonths(tx: Tx, pilotSlug: string, rows: StagedRow[], ids: Map<string, number>, at: string, actor: string): MonthWrite[] {
  const months = [...new Set(rows.map((r) => r.month))].sort();
  return months.map((month) => {
    const own = rows.filter((r) => r.month === month);
    const replaced = tx.delete(results).where(and(eq(results.pilotSlug, pilotSlug), eq(results.month, month))).run().changes;
    for (const r of own) {
      tx.insert(results)
        .values({
          pilotSlug,
          month,
          providerId: r.provider_business_id ? ids.get(r.provider_business_id)! : null,
          // A file staged before the breakdown existed has no group: its rows are the whole.
          customerGroup: r.group ?? "all",
          started: r.started,
          employedOpen3m: r.employed_open_3m,
          employedOpen6m: r.employed_open_6m,
          inEducation: r.in_education,
          inSubsidisedWork: r.in_subsidised_work,
          contactedWithin5Days: r.contacted_within_5_days,
          satisfactionResponses: r.satisfaction_responses,
          satisfactionMean: r.satisfaction_mean,
        })
        .run();
    }
    const existing = tx.select().from(resultMonths).where(and(eq(resultMonths.pilotSlug, pilotSlug), eq(resultMonths.month, month))).get();
    const corrected = !!existing?.publishedAt;
    if (!existing) tx.insert(resultMonths).values({ pilotSlug, month, publishedAt: at, correctedAt: null, publishedBy: actor }).run();
    else if (corrected) tx.update(resultMonths).set({ correctedAt: at, publishedBy: actor }).where(and(eq(resultMonths.pilotSlug, pilotSlug), eq(resultMonths.month, month))).run();
    else tx.update(resultMonths).set({ publishedAt: at, publishedBy: actor }).where(and(eq(resultMonths.pilotSlug, pilotSlug), eq(resultMonths.month, month))).run();
    return { month, corrected, rows: own.length, replaced };
  });
}

export type PublishResult = { ok: true; months: MonthWrite[] } | { ok: false; reason: "gone" | "stale" };

/**
 * Publishes a staged upload: every month in it is replaced and marked published (a month published
 * before is marked corrected, with the date), with one audit row per month, and the upload is
 * removed, all in one transaction. The site and the open data read only published months, so the
 * months show everywhere the moment the transaction commits.
 */
export function publishStagedUpload(scope: OfficialScope, sessionHash: string, id: string, now = scope.now): PublishResult {
  const db = getDb();
  return db.transaction(
    (tx): PublishResult => {
      const upload = findUpload(scope, sessionHash, id, tx);
      if (!upload) return { ok: false, reason: "gone" };
      const ids = providerIds(tx, upload.rows);
      if (!ids) return { ok: false, reason: "stale" };
      const at = now.toISOString();
      const written = writeMonths(tx, scope.pilot.slug, upload.rows, ids, at, scope.user.actorId);
      for (const m of written) {
        audit(
          tx,
          {
            actor: scope.user.actorId,
            action: m.corrected ? "results.correct" : "results.publish",
            subject: `${scope.pilot.slug}:${m.month}`,
            pilotSlug: scope.pilot.slug,
            details: { rows: m.rows, replaced: m.replaced },
          },
          now,
        );
      }
      tx.delete(resultUploads).where(eq(resultUploads.id, upload.id)).run();
      return { ok: true, months: written };
    },
    { behavior: "immediate" },
  );
}

// A publication time no real publication has: the figures computed for the preview are cached
// under it by pilotFigures, and never mistaken for the published figures.
const PREVIEW_STAMP = "9999-12-31T23:59:59.999Z";

/** The pilot's published figures as the comparison shows them now. */
export function figuresNow(scope: OfficialScope): PilotFigures | null {
  return pilotFigures(scope.pilot.slug, scope.pilot.smallNumberThreshold, getDb());
}

/**
 * The pilot's figures as they will be once the upload is published: the rows are written in a
 * transaction that is always rolled back, and the comparison's own code computes the figures from
 * it, so the preview is the published comparison, not a second implementation of it.
 */
export function figuresAfter(scope: OfficialScope, rows: StagedRow[]): PilotFigures | null {
  const db = getDb();
  let figures: PilotFigures | null = null;
  try {
    db.transaction((tx) => {
      const ids = providerIds(tx, rows);
      if (!ids) tx.rollback();
      writeMonths(tx, scope.pilot.slug, rows, ids!, PREVIEW_STAMP, scope.user.actorId);
      figures = pilotFigures(scope.pilot.slug, scope.pilot.smallNumberThreshold, db);
      tx.rollback();
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) throw error;
  }
  return figures;
}

export type ResultMonthRow = typeof resultMonths.$inferSelect;

/** The pilot's months, newest first, with their publication marks (a month may be unpublished). */
export function resultMonthsOf(pilotSlug: string, months?: string[]): ResultMonthRow[] {
  if (months && months.length === 0) return [];
  return getDb()
    .select()
    .from(resultMonths)
    .where(months ? and(eq(resultMonths.pilotSlug, pilotSlug), inArray(resultMonths.month, months)) : eq(resultMonths.pilotSlug, pilotSlug))
    .orderBy(desc(resultMonths.month))
    .all();
}

/** How many result rows the pilot has stored per month (of `months`, or all). */
export function resultRowCounts(pilotSlug: string, months?: string[]): Map<string, number> {
  if (months && months.length === 0) return new Map();
  return new Map(
    getDb()
      .select({ month: results.month, n: count() })
      .from(results)
      .where(months ? and(eq(results.pilotSlug, pilotSlug), inArray(results.month, months)) : eq(results.pilotSlug, pilotSlug))
      .groupBy(results.month)
      .all()
      .map((r) => [r.month, r.n]),
  );
}

/** The pilot's published months in short: the latest, how many, and when they were first published and last corrected. */
export function publishedSummary(pilotSlug: string) {
  return getDb()
    .select({ latest: max(resultMonths.month), updated: max(resultMonths.correctedAt), first: max(resultMonths.publishedAt), n: count() })
    .from(resultMonths)
    .where(and(eq(resultMonths.pilotSlug, pilotSlug), isNotNull(resultMonths.publishedAt)))
    .get();
}
