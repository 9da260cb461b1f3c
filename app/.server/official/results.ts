import crypto from "node:crypto";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { compareContactFigures } from "~/domain/contact-check";
import { displayFileName, maxUploadBytes, maxUploadColumns, maxUploadRows, parseResultsCsv, refusal, type CsvRefusal, type StagedRow } from "~/domain/csv-results";
import { shareMeasures, type ShareMeasure } from "~/domain/results";
import { formatDateTime } from "~/format";
import { tFor } from "~/i18n";
import { readCookie, SESSION_COOKIE } from "../auth/session";
import { CSRF_FIELD, csrfIsValid } from "../platform/csrf";
import { bodyLimitOf, hasFormError, invalid, readPostedForm } from "../platform/forms";
import { tokenHash } from "../platform/identity";
import { logger } from "../platform/log";
import { readMultipart } from "../platform/multipart";
import { firstContactCounts } from "../provider-staff/figures.store";
import { meanView, monthName, shareView } from "../providers/format";
import { groupLabel } from "../providers/people-like-me";
import { publicKey } from "../providers/results.store";
import { actorNames } from "./audit";
import { providerNames, providerNamesByBusinessId } from "./providers.store";
import {
  deleteUpload,
  figuresAfter,
  figuresNow,
  findUpload,
  publishStagedUpload,
  resultMonthsOf,
  resultRowCounts,
  stageUpload,
  uploadContext,
  type PublishResult,
  type Upload,
} from "./results.store";
import { officialScope, pilotHeader, type OfficialScope } from "./scope";

/**
 * Monthly results in the back office (docs/decisions/052-results-upload.md): upload → row-by-row
 * report → preview of the comparison as it will look → publish. A file with any problem changes
 * nothing and is not kept. The pages' loaders, actions and view models; the staged rows, the
 * publication and the figures are in ./results.store.ts.
 */

export type UploadRead =
  | { ok: true; fileName: string; bytes: Uint8Array }
  | { ok: false; problem: "too-large" | "no-file" | "not-a-form" | "csrf" };

/**
 * Reads the multipart form (app/.server/platform/multipart.ts): at most maxUploadBytes of file, counted as
 * the body streams in; a larger file stops the reading with "too-large". The CSRF token travels in
 * the same form and is checked here.
 */
