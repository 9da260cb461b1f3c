import crypto from "node:crypto";
import { TransactionRollbackError, and, count, desc, eq, inArray, lt } from "drizzle-orm";
import { pilots as pilotsTable, providerPilots, providers, resultMonths, resultUploads, results } from "../../../db/schema";
import { compareContactFigures } from "~/domain/contact-check";
import { maxUploadBytes, parseResultsCsv, type CsvRefusal, type CsvWarning, type StagedRow, type UploadContext } from "~/domain/csv-results";
import { shareMeasures, type ShareMeasure } from "~/domain/results";
import { formatDateTime } from "~/format";
import { tFor } from "~/i18n";
import { audit } from "../platform/audit.store";
import { CSRF_FIELD, csrfIsValid } from "../platform/csrf";
import { getDb, type Db } from "../platform/db";
import { tokenHash } from "../platform/identity";
import { logger } from "../platform/log";
import { bodyLimitOf } from "../platform/forms";
import { readMultipart } from "../platform/multipart";
import type { OfficialScope } from "./scope";
import { actorNames } from "./pilots";
import { meanView, monthName, shareView } from "../providers/format";
import { firstContactCounts } from "../provider-staff/figures.store";
import { pilotFigures, publicKey, type PilotFigures } from "../providers/results.store";
import { groupLabel } from "../providers/people-like-me";
import { readCookie, SESSION_COOKIE } from "../auth/session";

/**
 * Monthly results in the back office (docs/decisions/052-results-upload.md): upload → row-by-row
 * report → preview of the comparison as it will look → publish. A file with any problem changes
 * nothing and is not kept. A valid file's rows wait in result_uploads, bound to the official's
 * session and pilot, so that nothing of the file travels through the form; publishing writes the
 * months, their publication marks and audit rows in one transaction.
 */

type Tx = Pick<Db, "select" | "insert" | "update" | "delete">;

/** Staged uploads older than this are swept away (and cannot be published). */
const UPLOAD_HOURS = 24;

export type UploadRead =
  | { ok: true; fileName: string; bytes: Uint8Array }
  | { ok: false; problem: "too-large" | "no-file" | "not-a-form" | "csrf" };

/** A file name longer than this is shown shortened in the middle, keeping its end (the extension). */
const FILE_NAME_CHARS = 80;

/**
 * A file name as it may be shown and kept: any name is accepted (only the content is checked), but
 * control and formatting characters (line breaks, right-to-left overrides) become spaces, and a long
 * name is shortened in the middle. React escapes it wherever it is shown.
 */
export function displayFileName(name: string): string {
  const clean = name
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  const chars = [...clean];
  if (chars.length === 0) return "results.csv";
  if (chars.length <= FILE_NAME_CHARS) return clean;
  const tail = 25;
  return `${chars.slice(0, FILE_NAME_CHARS - tail - 1).join("")}…${chars.slice(-tail).join("")}`;
}

/**
 * Reads the multipart form (app/.server/platform/multipart.ts): at most maxUploadBytes of file, counted as
 * the body streams in; a larger file stops the reading with "too-large". The CSRF token travels in
 * the same form and is checked here.
 */
export async function readUpload(request: Request): Promise<UploadRead> {
  const read = await readMultipart(request, bodyLimitOf("routes/lang.official.$pilot.results"));
  if (!read.ok) return { ok: false, problem: read.problem };
  const form = new FormData();
  for (const part of read.parts) if (part.fileName === null && part.name === CSRF_FIELD) form.append(part.name, part.data.toString("utf8"));
  if (!csrfIsValid(request, form)) return { ok: false, problem: "csrf" };
  const file = read.parts.find((p) => p.name === "file" && p.fileName !== null);
  if (!file || (file.fileName === "" && file.data.length === 0)) return { ok: false, problem: "no-file" };
  if (file.data.length > maxUploadBytes) return { ok: false, problem: "too-large" };
  return { ok: true, fileName: displayFileName(file.fileName ?? ""), bytes: new Uint8Array(file.data) };
}

/** What the file is checked against: the pilot, today, and the registered providers with their pilots. */
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

function sessionHashOf(request: Request): string {
  const token = readCookie(request, SESSION_COOKIE);
  return token ? tokenHash(token) : "-";
}

export type CheckResult = { ok: true; id: string } | CsvRefusal;

