import crypto from "node:crypto";
import { accountabilityColumns } from "~/domain/accountability";
import { csvLine, exportColumns } from "~/domain/results";
import { languages } from "~/i18n";
import { accountabilityVersion } from "../accountability/cases.store";
import { accountabilityCells } from "../accountability/published";
import { config } from "../platform/config";
import { getDb, type Db } from "../platform/db";
import { loadPilotSet } from "../eligibility/pilots.store";
import { allProvidersForExport } from "./providers.store";
import { exportMonth, openDataVersion, publishedMonths, type ExportRow } from "./results.store";

/**
 * The open data (docs/decisions/025-open-data.md): providers.json, results.csv and results.json.
 * Every response carries a weak ETag derived from what the data depends on (so a conditional
 * request is answered 304 without reading a row), Last-Modified, Cache-Control and CORS.
 */

export const licence = {
  name: "CC BY 4.0",
  url: "https://creativecommons.org/licenses/by/4.0/",
  attribution: "Valinta (esimerkkiaineisto / exempeldata / example data)",
} as const;

const cacheControl = "public, max-age=300";

function etagOf(version: string): string {
  return `W/"${crypto.createHash("sha256").update(version).digest("base64url").slice(0, 22)}"`;
}

/** Weak comparison (RFC 9110 §13.1.2): the W/ prefix is ignored; "*" matches anything. */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

function httpDate(iso: string | null): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d.toUTCString();
}

/**
 * The headers of an export, and a 304 when the client already has this version
 * (If-None-Match first; If-Modified-Since only without it).
 */
function conditional(request: Request, version: string, lastModifiedIso: string | null, contentType: string) {
  const etag = etagOf(version);
  const lastModified = httpDate(lastModifiedIso);
  const headers = new Headers({
    ETag: etag,
    "Cache-Control": cacheControl,
    "Content-Type": contentType,
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified",
    Vary: "Accept-Encoding",
  });
  if (lastModified) headers.set("Last-Modified", lastModified);
  const ifNoneMatch = request.headers.get("if-none-match");
  let notModified = matchesIfNoneMatch(ifNoneMatch, etag);
  if (!ifNoneMatch && lastModifiedIso) {
    const since = Date.parse(request.headers.get("if-modified-since") ?? "");
    // HTTP dates have whole seconds.
    if (!Number.isNaN(since) && Math.floor(Date.parse(lastModifiedIso) / 1000) * 1000 <= since) notModified = true;
  }
  if (notModified) {
    headers.delete("Content-Type");
    return { headers, notModified: new Response(null, { status: 304, headers }) };
  }
  return { headers, notModified: null };
}

type Thresholds = { of: (pilot: string) => number; key: string };

/**
 * Each pilot's small-number threshold, the one its pages use: a month's satisfaction mean from fewer
 * answers is published empty (docs/decisions/064-open-data-small-cells.md). A pilot whose rules do
 * not load gets the service's default (SMALL_NUMBER_THRESHOLD). `key` goes into the ETag, so that a
 * changed threshold, which changes the rows, also changes the tag.
 */
function openDataThresholds(db: Db): Thresholds {
  const set = loadPilotSet(db);
  const fallback = config().SMALL_NUMBER_THRESHOLD;
  const byPilot = new Map(set.ok ? set.pilots.map((p) => [p.slug, p.smallNumberThreshold] as const) : []);
  const key = [`*=${fallback}`, ...[...byPilot].map(([slug, t]) => `${slug}=${t}`).sort()].join(",");
  return { of: (pilot) => byPilot.get(pilot) ?? fallback, key };
}

/**
 * The columns of results.csv and results.json: the results, then per provider and month the
 * accountability counts (issue 16; docs/decisions/071-disputes-and-problem-reports.md), filled in
 * the rows of all customers (`group` all) of a provider and empty in the others.
 */
export const openDataColumns = [...exportColumns, ...accountabilityColumns] as const;
type OpenDataRow = ExportRow & Partial<Record<(typeof accountabilityColumns)[number], number | null>>;

const encoder = new TextEncoder();

