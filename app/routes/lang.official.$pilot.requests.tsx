import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requestsLoader } from "~/.server/official/choices";
import { TableWrap } from "~/components/official/Form";
import { OfficialFrame } from "~/components/official/OfficialFrame";
import { officialMeta } from "~/components/official/meta";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => officialMeta(params, "requests", data);

/** /{lang}/official/{pilot}/requests: weighty-reason requests to change provider early. */
export function loader(args: LoaderFunctionArgs) {
  return requestsLoader(args);
}

type Row = ReturnType<typeof loader>["pending"][number];

function RequestTable({ id, caption, rows, base }: { id: string; caption: string; rows: Row[]; base: string }) {
  const { t } = useTranslation("official");
  return (
    <TableWrap labelledBy={id}>
      <table className="official-table">
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("requests.columns.person")}</th>
            <th scope="col">{t("requests.columns.provider")}</th>
            <th scope="col">{t("requests.columns.received")}</th>
            <th scope="col">{t("requests.columns.status")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <a href={`${base}/${r.id}`}>{r.name}</a>
              </th>
              <td>{r.provider ?? t("requests.publicService")}</td>
              <td>{r.requestedOn}</td>
              <td>
                {t(`requests.status.${r.status}`)}
                {r.decidedOn && ` ${r.decidedOn}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export default function OfficialRequests() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation("official");
  const base = `/${d.lang}/official/${d.pilot.slug}/requests`;
  return (
    <OfficialFrame lang={d.lang} pilot={d.pilot} section="requests">
      <h1>{t("requests.heading")}</h1>
      {d.notice && (
        <div className="notice notice--success" role="status">
          <p>{t(`requests.notice.${d.notice}`)}</p>
        </div>
      )}
      <p className="lead">{t("requests.lead")}</p>
      <h2>{t("requests.pendingHeading")}</h2>
      {d.pending.length === 0 ? (
        <p>{t("requests.nonePending")}</p>
      ) : (
        <RequestTable id="pending-caption" caption={t("requests.pendingCaption", { count: d.pending.length })} rows={d.pending} base={base} />
      )}
      <h2>{t("requests.decidedHeading")}</h2>
      {d.decided.length === 0 ? (
        <p>{t("requests.noneDecided")}</p>
      ) : (
        <RequestTable id="decided-caption" caption={t("requests.decidedCaption")} rows={d.decided} base={base} />
      )}
    </OfficialFrame>
  );
}
