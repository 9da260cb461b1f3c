import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pilotAssessedFacts, pilotRecords, recordAssessedFact, recordSchema } from "~/.server/eligibility/assessed-facts";
import { officialScope, pilotHeader } from "~/.server/official/scope";
import { fieldErrors, formValues, hasFormError, invalid, readPostedForm } from "~/.server/platform/forms";
import { tFor } from "~/i18n";
import { CsrfField } from "~/components/CsrfField";
import { ChoiceGroup, ErrorSummary, TableWrap, TextField } from "~/components/official/Form";
import { OfficialFrame } from "~/components/official/OfficialFrame";
import { officialMeta } from "~/components/official/meta";


/** The form's fields, in the order the error summary lists them. */
const recordFields = ["identityCode", "fact", "value", "endsOn"] as const;

export const meta: MetaFunction<typeof loader> = ({ params, data }) => officialMeta(params, "assessed-facts", data);

/**
 * /{lang}/official/{pilot}/assessed-facts: an official of the pilot records what the public service
 * has decided about a person (docs/decisions/073-assessed-facts.md), and sees whom they confirmed and
 * what each chose. The identity code is typed into a POST form, never put in an address.
 */
export function loader(args: LoaderFunctionArgs) {
  const scope = officialScope(args);
  return {
    lang: scope.lang,
    pilot: pilotHeader(scope),
    title: tFor(scope.lang)("assessed:official.title"),
    facts: pilotAssessedFacts(scope.pilot),
    records: pilotRecords(scope),
    recorded: new URL(args.request.url).searchParams.get("recorded") === "1",
    formError: hasFormError(args.context),
  };
}

export async function action(args: ActionFunctionArgs) {
  const scope = officialScope(args);
  const form = await readPostedForm(args.request);
  const facts = pilotAssessedFacts(scope.pilot);
  if (facts.length === 0) throw new Response(null, { status: 404 });
  const values = formValues(form, [...recordFields]) as Record<string, string>;
  // One fact: it is the one recorded, without a question.
  if (facts.length === 1) values.fact = facts[0];
  const parsed = recordSchema(facts, scope.today).safeParse(values);
  if (!parsed.success) return invalid(args.context, { values, errors: fieldErrors(parsed.error) });
  recordAssessedFact(scope, parsed.data, scope.now);
  throw redirect(`/${scope.lang}/official/${scope.pilot.slug}/assessed-facts?recorded=1`, 303);
}

export default function OfficialAssessedFacts() {
  const d = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const { t } = useTranslation("assessed");
  const errors: Record<string, string> = posted?.errors ?? {};
  const values: Record<string, string> = posted?.values ?? {};
  return (
    <OfficialFrame lang={d.lang} pilot={d.pilot} section="assessed-facts">
      <h1>{t("official.heading")}</h1>
      {d.recorded && (
        <div className="notice notice--success" role="status">
          <p>{t("official.recorded")}</p>
        </div>
      )}
      {d.facts.length === 0 ? (
        <p className="lead">{t("official.none")}</p>
      ) : (
        <>
          <p className="lead">{t("official.lead")}</p>
          <section aria-labelledby="record-heading" className="page--narrow">
            <h2 id="record-heading">{t("official.formHeading")}</h2>
            <ErrorSummary errors={errors} order={[...recordFields]} />
            <form method="post" noValidate>
              <CsrfField />
              <TextField
                name="identityCode"
                label={t("official.identityCode")}
                hint={t("official.identityCodeHint")}
                value={values.identityCode}
                error={errors.identityCode}
                className="input--medium"
              />
              {d.facts.length > 1 && (
                <ChoiceGroup
                  name="fact"
                  legend={t("official.factLegend")}
                  options={d.facts.map((f) => ({ value: f, label: t(`fact.${f}.label`) }))}
                  value={values.fact}
                  error={errors.fact}
                />
              )}
              <ChoiceGroup
                name="value"
                legend={d.facts.length === 1 ? t(`fact.${d.facts[0]}.label`) : t("official.valueLegend")}
                options={[
                  { value: "yes", label: t("official.yes") },
                  { value: "no", label: t("official.no") },
                ]}
                value={values.value}
                error={errors.value}
                inline
              />
              <TextField name="endsOn" label={t("official.endsOn")} hint={t("official.endsOnHint")} value={values.endsOn} error={errors.endsOn} className="input--date" />
              <div className="button-row">
                <button type="submit" className="button">
                  {t("official.submit")}
                </button>
              </div>
            </form>
          </section>
          <section aria-labelledby="records-heading">
            <h2 id="records-heading">{t("official.listHeading")}</h2>
            {d.records.length === 0 ? (
              <p>{t("official.listEmpty")}</p>
            ) : (
              <TableWrap labelledBy="records-caption">
                <table className="official-table">
                  <caption id="records-caption">{t("official.listCaption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("official.columns.person")}</th>
                      <th scope="col">{t("official.columns.fact")}</th>
                      <th scope="col">{t("official.columns.recorded")}</th>
                      <th scope="col">{t("official.columns.choice")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.records.map((r) => (
                      <tr key={r.id}>
                        <th scope="row">{r.name ?? t("official.notSignedIn")}</th>
                        <td>
                          {t(`fact.${r.fact}.${r.value ? "true" : "false"}`)}
                          {r.endsOn && `, ${r.counts ? t("official.until", { date: r.endsOn }) : t("official.expired")}`}
                        </td>
                        <td>
                          {r.recordedAt}
                          {r.recordedBy && `, ${t("official.by", { name: r.recordedBy })}`}
                        </td>
                        <td>
                          {!r.choice
                            ? t("official.noChoice")
                            : r.choice.kind === "provider"
                              ? t("official.choseProvider", { provider: r.choice.provider ?? "", date: r.choice.chosenOn })
                              : t("official.chosePublic", { date: r.choice.chosenOn })}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            )}
          </section>
        </>
      )}
    </OfficialFrame>
  );
}
