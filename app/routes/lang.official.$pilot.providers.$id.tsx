import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { idParam, officialScope, pilotHeader } from "~/.server/official/scope";
import { fieldErrors, formValues, hasFormError, invalid, readPostedForm } from "~/.server/platform/forms";
import {
  languageOptions,
  liftSuspension,
  providerDetail,
  setDates,
  suspendProvider,
  updateProvider,
} from "~/.server/official/providers";
import { CsrfField } from "~/components/CsrfField";
import { ErrorSummary, TableWrap, TextField } from "~/components/official/Form";
import { OfficialFrame } from "~/components/official/OfficialFrame";
import { DateFields, ProviderFields, SharedDetails } from "~/components/official/ProviderFields";
import { officialMeta } from "~/components/official/meta";
import { datesSchema, editProviderFields, editProviderSchema, providerListFields, suspendSchema } from "~/domain/official-provider";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => officialMeta(params, "provider", data ? { ...data, title: data.provider.name } : undefined);

type FormName = "details" | "dates" | "suspend";
type Posted = { form: FormName; values: Record<string, string | string[]>; errors: Record<string, string> };

const done = ["updated", "dates", "suspended", "lifted", "added", "joined"] as const;

function load(args: LoaderFunctionArgs) {
  const scope = officialScope(args);
  const provider = providerDetail(scope, idParam(args.params.id));
  if (!provider) throw new Response(null, { status: 404 });
  return { scope, provider };
}

/** /{lang}/official/{pilot}/providers/{id}: edit, set the dates (join or leave), suspend; who to tell. */
export function loader(args: LoaderFunctionArgs) {
  const { scope, provider } = load(args);
  const url = new URL(args.request.url);
  const notice = [url.searchParams.get("done"), url.searchParams.get("added") === "1" ? "added" : url.searchParams.get("added")].find(
    (v): v is (typeof done)[number] => (done as readonly (string | null)[]).includes(v),
  );
  return {
    lang: scope.lang,
    pilot: pilotHeader(scope),
    provider,
    languageOptions: languageOptions(scope),
    notice: notice ?? null,
    formError: hasFormError(args.context),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { scope, provider } = load(args);
  const form = await readPostedForm(args.request);
  const intent = form.get("intent");
  const back = (what: (typeof done)[number]) => redirect(`/${scope.lang}/official/${scope.pilot.slug}/providers/${provider.id}?done=${what}`, 303);
  const refuse = (posted: Posted) => invalid(args.context, posted);

  if (intent === "details") {
    // The shared details are the home pilot's (decision 065): the page offers no form elsewhere.
    if (!provider.keepsShared) throw new Response(null, { status: 403 });
    const values = formValues(form, editProviderFields, providerListFields);
    const parsed = editProviderSchema.safeParse(values);
    if (!parsed.success) return refuse({ form: "details", values, errors: fieldErrors(parsed.error) });
    const result = updateProvider(scope, provider.id, parsed.data);
    if (!result.ok) throw new Response(null, { status: result.reason === "not-found" ? 404 : 403 });
    throw back("updated");
  }
  if (intent === "dates") {
    const values = formValues(form, ["startsOn", "endsOn"]);
    const parsed = datesSchema.safeParse(values);
    if (!parsed.success) return refuse({ form: "dates", values, errors: fieldErrors(parsed.error) });
    const result = setDates(scope, provider.id, { startsOn: parsed.data.startsOn!, endsOn: parsed.data.endsOn });
    if (!result.ok) return refuse({ form: "dates", values, errors: { startsOn: "providers.errors.suspendedDates" } });
    throw back("dates");
  }
  if (intent === "suspend") {
    const values = formValues(form, ["reason"]);
    const parsed = suspendSchema.safeParse(values);
    if (!parsed.success) return refuse({ form: "suspend", values, errors: fieldErrors(parsed.error) });
    const result = suspendProvider(scope, provider.id, parsed.data.reason);
    if (!result.ok) return refuse({ form: "suspend", values, errors: { reason: "providers.errors.notActive" } });
    throw back("suspended");
  }
  if (intent === "lift") {
    liftSuspension(scope, provider.id);
    throw back("lifted");
  }
  throw new Response(null, { status: 400 });
}

export default function OfficialProvider() {
  const d = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const { t } = useTranslation("official");
  const p = d.provider;
  const errorsOf = (form: FormName) => (posted?.form === form ? posted.errors : {});
  const valuesOf = <T extends Record<string, unknown>>(form: FormName, fallback: T) => (posted?.form === form ? posted.values : fallback);
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
