import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { statisticsLoader } from "~/.server/official/choices";
import { TableWrap } from "~/components/official/Form";
import { OfficialFrame } from "~/components/official/OfficialFrame";
import { officialMeta } from "~/components/official/meta";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => officialMeta(params, "statistics", data);

/** /{lang}/official/{pilot}/statistics: choices and switches in the pilot, as counts only. */
export function loader(args: LoaderFunctionArgs) {
  return statisticsLoader(args);
}

export default function OfficialStatistics() {
  const { lang, pilot, stats, contacts } = useLoaderData<typeof loader>();
  const { t } = useTranslation("official");
  return (
    <OfficialFrame lang={lang} pilot={pilot} section="statistics">
      <h1>{t("statistics.heading")}</h1>
      <p className="lead">{t("statistics.lead", { from: stats.from, to: stats.to })}</p>

      <h2 id="choices-heading">{t("statistics.choices")}</h2>
      <p>{t("statistics.choicesLead", { count: stats.total })}</p>
      <TableWrap labelledBy="choices-heading">
        <table className="official-table official-table--numbers">
          <thead>
            <tr>
              <th scope="col">{t("statistics.subject")}</th>
              {stats.months.map((m) => (
                <th scope="col" key={m}>
                  {m}
                </th>
              ))}
              <th scope="col">{t("statistics.total")}</th>
              <th scope="col">{t("statistics.current")}</th>
            </tr>
          </thead>
          <tbody>
            {stats.byProvider.map((p) => (
              <tr key={p.name}>
                <th scope="row">{p.name}</th>
                {p.counts.map((n, i) => (
                  <td key={i}>{n}</td>
                ))}
                <td>{p.total}</td>
                <td>{p.current}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("statistics.total")}</th>
              {stats.totals.map((n, i) => (
                <td key={i}>{n}</td>
              ))}
              <td>{stats.total}</td>
              <td>{stats.byProvider.reduce((sum, p) => sum + p.current, 0)}</td>
            </tr>
          </tfoot>
        </table>
      </TableWrap>

      <h2 id="switches-heading">{t("statistics.switches")}</h2>
      <p>{t("statistics.switchesLead")}</p>
      <TableWrap labelledBy="switches-heading">
        <table className="official-table official-table--numbers">
          <thead>
            <tr>
              <th scope="col">{t("statistics.month")}</th>
              <th scope="col">{t("statistics.all")}</th>
              <th scope="col">{t("statistics.changed")}</th>
              <th scope="col">{t("statistics.weightyReason")}</th>
              <th scope="col">{t("statistics.providerLeft")}</th>
              <th scope="col">{t("statistics.requested")}</th>
              <th scope="col">{t("statistics.approved")}</th>
              <th scope="col">{t("statistics.rejected")}</th>
            </tr>
          </thead>
          <tbody>
            {stats.switches.map((s) => (
              <tr key={s.month}>
                <th scope="row">{s.month}</th>
                <td>{s.all}</td>
                <td>{s.changed}</td>
                <td>{s.weightyReason}</td>
                <td>{s.providerLeft}</td>
                <td>{s.requested}</td>
                <td>{s.approved}</td>
                <td>{s.rejected}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>

      <h2 id="contacts-heading">{t("statistics.contacts.heading")}</h2>
      <p>{t("statistics.contacts.lead")}</p>
      {contacts.rows.length === 0 ? (
        <p>{t("statistics.contacts.none", { count: contacts.months.length })}</p>
      ) : (
        <TableWrap labelledBy="contacts-heading">
          <table className="official-table official-table--numbers">
            <thead>
              <tr>
                <th scope="col">{t("statistics.subject")}</th>
                {contacts.months.map((m) => (
                  <th scope="col" key={m.label}>
                    {m.label}
                    {m.running && <span className="hint table-hint">{t("statistics.contacts.running")}</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {contacts.rows.map((r) => (
                <tr key={r.businessId}>
                  <th scope="row">{r.name}</th>
                  {r.cells.map((c, i) => (
                    <td key={i}>{c ? t("statistics.contacts.cell", { within: c.within, started: c.started }) : "–"}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <p className="hint">{t("statistics.note")}</p>
    </OfficialFrame>
  );
}
