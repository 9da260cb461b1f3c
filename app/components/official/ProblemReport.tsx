import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { CsvProblem, CsvProblemCode, CsvRefusal } from "~/domain/csv-results";
import { TableWrap } from "./Form";

/** The rows of a problem: one row, a run of rows ("2–40"), or the first and last of scattered ones. */
function rowsOf(p: CsvProblem): string {
  if (p.row === null) return "";
  if (!p.count || p.count < 2 || p.lastRow === undefined || p.lastRow === p.row) return String(p.row);
  return p.lastRow - p.row + 1 === p.count ? `${p.row}–${p.lastRow}` : `${p.row}, …, ${p.lastRow}`;
}

/**
 * The validation report of a refused results file: what happened (nothing was published), then its
 * problems with their rows, columns and a message in the official's language. The same problem on
 * many rows is one line; at most the first 50 kinds are listed and the rest counted
 * (decision 052), so the page stays small whatever the file holds. Takes focus like an error
 * summary, and links to the file field so that the corrected file can be chosen at once.
 */
export function ProblemReport({ fileName, report }: { fileName: string | null; report: Omit<CsvRefusal, "ok"> }) {
  const { t } = useTranslation("official");
  const ref = useRef<HTMLDivElement>(null);
  const { problems, problemCount, problemRows, omitted, rowCount } = report;
  useEffect(() => {
    ref.current?.focus();
  }, [problems]);
  // The problems not listed: of a kind listed ("as on row 5"), or of other kinds (summed up).
  const sameKind: { code: CsvProblemCode; count: number; row: number }[] = [];
  let otherKinds = 0;
  for (const [code, count] of Object.entries(omitted) as [CsvProblemCode, number][]) {
    const listed = problems.find((p) => p.code === code);
    if (listed) sameKind.push({ code, count, row: listed.row ?? 1 });
    else otherKinds += count;
  }
  return (
    <div className="error-summary problem-report" role="alert" aria-labelledby="problem-report-title" tabIndex={-1} ref={ref}>
      <h2 id="problem-report-title">{t("results.report.heading")}</h2>
      <p>
        {fileName ? t("results.report.file", { file: fileName }) + " " : ""}
        {t("results.report.nothing")}
      </p>
      {rowCount > 0 && <p>{t("results.report.summary", { count: problemCount, rows: problemRows, total: rowCount })}</p>}
      <p>
        <a href="#field-file">{t("results.report.fix")}</a>
      </p>
      <TableWrap labelledBy="problem-report-title">
        <table className="official-table">
          <thead>
            <tr>
              <th scope="col">{t("results.report.row")}</th>
              <th scope="col">{t("results.report.column")}</th>
              <th scope="col">{t("results.report.problem")}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => (
              <tr key={i}>
                <td>{p.row === null ? t("results.report.wholeFile") : rowsOf(p)}</td>
                <td>{p.column ? <code>{p.column}</code> : "–"}</td>
                <td>
                  {t(`results.problems.${p.code}`, { value: p.value ?? "", detail: p.detail ?? "", row: p.row ?? "" })}
                  {p.count && p.count > 1 ? ` ${t("results.report.sameProblem", { count: p.count })}` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {sameKind.map((s) => (
        <p key={s.code}>{t("results.report.moreSameKind", { count: s.count, row: s.row })}</p>
      ))}
      {otherKinds > 0 && <p>{t("results.report.more", { count: otherKinds })}</p>}
    </div>
  );
}
