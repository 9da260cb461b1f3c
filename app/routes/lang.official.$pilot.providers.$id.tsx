import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { providerAction, providerLoader, type ProviderFormName } from "~/.server/official/providers";
import { CsrfField } from "~/components/CsrfField";
import { ErrorSummary, TableWrap, TextField } from "~/components/official/Form";
import { OfficialFrame } from "~/components/official/OfficialFrame";
import { DateFields, ProviderFields, SharedDetails } from "~/components/official/ProviderFields";
import { officialMeta } from "~/components/official/meta";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => officialMeta(params, "provider", data ? { ...data, title: data.provider.name } : undefined);

/** /{lang}/official/{pilot}/providers/{id}: edit, set the dates (join or leave), suspend; who to tell. */
export function loader(args: LoaderFunctionArgs) {
  return providerLoader(args);
}

export function action(args: ActionFunctionArgs) {
  return providerAction(args);
}

export default function OfficialProvider() {
  const d = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const { t } = useTranslation("official");
  const p = d.provider;
  const errorsOf = (form: ProviderFormName) => (posted?.form === form ? posted.errors : {});
  const valuesOf = <T extends Record<string, unknown>>(form: ProviderFormName, fallback: T) => (posted?.form === form ? posted.values : fallback);
  const allErrors = posted?.errors ?? {};
  const leaving = p.state !== "active" || p.endsOn !== null;
  return (
    <OfficialFrame lang={d.lang} pilot={d.pilot} section="providers">
      <h1>{p.name}</h1>
      {/* An earlier save's confirmation is not shown beside the errors of a new attempt. */}
      {d.notice && !posted && (
        <div className="notice notice--success" role="status">
          <p>{t(`provider.notice.${d.notice}`)}</p>
        </div>
      )}
      <ErrorSummary errors={allErrors} />
      <dl className="summary">
        <dt>{t("providers.columns.businessId")}</dt>
        <dd>{p.businessId}</dd>
        <dt>{t("providers.columns.state")}</dt>
        <dd>
          {t(`providers.state.${p.state}`)}
          {": "}
          {p.endsOn ? t("home.dates", { start: p.startsOn, end: p.endsOn }) : t("home.from", { start: p.startsOn })}
        </dd>
        <dt>{t("provider.verified")}</dt>
        <dd>{p.verifiedOn ? t("provider.verifiedOn", { date: p.verifiedOn }) : t("provider.notVerified")}</dd>
        <dt>{t("providers.columns.customers")}</dt>
        <dd>{p.currentCustomers}</dd>
      </dl>
      <p>
        <a href={`/${d.lang}/providers/${p.slug}`}>{t("provider.publicPage")}</a>
      </p>

      {p.suspension && (
        <section aria-labelledby="suspension-heading" className="callout">
          <h2 id="suspension-heading">{t("provider.suspended.heading", { date: p.suspension.since })}</h2>
          <p>{t("provider.suspended.reason", { reason: p.suspension.reason })}</p>
          <p>{t("provider.suspended.by", { who: p.suspension.by })}</p>
          <form method="post">
            <CsrfField />
            <button type="submit" name="intent" value="lift" className="button button--secondary">
              {t("provider.suspended.lift")}
            </button>
          </form>
        </section>
      )}

      {leaving && (
        <section aria-labelledby="tell-heading">
          <h2 id="tell-heading">{t("provider.tell.heading", { count: p.toTell.length })}</h2>
          <p>{t(p.state === "active" ? "provider.tell.leadLeaving" : "provider.tell.lead")}</p>
          {p.toTell.length > 0 && (
            <TableWrap labelledBy="tell-heading">
              <table className="official-table">
                <thead>
                  <tr>
                    <th scope="col">{t("provider.tell.name")}</th>
                    <th scope="col">{t("provider.tell.chosenOn")}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.toTell.map((c, i) => (
                    <tr key={i}>
                      <td>{c.name}</td>
                      <td>{c.chosenOn}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </section>
      )}

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t("provider.details")}</h2>
        {p.keepsShared ? (
          <>
            <p>{t("provider.detailsLead")}</p>
            {p.otherPilotCount > 0 && <p>{t("provider.shared.ownLead", { pilots: p.otherPilots, count: p.otherPilotCount })}</p>}
            <form method="post" noValidate>
              <CsrfField />
              <input type="hidden" name="intent" value="details" />
              <ProviderFields values={valuesOf("details", p.values)} errors={errorsOf("details")} languageOptions={d.languageOptions} />
              <div className="field">
                <div className="choice">
                  <input type="checkbox" id="field-verified" name="verified" value="yes" />
                  <div className="choice__text">
                    <label htmlFor="field-verified">{t("provider.verifyNow")}</label>
                  </div>
                </div>
              </div>
              <button type="submit" className="button">
                {t("provider.saveDetails")}
              </button>
            </form>
          </>
        ) : (
          <>
            <p>{p.homePilot ? t("provider.shared.keptBy", { pilot: p.homePilot }) : t("provider.shared.keptByNone")}</p>
            <SharedDetails values={p.values} languagesText={p.languagesText} servicesText={p.servicesText} />
          </>
        )}
      </section>

      {!p.suspension && (
        <section aria-labelledby="dates-heading">
          <h2 id="dates-heading">{t("provider.dates")}</h2>
          <p>{t("provider.datesLead")}</p>
          <form method="post" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="dates" />
            <DateFields values={valuesOf("dates", p.dates)} errors={errorsOf("dates")} />
            <button type="submit" className="button">
              {t("provider.saveDates")}
            </button>
          </form>
        </section>
      )}

      {p.state === "active" && (
        <section aria-labelledby="suspend-heading">
          <h2 id="suspend-heading">{t("provider.suspend.heading")}</h2>
          <p>{t("provider.suspend.lead")}</p>
          <form method="post" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="suspend" />
            <TextField
              name="reason"
              multiline
              label={t("provider.suspend.reason")}
              hint={t("provider.suspend.reasonHint")}
              value={String(valuesOf("suspend", { reason: "" }).reason ?? "")}
              error={errorsOf("suspend").reason}
            />
            <button type="submit" className="button button--warning">
              {t("provider.suspend.submit")}
            </button>
          </form>
        </section>
      )}

      <section aria-labelledby="changes-heading">
        <h2 id="changes-heading">{t("provider.history")}</h2>
        {p.history.length === 0 ? (
          <p>{t("provider.noHistory")}</p>
        ) : (
          <ul>
            {p.history.map((h, i) => (
              <li key={i}>
                {h.at}: {h.what} ({h.who})
              </li>
            ))}
          </ul>
        )}
      </section>
    </OfficialFrame>
  );
}
