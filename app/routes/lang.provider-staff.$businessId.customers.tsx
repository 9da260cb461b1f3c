import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { customersAction, customersLoader } from "~/.server/provider-staff/pages";
import { contactFieldId, CustomerCard, FirstContactFigures } from "~/components/staff/Customers";
import { ErrorSummary } from "~/components/staff/Form";
import { staffMeta } from "~/components/staff/meta";
import type { ContactError } from "~/view-models/staff";
import { meetingFieldId, StaffDisputes } from "~/components/accountability/StaffDelivery";

export const meta: MetaFunction<typeof loader> = ({ params, data }) =>
  staffMeta(params, "customers", { provider: data?.provider.name, state: data?.pageState });

export function loader(args: LoaderFunctionArgs) {
  return customersLoader(args);
}

export function action(args: ActionFunctionArgs) {
  return customersAction(args);
}

/** `/{lang}/provider-staff/{businessId}/customers`: who chose the provider, and the day each was first contacted. */
export default function ProviderStaffCustomers() {
  const d = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>() as { error?: ContactError } | undefined;
  const error = posted?.error ?? null;
  const { t } = useTranslation("staff");
  const base = `/${d.lang}/provider-staff/${d.provider.businessId}`;
  const errorCustomer = error ? d.customers.find((c) => c.id === error.choiceId) : undefined;
  const query = (page: number) => `?${new URLSearchParams({ ...(d.filter === "all" ? { show: "all" } : {}), ...(page > 1 ? { page: String(page) } : {}) }).toString()}`;
  return (
    <div className="page staff-page">
      <p className="breadcrumb">
        <a href={`/${d.lang}/provider-staff`}>{t("common.back")}</a>
      </p>
      <h1>{t("customers.heading", { provider: d.provider.name })}</h1>
      <p className="lead">{t("customers.lead")}</p>
      {error && errorCustomer && (
        <ErrorSummary
          errors={[{ target: error.field === "meetingOn" ? meetingFieldId(error.choiceId) : contactFieldId(error.choiceId), message: `${errorCustomer.name}: ${t(error.message)}` }]}
        />
      )}
      {d.meetingSaved && (
        <div className="notice notice--success" role="status">
          <p>{t("accountability:staff.meetingSaved", { name: d.meetingSaved.name })}</p>
        </div>
      )}
      {d.saved && !d.meetingSaved && (
        <div className="notice notice--success" role="status">
          <p>{t("customers.saved", { name: d.saved.name, date: d.saved.contactedOn })}</p>
        </div>
      )}
      <p className="hint">{t("customers.privacy")}</p>

      <form method="get" className="filters staff-filter">
        <fieldset className="field">
          <legend>{t("customers.filter.legend")}</legend>
          <div className="choice">
            <input type="radio" id="show-waiting" name="show" value="waiting" defaultChecked={d.filter === "waiting"} />
            <label htmlFor="show-waiting">{t("customers.filter.waiting", { count: d.counts.waiting })}</label>
          </div>
          <div className="choice">
            <input type="radio" id="show-all" name="show" value="all" defaultChecked={d.filter === "all"} />
            <label htmlFor="show-all">{t("customers.filter.all", { count: d.counts.all })}</label>
          </div>
        </fieldset>
        <button type="submit" className="button button--secondary">
          {t("customers.filter.submit")}
        </button>
      </form>

      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{d.filter === "waiting" ? t("customers.waitingHeading") : t("customers.allHeading")}</h2>
        {d.total === 0 ? (
          <p>{d.filter === "waiting" ? t("customers.noneWaiting") : t("customers.none")}</p>
        ) : (
          <>
            <p>{t("customers.showing", { from: d.from, to: d.to, count: d.total })}</p>
            <ul className="card-list staff-customers">
              {d.customers.map((c) => (
                <CustomerCard key={c.id} c={c} error={error && error.choiceId === c.id ? error : null} filter={d.filter} page={d.page} />
              ))}
            </ul>
          </>
        )}
        {d.pageCount > 1 && (
          <nav className="pagination" aria-label={t("customers.pages")}>
            <ul>
              {d.page > 1 && (
                <li>
                  <a href={`${base}/customers${query(d.page - 1)}`}>{t("customers.previous")}</a>
                </li>
              )}
              <li>{t("customers.pageOf", { page: d.page, count: d.pageCount })}</li>
              {d.page < d.pageCount && (
                <li>
                  <a href={`${base}/customers${query(d.page + 1)}`}>{t("customers.next")}</a>
                </li>
              )}
            </ul>
          </nav>
        )}
      </section>

      <StaffDisputes disputes={d.disputes} />

      <FirstContactFigures figures={d.figures} />

      <p>
        <a href={`${base}/profile`}>{t("customers.toProfile")}</a>
      </p>
    </div>
  );
}