/** Checks a file; a valid one is kept for the preview (and the id of its preview returned). */
export function checkAndStage(scope: OfficialScope, request: Request, fileName: string, bytes: Uint8Array, now = scope.now): CheckResult {
  const checked = parseResultsCsv(bytes, uploadContext(scope));
  if (!checked.ok) {
    logger.info({ event: "results-upload-refused", pilot: scope.pilot.slug, problems: checked.problemCount, rows: checked.rowCount }, "results file refused");
    return checked;
  }
  const id = crypto.randomBytes(24).toString("base64url");
  const db = getDb();
  db.transaction(
    (tx) => {
      // Uploads nobody published or discarded go after a day.
      tx.delete(resultUploads).where(lt(resultUploads.createdAt, new Date(now.getTime() - UPLOAD_HOURS * 3_600_000).toISOString())).run();
      // One upload waits per official and pilot: a new file replaces the previous one.
      tx.delete(resultUploads).where(and(eq(resultUploads.pilotSlug, scope.pilot.slug), eq(resultUploads.actor, scope.user.actorId))).run();
      tx.insert(resultUploads)
        .values({
          id,
          pilotSlug: scope.pilot.slug,
          actor: scope.user.actorId,
          sessionHash: sessionHashOf(request),
          fileName,
          rows: checked.rows,
          warnings: checked.warnings,
          createdAt: now.toISOString(),
        })
        .run();
    },
    { behavior: "immediate" },
  );
  return { ok: true, id };
}

type Upload = { id: string; fileName: string; rows: StagedRow[]; warnings: CsvWarning[]; createdAt: string };

/** The staged upload, if it is this official's, of this pilot, from this session and not too old. */
export function getUpload(scope: OfficialScope, request: Request, id: string, db: Pick<Db, "select"> = getDb()): Upload | null {
  if (!/^[A-Za-z0-9_-]{32}$/.test(id)) return null;
  const row = db
    .select()
    .from(resultUploads)
    .where(
      and(
        eq(resultUploads.id, id),
        eq(resultUploads.pilotSlug, scope.pilot.slug),
        eq(resultUploads.actor, scope.user.actorId),
        eq(resultUploads.sessionHash, sessionHashOf(request)),
      ),
    )
    .get();
  if (!row || scope.now.getTime() - Date.parse(row.createdAt) > UPLOAD_HOURS * 3_600_000) return null;
  return { id: row.id, fileName: row.fileName, rows: row.rows as unknown as StagedRow[], warnings: row.warnings as unknown as CsvWarning[], createdAt: row.createdAt };
}

