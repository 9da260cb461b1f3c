import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { addProviderAction, addProviderLoader } from "~/.server/official/providers";
import { CsrfField } from "~/components/CsrfField";
import { ErrorSummary, TextField } from "~/components/official/Form";
import { OfficialFrame } from "~/components/official/OfficialFrame";
import { DateFields, ProviderFields } from "~/components/official/ProviderFields";
import { officialMeta } from "~/components/official/meta";
import { addProviderFields } from "~/domain/official-provider";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => officialMeta(params, "addProvider", data);

const order = [...addProviderFields.slice(0, 2), "services", "languages", ...addProviderFields.slice(2)];

/** /{lang}/official/{pilot}/providers/new: register a provider and give it a place in the pilot. */
export function loader(args: LoaderFunctionArgs) {
  return addProviderLoader(args);
}

export function action(args: ActionFunctionArgs) {
  return addProviderAction(args);
}

export default function AddProvider() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const values = posted?.values ?? loaded.values;
  const errors: Record<string, string> = posted?.errors ?? {};
  const duplicate = posted?.duplicate ?? null;
  const { t } = useTranslation("official");
  const base = `/${loaded.lang}/official/${loaded.pilot.slug}/providers`;
  const text = (name: string) => (typeof values[name] === "string" ? (values[name]) : "");
  return (
    <OfficialFrame lang={loaded.lang} pilot={loaded.pilot} section="providers" narrow>
      <h1>{t("addProvider.heading")}</h1>
      {/* The texts' messages are the same in every language: the summary names the field. */}
      <ErrorSummary
        errors={errors}
        order={order}
        labels={Object.fromEntries((["Fi", "Sv", "En"] as const).flatMap((l) => [[`short${l}`, t(`addProvider.short${l}`)], [`long${l}`, t(`addProvider.long${l}`)]]))}
      />
      {duplicate && (
        <div className="notice" role="status">
          <p>{t(duplicate.inPilot ? "addProvider.duplicateInPilot" : "addProvider.duplicate", { name: duplicate.name })}</p>
          <p>
            {duplicate.inPilot ? (
              <a href={`${base}/${duplicate.id}`}>{t("addProvider.openExisting", { name: duplicate.name })}</a>
            ) : (
              <a href={`${base}/join?businessId=${encodeURIComponent(text("businessId"))}`}>{t("addProvider.joinExisting", { name: duplicate.name })}</a>
            )}
          </p>
        </div>
      )}
      <p className="lead">{t("addProvider.lead")}</p>
      <form method="post" noValidate>
        <CsrfField />
        <TextField name="businessId" label={t("providers.fields.businessId")} hint={t("providers.fields.businessIdHint")} value={text("businessId")} error={errors.businessId} className="input--medium" />
        <ProviderFields values={values} errors={errors} languageOptions={loaded.languageOptions} />
        <h2>{t("addProvider.texts")}</h2>
        <p className="hint">{t("addProvider.textsHint")}</p>
        {(["Fi", "Sv", "En"] as const).map((l) => (
          <TextField
            key={`short${l}`}
            name={`short${l}`}
            lang={l.toLowerCase()}
            multiline
            label={t(`addProvider.short${l}`)}
            hint={t("addProvider.shortHint")}
            value={text(`short${l}`)}
            error={errors[`short${l}`]}
          />
        ))}
        {(["Fi", "Sv", "En"] as const).map((l) => (
          <TextField
            key={`long${l}`}
            name={`long${l}`}
            lang={l.toLowerCase()}
            multiline
            label={t(`addProvider.long${l}`)}
            value={text(`long${l}`)}
            error={errors[`long${l}`]}
          />
        ))}
        <h2>{t("addProvider.contact")}</h2>
        <TextField name="phone" type="tel" label={t("addProvider.phone")} hint={t("addProvider.phoneHint")} value={text("phone")} error={errors.phone} />
        <TextField name="email" type="email" label={t("addProvider.email")} hint={t("addProvider.optional")} value={text("email")} error={errors.email} />
        <TextField name="web" type="url" label={t("addProvider.web")} hint={t("addProvider.webHint")} value={text("web")} error={errors.web} />
        <h2>{t("addProvider.participation")}</h2>
        <DateFields values={values} errors={errors} />
        <div className="button-row">
          <button type="submit" className="button">
            {t("addProvider.submit")}
          </button>
          <a href={base}>{t("common.cancel")}</a>
        </div>
      </form>
    </OfficialFrame>
  );
}
