import { publishedDelivery, reportCategories } from "~/domain/accountability";
import { getDb, type Db } from "../platform/db";
import { providersOfPilot } from "../providers/providers.store";
import { reportCountsByMonth } from "./cases.store";
import { deliveryByMonth } from "./delivery.store";

/**
 * The open data's accountability cells of one published month of a pilot, by provider business ID
 * (decision 071): meetings recorded, confirmed and disputed (the last two empty when fewer than
 * `threshold` customers' meetings are counted), and problem reports in all and per category.
 */
export function accountabilityCells(pilotSlug: string, month: string, threshold: number, db: Db = getDb()): Map<string, Record<string, number | null>> {
  const out = new Map<string, Record<string, number | null>>();
  const ids = providersOfPilot(pilotSlug, db);
  if (ids.length === 0) return out;
  const delivery = deliveryByMonth(ids.map((p) => p.id), pilotSlug, month, month, db);
  const reports = reportCountsByMonth(ids.map((p) => p.id), pilotSlug, month, month, db);
  for (const p of ids) {
    const d = delivery.get(`${p.id}/${month}`);
    const shown = d ? publishedDelivery(d, threshold) : { recorded: 0, confirmed: 0, disputed: 0 };
    const r = reports.get(`${p.id}/${month}`);
    out.set(p.businessId, {
      meetings_recorded: shown.recorded,
      meetings_confirmed: shown.confirmed,
      meetings_disputed: shown.disputed,
      problem_reports: r?.total ?? 0,
      ...Object.fromEntries(reportCategories.map((c) => [`problem_reports_${c}`, r?.[c] ?? 0])),
    });
  }
  return out;
}
