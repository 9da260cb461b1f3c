import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { officialScope, pilotHeader } from "~/.server/official/scope";
import { hasFormError, invalid } from "~/.server/platform/forms";
import { checkAndStage, publishedMonthsOf, readUpload } from "~/.server/official/results";
import { CsrfField } from "~/components/CsrfField";
import { ErrorMessage, TableWrap } from "~/components/official/Form";
import { OfficialFrame } from "~/components/official/OfficialFrame";
import { ProblemReport } from "~/components/official/ProblemReport";
import { officialMeta } from "~/components/official/meta";
import { maxUploadColumns, maxUploadRows, refusal } from "~/domain/csv-results";
import { resultColumns } from "~/domain/results";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => officialMeta(params, "results", data);

/** /{lang}/official/{pilot}/results: upload a month's results, and the months published so far. */
export function loader(args: LoaderFunctionArgs) {
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

export async function action(args: ActionFunctionArgs) {
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
