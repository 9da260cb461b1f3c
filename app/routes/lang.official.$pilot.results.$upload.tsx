import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { previewAction, previewLoader } from "~/.server/official/results";
import { CsrfField } from "~/components/CsrfField";
import { TableWrap } from "~/components/official/Form";
import { OfficialFrame } from "~/components/official/OfficialFrame";
import { ContactCheck } from "~/components/official/ContactCheck";
import { FigureCell } from "~/components/official/FigureCell";
import { officialMeta } from "~/components/official/meta";
import { shareMeasures } from "~/domain/results";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => officialMeta(params, "preview", data);

/**
 * /{lang}/official/{pilot}/results/{upload}: a checked file before publication, and its publication
 * (app/.server/official/results.ts).
 */
export function loader(args: LoaderFunctionArgs) {
  return previewLoader(args);
}

export function action(args: ActionFunctionArgs) {
  return previewAction(args);
}

export default function UploadPreview() {
  const { lang, pilot, preview } = useLoaderData<typeof loader>();
  const { t } = useTranslation("official");
  const corrections = preview.months.filter((m) => m.replaces).length;
  return (
    <OfficialFrame lang={lang} pilot={pilot} section="results">
      <h1>{t("preview.heading")}</h1>
      <div className="notice notice--success" role="status">
        <p>{t("preview.valid", { file: preview.fileName, count: preview.rowCount })}</p>
      </div>
      <p className="lead">{t("preview.lead")}</p>

      <section aria-labelledby="months-heading">
        <h2 id="months-heading">{t("preview.months")}</h2>
        <ul>
          {preview.months.map((m) => (
            <li key={m.month}>
              {m.replaces
                ? t("preview.monthCorrection", { month: m.label, count: m.rows, old: m.replaces.rows, date: m.replaces.publishedAt })
                : t("preview.monthNew", { month: m.label, count: m.rows })}
            </li>
          ))}
        </ul>
        {corrections > 0 && <p>{t("preview.correctionNote")}</p>}
        {preview.warnings.length > 0 && (
          <div className="notice">
            <p>{t("preview.warnings")}</p>
            <ul>
              {preview.warnings.map((w, i) => (
                <li key={i}>{t("preview.nameDiffers", { row: w.row, value: w.value, detail: w.detail })}</li>
              ))}
            </ul>
          </div>
        )}
      </section>

      <ContactCheck months={preview.contacts.months} differing={preview.contacts.differing} />

      <form method="post" className="button-row publish-row">
        <CsrfField />
        <button type="submit" name="intent" value="publish" className="button">
          {corrections > 0 ? t("preview.publishCorrection") : t("preview.publish")}
        </button>
        <button type="submit" name="intent" value="discard" className="button button--secondary">
          {t("preview.discard")}
        </button>
      </form>

      <section aria-labelledby="comparison-heading">
        <h2 id="comparison-heading">{t("preview.comparison")}</h2>
        {preview.comparison ? (
          <>
            <p>{t("preview.comparisonLead", { latest: preview.comparison.latest, count: preview.comparison.threshold })}</p>
            <TableWrap labelledBy="comparison-heading">
              <table className="official-table official-table--figures">
                <thead>
                  <tr>
                    <th scope="col">{t("preview.subject")}</th>
                    {shareMeasures.map((m) => (
                      <th scope="col" key={m}>
                        {t(`results.measure.${m}`)}
                        <span className="hint table-hint">{preview.comparison!.windows[m]}</span>
                      </th>
                    ))}
                    <th scope="col">
                      {t("results.measure.satisfaction")}
                      <span className="hint table-hint">{preview.comparison.windows.satisfaction}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {preview.comparison.subjects.map((s) => (
                    <tr key={s.key}>
                      <th scope="row">{s.name}</th>
                      {shareMeasures.map((m) => (
                        <td key={m}>
                          <FigureCell cell={s.shares[m]} />
                        </td>
                      ))}
                      <td>
                        <FigureCell cell={s.satisfaction} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </>
        ) : (
          <p>{t("preview.noComparison")}</p>
        )}
      </section>

      <section aria-labelledby="rows-heading">
        <h2 id="rows-heading">{t("preview.rows")}</h2>
        <TableWrap labelledBy="rows-heading">
          <table className="official-table">
            <thead>
              <tr>
                <th scope="col">{t("results.report.row")}</th>
                <th scope="col">{t("results.months.month")}</th>
                <th scope="col">{t("preview.subject")}</th>
                <th scope="col">{t("results.column.started")}</th>
                <th scope="col">{t("results.measure.employed_open_3m")}</th>
                <th scope="col">{t("results.measure.employed_open_6m")}</th>
                <th scope="col">{t("results.measure.in_education")}</th>
                <th scope="col">{t("results.measure.in_subsidised_work")}</th>
                <th scope="col">{t("results.measure.contacted_within_5_days")}</th>
                <th scope="col">{t("results.column.satisfaction_responses")}</th>
                <th scope="col">{t("results.column.satisfaction_mean")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.row}>
                  <td>{r.row}</td>
                  <td>{r.month}</td>
                  <th scope="row">
                    {r.provider}
                    {r.businessId && <span className="hint"> {r.businessId}</span>}
                    {r.group && <span className="hint"> · {r.group}</span>}
                  </th>
                  {[r.started, r.employed3m, r.employed6m, r.education, r.subsidised, r.contacted, r.responses, r.mean].map((v, i) => (
                    <td key={i}>{v === null ? "–" : v}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        {preview.moreRows > 0 && <p>{t("preview.moreRows", { count: preview.moreRows })}</p>}
        <p className="hint">{t("preview.emptyMeans")}</p>
      </section>
    </OfficialFrame>
  );
}
