import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { officialHome } from "~/.server/official/overview";
import { officialMeta } from "~/components/official/meta";

export const meta: MetaFunction = ({ params }) => officialMeta(params, "home", undefined);

/** /{lang}/official: the pilots of the signed-in official (their roles say which). */
export function loader(args: LoaderFunctionArgs) {
  return officialHome(args);
}

export default function OfficialHome() {
  const { lang, pilots } = useLoaderData<typeof loader>();
  const { t } = useTranslation("official");
  return (
    <div className="page page--narrow official-page">
      <h1>{t("home.heading")}</h1>
      <p className="lead">{t("home.lead")}</p>
      <h2>{t("home.pilots")}</h2>
      <ul className="card-list card-list--single">
        {pilots.map((p) => (
          <li key={p.slug} className="card">
            <h3>
              <a href={`/${lang}/official/${p.slug}`}>{p.name}</a>
            </h3>
            {p.isExample && <p className="tag tag--example">{t("frame.example")}</p>}
            <p>
              {t(`status.${p.status}`)}
              {": "}
              {p.endsOn ? t("home.dates", { start: p.startsOn, end: p.endsOn }) : t("home.from", { start: p.startsOn })}
            </p>
            <p>{t("home.pending", { count: p.pendingRequests })}</p>
          </li>
        ))}
      </ul>
      <p className="hint">{t("home.scope")}</p>
    </div>
  );
}
