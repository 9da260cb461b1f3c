import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/Link";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { contactAction, contactLoader } from "~/.server/choice/journey";
import { pageStateOf } from "~/.server/platform/forms";
import { CsrfField } from "~/components/CsrfField";
import { ErrorSummary, RadioGroup, TextField } from "~/components/choice/Form";
import { StepLabel } from "~/components/choice/StepLabel";
import { languageLabel } from "~/format";
import { choiceMeta } from "~/components/choice/meta";
import { useHydrated } from "~/components/eligibility/useHydrated";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => choiceMeta(params, "contact", data?.pageState);

export function loader(args: LoaderFunctionArgs) {
  return { ...contactLoader(args), pageState: pageStateOf(args.context) };
}

export function action(args: ActionFunctionArgs) {
  return contactAction(args);
}

export default function ChooseContact() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const d = posted ?? loaded;
  const { t } = useTranslation("choice");
  const { lang } = d;
  // With JavaScript, only the box of the chosen way of contact shows (both show without it, and
  // the hint says to fill in only the one chosen). A box with an error always shows.
  const hydrated = useHydrated();
  const [channel, setChannel] = useState(d.values.channel);
  const shows = (box: "phone" | "email") => !hydrated || channel === box || !!d.errors[box];
  return (
    <div className="page page--narrow choice-page">
      <StepLabel step={3} name="contact" />
      <h1>{t("contact.heading", { provider: d.providerName })}</h1>
      <p className="lead">{t("contact.lead", { provider: d.providerName })}</p>
      <ErrorSummary errors={d.errors} order={["channel", "phone", "email", "language"]} />
      <form
        method="post"
        noValidate
        onChange={(e) => {
          const input = e.target as HTMLInputElement;
          if (input.name === "channel") setChannel(input.value);
        }}
      >
        <CsrfField />
        <RadioGroup
          name="channel"
          legend={t("contact.channel.legend")}
          hint={t("contact.channel.hint")}
          value={d.values.channel}
          error={d.errors.channel}
          options={[
            { value: "phone", label: t("contact.channel.phone") },
            { value: "email", label: t("contact.channel.email") },
          ]}
        />
        <div hidden={!shows("phone")}>
          <TextField
            name="phone"
            type="tel"
            autoComplete="tel"
            label={t("contact.phone.label")}
            hint={t("contact.phone.hint")}
            value={d.values.phone}
            error={d.errors.phone}
          />
        </div>
        <div hidden={!shows("email")}>
          <TextField
            name="email"
            type="email"
            autoComplete="email"
            label={t("contact.email.label")}
            hint={t("contact.email.hint")}
            value={d.values.email}
            error={d.errors.email}
          />
        </div>
        <RadioGroup
          name="language"
          legend={t("contact.language.legend")}
          hint={t("contact.language.hint", { provider: d.providerName })}
          value={d.values.language}
          error={d.errors.language}
          options={d.languages.map((l) => ({ value: l, label: languageLabel(l, lang) }))}
        />
        <p className="hint">{t("contact.sharedWith", { provider: d.providerName })}</p>
        <div className="button-row">
          <button type="submit" className="button">
            {t("contact.continue")}
          </button>
          <Link to={`/${lang}/choose/provider`}>{t("common.back")}</Link>
        </div>
      </form>
    </div>
  );
}
