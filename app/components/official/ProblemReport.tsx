import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { CsvProblem } from "~/domain/csv-results";
import { TableWrap } from "./Form";

const shown = 500;

/**
 * The validation report of a refused results file: what happened (nothing was published), then
 * every problem with its row, column and a message in the official's language. Takes focus like
 * an error summary, and links to the file field so that the corrected file can be chosen at once.
 */
export function ProblemReport({ fileName, problems, rowCount }: { fileName: string | null; problems: CsvProblem[]; rowCount: number }) {
  const { t } = useTranslation("official");
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [problems.length]);
  const rows = new Set(problems.map((p) => p.row).filter((r) => r !== null)).size;
  return (
    <div className="error-summary problem-report" role="alert" aria-labelledby="problem-report-title" tabIndex={-1} ref={ref}>
      <h2 id="problem-report-title">{t("results.report.heading")}</h2>
      <p>
        {fileName ? t("results.report.file", { file: fileName }) + " " : ""}
        {t("results.report.nothing")}
      </p>
      {rowCount > 0 && <p>{t("results.report.summary", { count: problems.length, rows, total: rowCount })}</p>}
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
            {problems.slice(0, shown).map((p, i) => (
              <tr key={i}>
                <td>{p.row === null ? t("results.report.wholeFile") : p.row}</td>
                <td>{p.column ? <code>{p.column}</code> : "–"}</td>
                <td>{t(`results.problems.${p.code}`, { value: p.value ?? "", detail: p.detail ?? "", row: p.row ?? "" })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {problems.length > shown && <p>{t("results.report.more", { count: problems.length - shown })}</p>}
    </div>
  );
}