export function discardUpload(scope: OfficialScope, request: Request, id: string): void {
  const found = getUpload(scope, request, id);
  if (found) getDb().delete(resultUploads).where(eq(resultUploads.id, found.id)).run();
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
export function publishUpload(scope: OfficialScope, request: Request, id: string, now = scope.now): PublishResult {
  const db = getDb();
  return db.transaction(
    (tx): PublishResult => {
      const upload = getUpload(scope, request, id, tx);
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

/* ---------------------------------------------------------------------------------------------
 * The preview
 * ------------------------------------------------------------------------------------------- */

// A publication time no real publication has: the figures computed for the preview are cached
// under it by pilotFigures, and never mistaken for the published figures.
const PREVIEW_STAMP = "9999-12-31T23:59:59.999Z";

/**
 * The pilot's figures as they will be once the upload is published: the rows are written in a
 * transaction that is always rolled back, and the comparison's own code computes the figures from
 * it, so the preview is the published comparison, not a second implementation of it.
 */
function figuresAfter(scope: OfficialScope, rows: StagedRow[]): PilotFigures | null {
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

type FigureCell = { now: ReturnType<typeof shareView>; after: ReturnType<typeof shareView>; changed: boolean };

export function uploadPreview(scope: OfficialScope, upload: Upload) {
  const db = getDb();
  const { lang } = scope;
  const t = tFor(lang);
  const slug = scope.pilot.slug;
  const months = [...new Set(upload.rows.map((r) => r.month))].sort();
  const published = new Map(
    db
      .select()
      .from(resultMonths)
      .where(and(eq(resultMonths.pilotSlug, slug), inArray(resultMonths.month, months)))
      .all()
      .map((m) => [m.month, m]),
  );
  const storedRows = new Map(
    db
      .select({ month: results.month, n: count() })
      .from(results)
      .where(and(eq(results.pilotSlug, slug), inArray(results.month, months)))
      .groupBy(results.month)
      .all()
      .map((r) => [r.month, r.n]),
  );
  const businessIds = [...new Set(upload.rows.map((r) => r.provider_business_id).filter((b): b is string => b !== null))];
  const names = new Map(
    (businessIds.length ? db.select({ businessId: providers.businessId, name: providers.name, id: providers.id }).from(providers).where(inArray(providers.businessId, businessIds)).all() : []).map(
      (p) => [p.businessId, p.name],
    ),
  );
  const publicName = t("official:results.publicService");

  const before = pilotFigures(slug, scope.pilot.smallNumberThreshold, db);
  const after = figuresAfter(scope, upload.rows);
  const keys = [...new Set([...(after?.figures.keys() ?? []), ...(before?.figures.keys() ?? [])])];
  const providerNames = new Map(
    (keys.filter((k) => k !== publicKey).length
      ? db.select({ id: providers.id, name: providers.name }).from(providers).where(inArray(providers.id, keys.filter((k) => k !== publicKey))).all()
      : []
    ).map((p) => [p.id, p.name]),
  );
  const subjects = keys
    .map((key) => {
      const shares = Object.fromEntries(
        shareMeasures.map((m) => {
          const now = shareView(lang, before?.figures.get(key)?.shares[m]);
          const later = shareView(lang, after?.figures.get(key)?.shares[m]);
          return [m, { now, after: later, changed: JSON.stringify(now) !== JSON.stringify(later) }];
        }),
      ) as Record<ShareMeasure, FigureCell>;
      const nowMean = meanView(lang, before?.figures.get(key)?.satisfaction);
      const laterMean = meanView(lang, after?.figures.get(key)?.satisfaction);
      return {
        key,
        name: key === publicKey ? publicName : (providerNames.get(key) ?? String(key)),
        shares,
        satisfaction: { now: nowMean, after: laterMean, changed: JSON.stringify(nowMean) !== JSON.stringify(laterMean) },
      };
    })
    .sort((a, b) => Number(b.key === publicKey) - Number(a.key === publicKey) || a.name.localeCompare(b.name, "fi"));

  const contacts = contactCheck(scope, upload.rows, months, (r) => (r.provider_business_id ? (names.get(r.provider_business_id) ?? r.provider_name) : publicName));

  return {
    fileName: upload.fileName,
    rowCount: upload.rows.length,
    contacts,
    months: months.map((m) => {
      const p = published.get(m);
      return {
        month: m,
        label: monthName(lang, m),
        rows: upload.rows.filter((r) => r.month === m).length,
        replaces: p?.publishedAt ? { rows: storedRows.get(m) ?? 0, publishedAt: formatDateTime(p.publishedAt, lang) } : null,
      };
    }),
    warnings: upload.warnings,
    rows: upload.rows.slice(0, 500).map((r) => ({
      row: r.row,
      month: monthName(lang, r.month),
      provider: r.provider_business_id ? (names.get(r.provider_business_id) ?? r.provider_name) : publicName,
      businessId: r.provider_business_id,
      /** The customer group's name; null for the row of all customers (a file staged before the breakdown has no group). */
      group: r.group && r.group !== "all" ? groupLabel(lang, r.group) : null,
      started: r.started,
      employed3m: r.employed_open_3m,
      employed6m: r.employed_open_6m,
      education: r.in_education,
      subsidised: r.in_subsidised_work,
      contacted: r.contacted_within_5_days,
      responses: r.satisfaction_responses,
      mean: r.satisfaction_mean,
    })),
    moreRows: Math.max(0, upload.rows.length - 500),
    comparison: after
      ? {
          latest: monthName(lang, after.latestMonth),
          windows: Object.fromEntries(Object.entries(after.windows).map(([m, w]) => [m, `${monthName(lang, w.from)} – ${monthName(lang, w.to)}`])) as Record<
            ShareMeasure | "satisfaction",
            string
          >,
          threshold: after.threshold,
          subjects,
        }
      : null,
  };
}

/**
 * Each month's `started` and `contacted_within_5_days` of the file beside the same figures from the
 * contacts provider staff have recorded in Valinta (decision 055): the file is what is published,
 * and the official sees before publishing where the two differ.
 */
function contactCheck(scope: OfficialScope, rows: StagedRow[], months: string[], nameOf: (r: StagedRow) => string) {
  const checked = months.map((month) => {
    const file = rows
      // The rows of all customers: a group's rows are a part of them.
      .filter((r) => r.month === month && (r.group ?? "all") === "all")
      .map((r) => ({ businessId: r.provider_business_id, name: nameOf(r), started: r.started, contacted: r.contacted_within_5_days }));
    const recorded = firstContactCounts(scope.pilot.slug, month, scope.today).map((c) => ({
      businessId: c.businessId,
      name: c.providerName,
      started: c.figure.started,
      within: c.figure.within,
      open: c.figure.open,
    }));
    return { month, label: monthName(scope.lang, month), rows: compareContactFigures(file, recorded) };
  });
  return { months: checked, differing: checked.reduce((sum, m) => sum + m.rows.filter((r) => r.differs.length > 0).length, 0) };
}

/** The pilot's published months, newest first, with when each was published and corrected. */
export function publishedMonthsOf(scope: OfficialScope) {
  const db = getDb();
  const slug = scope.pilot.slug;
  const counts = new Map(
    db
      .select({ month: results.month, n: count() })
      .from(results)
      .where(eq(results.pilotSlug, slug))
      .groupBy(results.month)
      .all()
      .map((r) => [r.month, r.n]),
  );
  const rows = db.select().from(resultMonths).where(eq(resultMonths.pilotSlug, slug)).orderBy(desc(resultMonths.month)).all();
  const who = actorNames(
    scope,
    rows.map((r) => r.publishedBy),
  );
  return rows
    .filter((r) => r.publishedAt)
    .map((r) => ({
      month: r.month,
      label: monthName(scope.lang, r.month),
      rows: counts.get(r.month) ?? 0,
      publishedAt: formatDateTime(r.publishedAt!, scope.lang),
      correctedAt: r.correctedAt ? formatDateTime(r.correctedAt, scope.lang) : null,
      by: who.get(r.publishedBy) ?? "",
    }));
}
