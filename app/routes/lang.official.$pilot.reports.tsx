import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { queueLoader } from "~/.server/accountability/pages";
import { OfficialFrame } from "~/components/official/OfficialFrame";
import { officialMeta } from "~/components/official/meta";
import { caseStates, reportCategories } from "~/domain/accountability-words";
import { tFor, langOfParams } from "~/i18n";

export const meta: MetaFunction<typeof loader> = ({ params, data }) =>
  officialMeta(params, "reports", data ? { pilot: data.pilot, title: tFor(langOfParams(params))("accountability:queue.title") } : undefined);

/**
 * /{lang}/official/{pilot}/reports: one queue of problem reports and disputes, filtered with a GET
 * form, 50 a page; the page links keep the filter (`?provider=&category=&state=&page=`).
 */
export function loader(args: LoaderFunctionArgs) {
  return queueLoader(args);
}

export default function ReportsQueue() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation("accountability");
  const base = `/${d.lang}/official/${d.pilot.slug}/reports`;
  const withOpen = d.providers.filter((p) => p.open.reports + p.open.disputes > 0);
  return (
    <OfficialFrame lang={d.lang} pilot={d.pilot} section="reports">
      <h1>{t("queue.heading")}</h1>
      {d.saved && (
        <div className="notice notice--success" role="status">
          <p>{t("queue.saved", { state: t(`state.${d.saved}`) })}</p>
        </div>
      )}
      <p className="lead">{t("queue.lead")}</p>

      <h2>{t("queue.perProvider")}</h2>
      {withOpen.length === 0 ? (
        <p>{t("queue.noneOpen")}</p>
      ) : (
        <ul>
          {withOpen.map((p) => (
            <li key={p.id}>
              <a href={`${base}?provider=${p.id}`}>{p.name}</a>: {t("queue.openReports", { count: p.open.reports })}, {t("queue.openDisputes", { count: p.open.disputes })}
            </li>
          ))}
        </ul>
      )}

      <form method="get" className="filters" aria-labelledby="queue-filters">
        <h2 id="queue-filters">{t("queue.filters")}</h2>
        <div className="field">
          <label htmlFor="filter-provider">{t("queue.provider")}</label>
          <select id="filter-provider" name="provider" defaultValue={d.filter.provider}>
            <option value="">{t("queue.all")}</option>
            {d.providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-category">{t("queue.category")}</label>
          <select id="filter-category" name="category" defaultValue={d.filter.category}>
            <option value="">{t("queue.all")}</option>
            {reportCategories.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
            <option value="dispute">{t("queue.disputes")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-state">{t("queue.state")}</label>
          <select id="filter-state" name="state" defaultValue={d.filter.state}>
            <option value="">{t("queue.all")}</option>
            {caseStates.map((s) => (
              <option key={s} value={s}>
                {t(`state.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t("queue.apply")}
        </button>
      </form>

      <h2>{t("queue.listHeading")}</h2>
      {d.rows.length === 0 ? (
        <p>{t("queue.none")}</p>
      ) : (
        <>
          <p>{t("queue.showing", { from: d.paging.from, to: d.paging.to, count: d.total })}</p>
          <div className="table-wrap" role="region" aria-labelledby="queue-caption" tabIndex={0}>
            <table className="official-table">
              <caption id="queue-caption">{t("queue.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("queue.received")}</th>
                  <th scope="col">{t("queue.provider")}</th>
                  <th scope="col">{t("queue.what")}</th>
                  <th scope="col">{t("queue.state")}</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">
                      <a href={`${base}/${r.key}`}>{r.on}</a>
                    </th>
                    <td>{r.provider}</td>
                    <td>
                      {r.kind === "report"
                        ? t(`category.${r.category}`)
                        : t("queue.dispute", { answer: t(`answer.${r.category}`), what: t(r.about?.kind === "meeting" ? "queue.aboutMeeting" : "queue.aboutContact", { date: r.aboutOn ?? "" }) })}
                    </td>
                    <td>{t(`state.${r.state}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {d.paging.pageCount > 1 && (
            <nav className="pagination" aria-label={t("queue.pages")}>
              <ul>
                {d.paging.previous && (
                  <li>
                    <a href={d.paging.previous}>{t("queue.previous")}</a>
                  </li>
                )}
                {d.paging.pages.map((p, i) =>
                  p === null ? (
                    <li key={`gap-${i}`} aria-hidden="true">
                      …
                    </li>
                  ) : (
                    <li key={p.number}>
                      <a href={p.href} aria-current={p.current ? "page" : undefined} aria-label={t("queue.pageN", { page: p.number })}>
                        {p.number}
                      </a>
                    </li>
                  ),
                )}
                {d.paging.next && (
                  <li>
                    <a href={d.paging.next}>{t("queue.next")}</a>
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
