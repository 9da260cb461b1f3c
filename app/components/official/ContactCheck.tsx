import { useTranslation } from "react-i18next";
import type { ContactCheckRow } from "~/domain/contact-check";
import { TableWrap } from "./Form";

type Month = { month: string; label: string; rows: ContactCheckRow[] };

const figure = (n: number | null | undefined) => (n === null || n === undefined ? "–" : n);

/** What the official reads about one row: what differs, in words, and what may still change. */
function Notes({ row }: { row: ContactCheckRow }) {
  const { t } = useTranslation("official");
  const notes: string[] = [];
  if (row.recorded === null) notes.push(t("preview.contacts.note.publicService"));
  else if (row.file === null) {
    notes.push(t("preview.contacts.note.missing", { count: row.recorded.started }));
  } else {
    if (row.differs.includes("started")) notes.push(t("preview.contacts.note.started", { file: row.file.started, recorded: row.recorded.started }));
    if (row.differs.includes("contacted")) {
      notes.push(
        row.file.contacted === null
          ? t("preview.contacts.note.contactedEmpty", { recorded: row.recorded.contacted })
          : t("preview.contacts.note.contacted", { file: row.file.contacted, recorded: row.recorded.contacted }),
      );
    }
    if (row.recorded.started === 0 && row.file.started > 0) notes.push(t("preview.contacts.note.noRecords"));
  }
  if (row.recorded && row.recorded.open > 0) notes.push(t("preview.contacts.note.open", { count: row.recorded.open }));
  return (
    <>
      {row.recorded !== null &&
        (row.differs.length > 0 ? <strong className="contact-flag">{t("preview.contacts.differs")}</strong> : <span>{t("preview.contacts.same")}</span>)}
      {notes.map((n, i) => (
        <span key={i} className="contact-note">
          {n}
        </span>
      ))}
    </>
  );
}

/**
 * The preview's check of the time-to-first-contact measure: for each provider row of each month,
 * the file's `started` and `contacted_within_5_days` beside the figures from the contacts recorded
 * in Valinta, with the rows that differ flagged in words (not by colour alone). The file's
 * figures are what is published (docs/decisions/055-first-contact-measure.md).
 */
export function ContactCheck({ months, differing }: { months: Month[]; differing: number }) {
  const { t } = useTranslation("official");
  return (
    <section aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">{t("preview.contacts.heading")}</h2>
      <p>{t("preview.contacts.lead")}</p>
      <div className={differing > 0 ? "notice" : "notice notice--success"}>
        <p>{differing > 0 ? t("preview.contacts.differing", { count: differing }) : t("preview.contacts.allMatch")}</p>
      </div>
      <TableWrap labelledBy="contacts-heading">
        <table className="official-table contact-check">
          <caption className="visually-hidden">{t("preview.contacts.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("results.months.month")}</th>
              <th scope="col">{t("preview.subject")}</th>
              <th scope="col">{t("preview.contacts.startedFile")}</th>
              <th scope="col">{t("preview.contacts.startedRecorded")}</th>
              <th scope="col">{t("preview.contacts.contactedFile")}</th>
              <th scope="col">{t("preview.contacts.contactedRecorded")}</th>
              <th scope="col">{t("preview.contacts.check")}</th>
            </tr>
          </thead>
          <tbody>
            {months.flatMap((m) =>
              m.rows.map((r) => (
                <tr key={`${m.month}:${r.businessId ?? "public"}`} className={r.differs.length > 0 ? "row--differs" : undefined}>
                  <td>{m.label}</td>
                  <th scope="row">
                    {r.name}
                    {r.businessId && <span className="hint"> {r.businessId}</span>}
                  </th>
                  <td>{figure(r.file?.started)}</td>
                  <td>{figure(r.recorded?.started)}</td>
                  <td>{figure(r.file?.contacted)}</td>
                  <td>{figure(r.recorded?.contacted)}</td>
                  <td>
                    <Notes row={r} />
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </TableWrap>
      <p className="hint">{t("preview.contacts.dash")}</p>
    </section>
  );
}
