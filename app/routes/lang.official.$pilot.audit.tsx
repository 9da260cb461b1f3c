import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { auditLoader } from "~/.server/official/audit";
import { TableWrap } from "~/components/official/Form";
import { OfficialFrame } from "~/components/official/OfficialFrame";
import { officialMeta } from "~/components/official/meta";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => officialMeta(params, "audit", data);

/** /{lang}/official/{pilot}/audit: the pilot's audit trail, newest first. */
export function loader(args: LoaderFunctionArgs) {
  return auditLoader(args);
}

export default function OfficialAudit() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation("official");
  const base = `/${d.lang}/official/${d.pilot.slug}/audit`;
  return (
    <OfficialFrame lang={d.lang} pilot={d.pilot} section="audit">
      <h1>{t("audit.heading")}</h1>
      {d.pageNotice && (
        <div className="notice" role="status">
          <p>{t("audit.pageNotice", { page: d.page })}</p>
        </div>
      )}
      <p className="lead">{t("audit.lead")}</p>
      {d.total === 0 ? (
        <p>{t("audit.none")}</p>
      ) : (
        <>
          <TableWrap labelledBy="audit-caption">
            <table className="official-table">
              <caption id="audit-caption">{t("audit.caption", { page: d.page, pages: d.pageCount, count: d.total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("audit.columns.at")}</th>
                  <th scope="col">{t("audit.columns.who")}</th>
                  <th scope="col">{t("audit.columns.what")}</th>
                  <th scope="col">{t("audit.columns.subject")}</th>
                  <th scope="col">{t("audit.columns.details")}</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => (
                  <tr key={r.id}>
                    <td>{r.at}</td>
                    <td>{r.who}</td>
                    <td>{r.what}</td>
                    <td className="cell--code">{r.subject}</td>
                    <td className="cell--code">{r.details}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {d.pageCount > 1 && (
            <nav className="pagination" aria-label={t("audit.pages")}>
              <ul>
                {d.page > 1 && (
                  <li>
                    <a href={`${base}?page=${d.page - 1}`}>{t("audit.newer")}</a>
                  </li>
                )}
                {d.page < d.pageCount && (
                  <li>
                    <a href={`${base}?page=${d.page + 1}`}>{t("audit.older")}</a>
                  </li>
                )}
              </ul>
            </nav>
          )}
        </>
      )}
    </OfficialFrame>
  );
}