/** A stream that reads one published month at a time, so memory does not grow with the data. */
function monthStream(
  db: Db,
  thresholds: Thresholds,
  write: { start: string; row: (r: OpenDataRow, first: boolean) => string; end: string },
): ReadableStream<Uint8Array> {
  const months = publishedMonths(db);
  let index = 0;
  let first = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(write.start));
    },
    pull(controller) {
      // A few months per pull keeps chunks large enough without holding much.
      let chunk = "";
      for (let i = 0; i < 12 && index < months.length; i++, index++) {
        const threshold = thresholds.of(months[index].pilot);
        const cells = accountabilityCells(months[index].pilot, months[index].month, threshold, db);
        for (const row of exportMonth(months[index], threshold, db)) {
          const extra = row.group === "all" && row.provider_business_id !== null ? cells.get(row.provider_business_id) : undefined;
          chunk += write.row(extra ? { ...row, ...extra } : row, first);
          first = false;
        }
      }
      if (chunk) controller.enqueue(encoder.encode(chunk));
      if (index >= months.length) {
        controller.enqueue(encoder.encode(write.end));
        controller.close();
      }
    },
  });
}

export function resultsCsvResponse(request: Request, db: Db = getDb()): Response {
  const version = openDataVersion(db);
  const thresholds = openDataThresholds(db);
  const { headers, notModified } = conditional(
    request,
    `csv:${version.results}:${thresholds.key}:${accountabilityVersion(db)}`,
    version.lastModified,
    "text/csv; charset=utf-8; header=present",
  );
  if (notModified) return notModified;
  headers.set("Content-Disposition", 'inline; filename="valinta-results.csv"');
  const body = monthStream(db, thresholds, {
    start: csvLine(openDataColumns),
    row: (r) => csvLine(openDataColumns.map((c) => r[c] ?? null)),
    end: "",
  });
  return new Response(body, { status: 200, headers });
}

export function resultsJsonResponse(request: Request, origin: string, db: Db = getDb()): Response {
  const version = openDataVersion(db);
  const thresholds = openDataThresholds(db);
  const { headers, notModified } = conditional(
    request,
    `json:${version.results}:${thresholds.key}:${accountabilityVersion(db)}:${origin}`,
    version.lastModified,
    "application/json; charset=utf-8",
  );
  if (notModified) return notModified;
  const meta = {
    licence: licence.name,
    licence_url: licence.url,
    attribution: licence.attribution,
    example_data: true,
    documentation: `${origin}/en/open-data`,
    columns: openDataColumns,
  };
  const head = JSON.stringify(meta);
  const body = monthStream(db, thresholds, {
    start: `${head.slice(0, -1)},"rows":[\n`,
    row: (r, first) => `${first ? "" : ",\n"}${JSON.stringify(Object.fromEntries(openDataColumns.map((c) => [c, r[c] ?? null])))}`,
    end: "\n]}\n",
  });
  return new Response(body, { status: 200, headers });
}

export function providersJsonResponse(request: Request, origin: string, db: Db = getDb()): Response {
  const version = openDataVersion(db);
  const { headers, notModified } = conditional(request, `providers:${version.providers}:${origin}`, version.lastModified, "application/json; charset=utf-8");
  if (notModified) return notModified;
  const providers = allProvidersForExport(db).map(({ provider: p, languages: langs, services, pilots, offices }) => ({
    business_id: p.businessId,
    slug: p.slug,
    name: p.name,
    example_data: p.isExample,
    short_description: p.shortDescription,
    long_description: p.longDescription,
    languages: langs,
    services,
    phone: p.phone,
    email: p.email,
    web: p.web,
    commitments: {
      takes_new_customers: p.takesNewCustomers,
      first_meeting_within_working_days: p.firstMeetingWithinDays,
      coach_meetings_per_month: p.coachMeetingsPerMonth,
      remote_meetings: p.remoteMeetings,
      languages: langs,
      verified_on: p.commitmentsVerifiedOn,
    },
    offices: offices.map((o) => ({
      street_address: o.streetAddress,
      postal_code: o.postalCode,
      municipality_code: o.municipalityCode,
      opening_hours: o.openingHours,
      opening_hours_note: o.openingHoursNote,
      accessibility: {
        step_free_entrance: o.accessibility.stepFreeEntrance,
        lift: o.accessibility.lift,
        accessible_toilet: o.accessibility.accessibleToilet,
        induction_loop: o.accessibility.inductionLoop,
        accessible_parking: o.accessibility.accessibleParking,
        note: o.accessibility.note,
      },
    })),
    pilots: pilots.map((pl) => ({ pilot: pl.pilotSlug, starts_on: pl.startsOn, ends_on: pl.endsOn })),
    profile_urls: Object.fromEntries(languages.map((l) => [l, `${origin}/${l}/providers/${p.slug}`])),
    updated_at: p.updatedAt,
  }));
  const body = JSON.stringify({
    licence: licence.name,
    licence_url: licence.url,
    attribution: licence.attribution,
    documentation: `${origin}/en/open-data`,
    providers,
  });
  return new Response(body, { status: 200, headers });
}