async function readUpload(request: Request): Promise<UploadRead> {
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

/** A staged upload is bound to the session that made it (by the hash of its token). */
function sessionHashOf(request: Request): string {
  const token = readCookie(request, SESSION_COOKIE);
  return token ? tokenHash(token) : "-";
}

export type CheckResult = { ok: true; id: string } | CsvRefusal;

/** Checks a file; a valid one is kept for the preview (and the id of its preview returned). */
function checkAndStage(scope: OfficialScope, request: Request, fileName: string, bytes: Uint8Array, now = scope.now): CheckResult {
  const checked = parseResultsCsv(bytes, uploadContext(scope));
  if (!checked.ok) {
    logger.info({ event: "results-upload-refused", pilot: scope.pilot.slug, problems: checked.problemCount, rows: checked.rowCount }, "results file refused");
    return checked;
  }
  const id = crypto.randomBytes(24).toString("base64url");
  stageUpload(scope, { id, sessionHash: sessionHashOf(request), fileName, rows: checked.rows, warnings: checked.warnings }, now);
  return { ok: true, id };
}

/** The staged upload, if it is this official's, of this pilot, from this session and not too old. */
function getUpload(scope: OfficialScope, request: Request, id: string): Upload | null {
  return findUpload(scope, sessionHashOf(request), id);
}

function discardUpload(scope: OfficialScope, request: Request, id: string): void {
  const found = getUpload(scope, request, id);
  if (found) deleteUpload(found.id);
}

/** Publishes the staged upload of this official's session (./results.store.ts publishStagedUpload). */
function publishUpload(scope: OfficialScope, request: Request, id: string, now = scope.now): PublishResult {
  return publishStagedUpload(scope, sessionHashOf(request), id, now);
}

/* ---------------------------------------------------------------------------------------------
 * The preview
 * ------------------------------------------------------------------------------------------- */

type FigureCell = { now: ReturnType<typeof shareView>; after: ReturnType<typeof shareView>; changed: boolean };

function uploadPreview(scope: OfficialScope, upload: Upload) {
  const { lang } = scope;
  const t = tFor(lang);
  const slug = scope.pilot.slug;
  const months = [...new Set(upload.rows.map((r) => r.month))].sort();
  const published = new Map(resultMonthsOf(slug, months).map((m) => [m.month, m]));
  const storedRows = resultRowCounts(slug, months);
  const names = providerNamesByBusinessId([...new Set(upload.rows.map((r) => r.provider_business_id).filter((b): b is string => b !== null))]);
  const publicName = t("official:results.publicService");

  const before = figuresNow(scope);
  const after = figuresAfter(scope, upload.rows);
  const keys = [...new Set([...(after?.figures.keys() ?? []), ...(before?.figures.keys() ?? [])])];
  const subjectNames = providerNames(keys.filter((k) => k !== publicKey));
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
        name: key === publicKey ? publicName : (subjectNames.get(key) ?? String(key)),
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
function publishedMonthsOf(scope: OfficialScope) {
  const slug = scope.pilot.slug;
  const counts = resultRowCounts(slug);
  const rows = resultMonthsOf(slug);
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

/* ---------------------------------------------------------------------------------------------
 * /{lang}/official/{pilot}/results and /{lang}/official/{pilot}/results/{upload}
 * ------------------------------------------------------------------------------------------- */

/** /{lang}/official/{pilot}/results: upload a month's results, and the months published so far. */
export function resultsLoader(args: LoaderFunctionArgs) {
  const scope = officialScope(args);
  const url = new URL(args.request.url);
  const published = (url.searchParams.get("published") ?? "").split(",").filter((m) => /^\d{4}-\d{2}$/.test(m)).slice(0, 24);
  return {
    lang: scope.lang,
    pilot: pilotHeader(scope),
    months: publishedMonthsOf(scope),
    published,
    expired: url.searchParams.get("expired") === "1",
    formError: hasFormError(args.context),
    // From the loader, so that the CSV reader stays out of the browser's bundle.
    limits: { rows: maxUploadRows, columns: maxUploadColumns },
  };
}

export async function resultsAction(args: ActionFunctionArgs) {
  const scope = officialScope(args);
  const read = await readUpload(args.request);
  if (!read.ok) {
    if (read.problem === "csrf") throw new Response(null, { status: 403 });
    return invalid(args.context, { fileName: null as string | null, report: refusal(read.problem) });
  }
  const checked = checkAndStage(scope, args.request, read.fileName, read.bytes);
  if (!checked.ok) return invalid(args.context, { fileName: read.fileName, report: checked });
  throw redirect(`/${scope.lang}/official/${scope.pilot.slug}/results/${checked.id}`, 303);
}

/**
 * /{lang}/official/{pilot}/results/{upload}: a checked file before publication — its months (new
 * or replacing a published one), the file's time-to-first-contact figures beside the contacts
 * recorded in Valinta (decision 055), its rows, and the comparison as it will look. The rows stay on
 * the server under the upload's id, which only this official's session can open.
 */
export function previewLoader(args: LoaderFunctionArgs) {
  const scope = officialScope(args);
  const upload = getUpload(scope, args.request, args.params.upload ?? "");
  if (!upload) throw new Response(null, { status: 404 });
  return { lang: scope.lang, pilot: pilotHeader(scope), preview: uploadPreview(scope, upload) };
}

export async function previewAction(args: ActionFunctionArgs) {
  const scope = officialScope(args);
  const form = await readPostedForm(args.request);
  const id = args.params.upload ?? "";
  const base = `/${scope.lang}/official/${scope.pilot.slug}/results`;
  if (form.get("intent") === "discard") {
    discardUpload(scope, args.request, id);
    throw redirect(base, 303);
  }
  if (form.get("intent") !== "publish") throw new Response(null, { status: 400 });
  const published = publishUpload(scope, args.request, id);
  if (!published.ok) throw redirect(`${base}?expired=1`, 303);
  throw redirect(`${base}?published=${published.months.map((m) => m.month).join(",")}`, 303);
}
