import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { resultsAction, resultsLoader } from "~/.server/official/results";
import { CsrfField } from "~/components/CsrfField";
import { ErrorMessage, TableWrap } from "~/components/official/Form";
import { OfficialFrame } from "~/components/official/OfficialFrame";
import { ProblemReport } from "~/components/official/ProblemReport";
import { officialMeta } from "~/components/official/meta";
import { resultColumns } from "~/domain/results";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => officialMeta(params, "results", data);

/** /{lang}/official/{pilot}/results: upload a month's results, and the months published so far. */
export function loader(args: LoaderFunctionArgs) {
  return resultsLoader(args);
}

export function action(args: ActionFunctionArgs) {
  return resultsAction(args);
}

export default function OfficialResults() {
  const d = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const { t } = useTranslation("official");
  const fileError = posted ? "results.upload.fileRefused" : undefined;
  return (
    <OfficialFrame lang={d.lang} pilot={d.pilot} section="results">
      <h1>{t("results.heading")}</h1>
      {d.published.length > 0 && (
        <div className="notice notice--success" role="status">
          <p>{t("results.notice.published", { count: d.published.length })}</p>
        </div>
      )}
      {d.expired && (
        <div className="notice" role="status">
          <p>{t("results.notice.expired")}</p>
        </div>
      )}
      {posted && <ProblemReport fileName={posted.fileName} report={posted.report} />}
      <p className="lead">{t("results.lead")}</p>

      <section aria-labelledby="upload-heading">
        <h2 id="upload-heading">{t("results.upload.heading")}</h2>
        <p>{t("results.upload.lead")}</p>
        <details>
          <summary>{t("results.upload.columns")}</summary>
          <p>{t("results.upload.columnsLead")}</p>
          <ul className="column-list">
            {resultColumns.map((c) => (
              <li key={c}>
                <code>{c}</code>: {t(`results.column.${c}`)}
              </li>
            ))}
          </ul>
          <p>
            {t("results.upload.openData")} <a href={`/${d.lang}/open-data`}>{t("results.upload.openDataLink")}</a>
          </p>
        </details>
        <form method="post" encType="multipart/form-data" noValidate>
          <CsrfField />
          <div className={`field${fileError ? " field--error" : ""}`}>
            <label htmlFor="field-file">{t("results.upload.file")}</label>
            <span id="field-file-hint" className="hint">
              {t("results.upload.fileHint", d.limits)}
            </span>
            <ErrorMessage id="field-file-error" error={fileError} />
            <input
              type="file"
              id="field-file"
              name="file"
              accept=".csv,text/csv"
              aria-describedby={`field-file-hint${fileError ? " field-file-error" : ""}`}
              aria-invalid={fileError ? true : undefined}
            />
          </div>
          <button type="submit" className="button">
            {t("results.upload.submit")}
          </button>
        </form>
      </section>

      <section aria-labelledby="months-heading">
        <h2 id="months-heading">{t("results.months.heading")}</h2>
        {d.months.length === 0 ? (
          <p>{t("results.months.none")}</p>
        ) : (
          <TableWrap labelledBy="months-heading">
            <table className="official-table">
              <thead>
                <tr>
                  <th scope="col">{t("results.months.month")}</th>
                  <th scope="col">{t("results.months.rows")}</th>
                  <th scope="col">{t("results.months.published")}</th>
                  <th scope="col">{t("results.months.corrected")}</th>
                </tr>
              </thead>
              <tbody>
                {d.months.map((m) => (
                  <tr key={m.month} className={d.published.includes(m.month) ? "row--changed" : undefined}>
                    <th scope="row">{m.label}</th>
                    <td>{m.rows}</td>
                    <td>{m.publishedAt}</td>
                    <td>{m.correctedAt ? t("results.months.correctedOn", { date: m.correctedAt }) : t("results.months.notCorrected")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </OfficialFrame>
  );
}
