import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { providersLoader } from "~/.server/official/providers";
import { TableWrap } from "~/components/official/Form";
import { OfficialFrame } from "~/components/official/OfficialFrame";
import { officialMeta } from "~/components/official/meta";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => officialMeta(params, "providers", data);

/** /{lang}/official/{pilot}/providers: the providers that serve, will serve or served the pilot. */
export function loader(args: LoaderFunctionArgs) {
  return providersLoader(args);
}

export default function OfficialProviders() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation("official");
  const base = `/${d.lang}/official/${d.pilot.slug}/providers`;
  return (
    <OfficialFrame lang={d.lang} pilot={d.pilot} section="providers">
      <h1>{t("providers.heading")}</h1>
      {d.added && (
        <div className="notice notice--success" role="status">
          <p>{t(d.added === "1" ? "providers.notice.added" : "providers.notice.joined")}</p>
        </div>
      )}
      <p className="lead">{t("providers.lead")}</p>
      <div className="button-row">
        <a className="button" href={`${base}/new`}>
          {t("providers.add")}
        </a>
        <a href={`${base}/join`}>{t("providers.joinExisting")}</a>
      </div>
      {d.providers.length === 0 ? (
        <p>{t("providers.none")}</p>
      ) : (
        <TableWrap labelledBy="providers-caption">
          <table className="official-table">
            <caption id="providers-caption">{t("providers.caption", { count: d.providers.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("providers.columns.name")}</th>
                <th scope="col">{t("providers.columns.businessId")}</th>
                <th scope="col">{t("providers.columns.dates")}</th>
                <th scope="col">{t("providers.columns.state")}</th>
                <th scope="col">{t("providers.columns.customers")}</th>
              </tr>
            </thead>
            <tbody>
              {d.providers.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <a href={`${base}/${p.id}`}>{p.name}</a>
                    {p.isExample && <span className="hint"> ({t("frame.exampleShort")})</span>}
                  </th>
                  <td>{p.businessId}</td>
                  <td>{p.endsOn ? t("home.dates", { start: p.startsOn, end: p.endsOn }) : t("home.from", { start: p.startsOn })}</td>
                  <td>
                    <span className={`state state--${p.state}`}>{t(`providers.state.${p.state}`)}</span>
                    {p.state === "active" && !p.takesNewCustomers && <span className="hint"> {t("providers.full")}</span>}
                    {!p.verified && <span className="hint"> {t("providers.unverified")}</span>}
                  </td>
                  <td>{p.customers}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </OfficialFrame>
  );
}
