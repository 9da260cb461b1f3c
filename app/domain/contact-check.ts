/**
 * The results file's time-to-first-contact figures beside the contacts provider staff record in
 * Valinta (docs/decisions/055-first-contact-measure.md, "The officials' preview"). Pure: the
 * caller gives the file's rows of one month and the recorded figures of the same pilot and month.
 *
 * The file is what is published; this only tells the official where the two differ, so that a
 * mistake in the file can be fixed before it is published.
 */

/** One row of the file for one month: the public service has no business ID. */
export type FileContactFigures = { businessId: string | null; name: string; started: number; contacted: number | null };

/** One provider's figure of the month from the recorded contacts (firstContactFigure). */
export type RecordedContactFigures = { businessId: string; name: string; started: number; within: number; open: number };

export type ContactFigureName = "started" | "contacted";

export type ContactCheckRow = {
  businessId: string | null;
  name: string;
  /** The file's figures; null when the file has no row for a provider that has recorded customers. */
  file: { started: number; contacted: number | null } | null;
  /** Valinta's figures; null for the public service (its contacts are not recorded in Valinta). */
  recorded: { started: number; contacted: number; open: number } | null;
  /** The figures that differ; empty when the file and the records agree (or cannot be compared). */
  differs: ContactFigureName[];
};

const none = { started: 0, within: 0, open: 0 };

/**
 * Compares one month: every row of the file (in the file's order), then every provider with
 * customers recorded in Valinta that the file leaves out. A provider of the file without recorded
 * customers is compared with zeros: the file says customers started, Valinta knows of none.
 */
export function compareContactFigures(file: readonly FileContactFigures[], recorded: readonly RecordedContactFigures[]): ContactCheckRow[] {
  const byId = new Map(recorded.map((r) => [r.businessId, r]));
  const inFile = new Set<string>();
  const rows: ContactCheckRow[] = file.map((f) => {
    if (f.businessId === null) return { businessId: null, name: f.name, file: { started: f.started, contacted: f.contacted }, recorded: null, differs: [] };
    inFile.add(f.businessId);
    const r = byId.get(f.businessId) ?? none;
    const differs: ContactFigureName[] = [];
    if (f.started !== r.started) differs.push("started");
    if (f.contacted === null ? r.within > 0 : f.contacted !== r.within) differs.push("contacted");
    return {
      businessId: f.businessId,
      name: f.name,
      file: { started: f.started, contacted: f.contacted },
      recorded: { started: r.started, contacted: r.within, open: r.open },
      differs,
    };
  });
  for (const r of recorded) {
    if (inFile.has(r.businessId) || r.started === 0) continue;
    rows.push({
      businessId: r.businessId,
      name: r.name,
      file: null,
      recorded: { started: r.started, contacted: r.within, open: r.open },
      differs: r.within > 0 ? ["started", "contacted"] : ["started"],
    });
  }
  return rows;
}
