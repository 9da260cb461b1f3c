import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { assessedFactsAction, assessedFactsLoader } from "~/.server/official/assessed-facts";
import { CsrfField } from "~/components/CsrfField";
import { ChoiceGroup, ErrorSummary, TableWrap, TextField } from "~/components/official/Form";
import { OfficialFrame } from "~/components/official/OfficialFrame";
import { officialMeta } from "~/components/official/meta";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => officialMeta(params, "assessed-facts", data);

/** /{lang}/official/{pilot}/assessed-facts: record what the public service has decided about a person (app/.server/official/assessed-facts.ts). */
export function loader(args: LoaderFunctionArgs) {
  return assessedFactsLoader(args);
}

export function action(args: ActionFunctionArgs) {
  return assessedFactsAction(args);
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
            <ErrorSummary errors={errors} order={d.fields} />
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
