import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { landingLoader } from "~/.server/provider-staff/pages";
import { staffMeta } from "~/components/staff/meta";

export const meta: MetaFunction = ({ params }) => staffMeta(params, "landing");

export function loader(args: LoaderFunctionArgs) {
  return landingLoader(args);
}

/** `/{lang}/provider-staff`: the providers the signed-in person works for, with what waits for them. */
export default function ProviderStaffLanding() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  return (
    <div className="page page--narrow staff-page">
      <h1>{t("landing.heading")}</h1>
      <p className="lead">{t("landing.lead")}</p>
      <ul className="card-list">
        {d.providers.map((p) => {
          const base = `/${d.lang}/provider-staff/${p.businessId}`;
          return (
            <li key={p.businessId} className="card">
              <h2 className="staff-card__name">{p.name}</h2>
              {p.isExample && (
                <p>
                  <span className="tag tag--example">{t("providers:example.tag")}</span> {t("landing.example")}
                </p>
              )}
              <dl className="summary">
                <dt>{t("landing.businessId")}</dt>
                <dd>{p.businessId}</dd>
                <dt>{t("landing.waiting")}</dt>
                <dd>{t("landing.waitingValue", { count: p.waiting })}</dd>
                <dt>{t("landing.thisMonth")}</dt>
                <dd>
                  {p.thisMonth.length === 0 ? (
                    t("landing.thisMonthNone")
                  ) : (
                    <ul className="plain-list">
                      {p.thisMonth.map((m) => (
                        <li key={m.pilotName}>
                          {m.pilotName}: {t("landing.thisMonthValue", { count: m.started, within: m.within, open: m.open })}
                        </li>
                      ))}
                    </ul>
                  )}
                </dd>
              </dl>
              <ul className="link-list">
                <li>
                  <a href={`${base}/customers`}>{t("landing.customers")}</a>
                </li>
                <li>
                  <a href={`${base}/profile`}>{t("landing.profile")}</a>
                </li>
                <li>
                  <a href={`/${d.lang}/providers/${p.slug}`}>{t("landing.publicPage")}</a>
                </li>
              </ul>
            </li>
          );
        })}
      </ul>
      {d.unknown.length > 0 && <p className="hint">{t("landing.unknown", { ids: d.unknown.join(", ") })}</p>}
    </div>
  );
}
