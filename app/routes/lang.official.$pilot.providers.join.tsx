import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { officialScope, pilotHeader } from "~/.server/official/scope";
import { fieldErrors, formValues, hasFormError, invalid, readPostedForm } from "~/.server/platform/forms";
import { joinProvider, providerByBusinessId, type DuplicateProvider } from "~/.server/official/providers";
import { CsrfField } from "~/components/CsrfField";
import { ErrorSummary, TextField } from "~/components/official/Form";
import { OfficialFrame } from "~/components/official/OfficialFrame";
import { DateFields } from "~/components/official/ProviderFields";
import { officialMeta } from "~/components/official/meta";
import { businessIdField, joinSchema } from "~/domain/official-provider";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => officialMeta(params, "join", data);

/**
 * /{lang}/official/{pilot}/providers/join: give a provider that is already registered (it serves
 * another pilot) a place in this pilot. Step 1 finds it by business ID (GET), step 2 sets the dates.
 */
export function loader(args: LoaderFunctionArgs) {
  const scope = officialScope(args);
  const raw = (new URL(args.request.url).searchParams.get("businessId") ?? "").slice(0, 40);
  let lookupError: string | null = null;
  let found: DuplicateProvider | null = null;
  if (raw.trim() !== "") {
    const parsed = businessIdField.safeParse(raw);
    if (!parsed.success) lookupError = fieldErrors(parsed.error).form ?? "providers.errors.businessIdRequired";
    else {
      found = providerByBusinessId(scope, parsed.data);
      if (!found) lookupError = "join.errors.unknown";
    }
  }
  return {
    lang: scope.lang,
    pilot: pilotHeader(scope),
    businessId: raw.trim(),
    lookupError,
    found,
    values: { startsOn: scope.today, endsOn: "" } as Record<string, string>,
    formError: hasFormError(args.context) || lookupError !== null,
  };
}

export async function action(args: ActionFunctionArgs) {
  const scope = officialScope(args);
  const form = await readPostedForm(args.request);
  const values = formValues(form, ["businessId", "startsOn", "endsOn"]) as Record<string, string>;
  const parsed = joinSchema.safeParse(values);
  if (!parsed.success) return invalid(args.context, { values, errors: fieldErrors(parsed.error) });
  const joined = joinProvider(scope, parsed.data.businessId, { startsOn: parsed.data.startsOn!, endsOn: parsed.data.endsOn });
  if (!joined.ok) return invalid(args.context, { values, errors: { businessId: joined.reason === "already" ? "join.errors.already" : "join.errors.unknown" } });
  throw redirect(`/${scope.lang}/official/${scope.pilot.slug}/providers/${joined.id}?added=joined`, 303);
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
