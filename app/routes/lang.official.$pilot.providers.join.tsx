import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { joinAction, joinLoader } from "~/.server/official/providers";
import { CsrfField } from "~/components/CsrfField";
import { ErrorSummary, TextField } from "~/components/official/Form";
import { OfficialFrame } from "~/components/official/OfficialFrame";
import { DateFields } from "~/components/official/ProviderFields";
import { officialMeta } from "~/components/official/meta";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => officialMeta(params, "join", data);

/**
 * /{lang}/official/{pilot}/providers/join: give a provider that is already registered (it serves
 * another pilot) a place in this pilot. Step 1 finds it by business ID (GET), step 2 sets the dates.
 */
export function loader(args: LoaderFunctionArgs) {
  return joinLoader(args);
}

export function action(args: ActionFunctionArgs) {
  return joinAction(args);
}

export default function JoinProvider() {
  const d = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const errors: Record<string, string> = posted?.errors ?? {};
  const values = posted?.values ?? d.values;
  const { t } = useTranslation("official");
  const base = `/${d.lang}/official/${d.pilot.slug}/providers`;
  return (
    <OfficialFrame lang={d.lang} pilot={d.pilot} section="providers" narrow>
      <h1>{t("join.heading")}</h1>
      <ErrorSummary errors={d.lookupError ? { businessId: d.lookupError } : errors} order={["businessId", "startsOn", "endsOn"]} />
      <p className="lead">{t("join.lead")}</p>
      <p>{t("join.shared")}</p>
      <form method="get">
        <TextField
          name="businessId"
          label={t("providers.fields.businessId")}
          hint={t("providers.fields.businessIdHint")}
          value={d.businessId}
          error={d.lookupError ?? undefined}
          className="input--medium"
        />
        <button type="submit" className="button button--secondary">
          {t("join.find")}
        </button>
      </form>
      {d.found && (
        <section aria-labelledby="found-heading">
          <h2 id="found-heading">{d.found.name}</h2>
          {d.found.inPilot ? (
            <p>
              {t("join.alreadyIn")} <a href={`${base}/${d.found.id}`}>{t("addProvider.openExisting", { name: d.found.name })}</a>
            </p>
          ) : (
            <form method="post" noValidate>
              <CsrfField />
              <input type="hidden" name="businessId" value={d.businessId} />
              <DateFields values={values} errors={errors} />
              <div className="button-row">
                <button type="submit" className="button">
                  {t("join.submit", { name: d.found.name })}
                </button>
                <a href={base}>{t("common.cancel")}</a>
              </div>
            </form>
          )}
        </section>
      )}
    </OfficialFrame>
  );
}
