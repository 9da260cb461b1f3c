import { useTranslation } from "react-i18next";
import { serviceCatalogue } from "~/domain/providers";
import { ChoiceGroup, TextField, type FieldErrors } from "./Form";

export type ProviderValues = Record<string, string | string[] | undefined>;

const str = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");
const arr = (v: string | string[] | undefined) => (Array.isArray(v) ? v : []);

/** What officials keep about a provider: its name, services, languages and service commitments. */
export function ProviderFields({
  values,
  errors,
  languageOptions,
}: {
  values: ProviderValues;
  errors: FieldErrors;
  languageOptions: { value: string; label: string }[];
}) {
  const { t } = useTranslation("official");
  const yesNo = [
    { value: "yes", label: t("eligibility:form.yes") },
    { value: "no", label: t("eligibility:form.no") },
  ];
  return (
    <>
      <TextField name="name" label={t("providers.fields.name")} hint={t("providers.fields.nameHint")} value={str(values.name)} error={errors.name} autoComplete="organization" />
      <ChoiceGroup
        name="services"
        multiple
        legend={t("providers.fields.services")}
        hint={t("providers.fields.servicesHint")}
        options={serviceCatalogue.map((s) => ({ value: s, label: t(`providers:services.${s}`) }))}
        value={arr(values.services)}
        error={errors.services}
      />
      <ChoiceGroup
        name="languages"
        multiple
        inline
        legend={t("providers.fields.languages")}
        hint={t("providers.fields.languagesHint")}
        options={languageOptions}
        value={arr(values.languages)}
        error={errors.languages}
      />
      <ChoiceGroup
        name="takesNewCustomers"
        inline
        legend={t("providers.fields.takesNewCustomers")}
        hint={t("providers.fields.takesNewCustomersHint")}
        options={yesNo}
        value={str(values.takesNewCustomers)}
        error={errors.takesNewCustomers}
      />
      <TextField
        name="firstMeetingWithinDays"
        type="number"
        className="input--short"
        label={t("providers.fields.firstMeeting")}
        hint={t("providers.fields.firstMeetingHint")}
        value={str(values.firstMeetingWithinDays)}
        error={errors.firstMeetingWithinDays}
      />
      <TextField
        name="coachMeetingsPerMonth"
        type="number"
        className="input--short"
        label={t("providers.fields.coachMeetings")}
        hint={t("providers.fields.coachMeetingsHint")}
        value={str(values.coachMeetingsPerMonth)}
        error={errors.coachMeetingsPerMonth}
      />
      <ChoiceGroup
        name="remoteMeetings"
        inline
        legend={t("providers.fields.remoteMeetings")}
        options={yesNo}
        value={str(values.remoteMeetings)}
        error={errors.remoteMeetings}
      />
    </>
  );
}

/** The provider's first and last day in the pilot. */
export function DateFields({ values, errors }: { values: ProviderValues; errors: FieldErrors }) {
  const { t } = useTranslation("official");
  return (
    <>
      <TextField name="startsOn" className="input--date" label={t("providers.fields.startsOn")} hint={t("rules.fields.dateHint")} value={str(values.startsOn)} error={errors.startsOn} />
      <TextField name="endsOn" className="input--date" label={t("providers.fields.endsOn")} hint={t("providers.fields.endsOnHint")} value={str(values.endsOn)} error={errors.endsOn} />
    </>
  );
}

/** The shared details as text, for the officials of a pilot that joined the provider. */
export function SharedDetails({ values, languagesText, servicesText }: { values: ProviderValues; languagesText: string; servicesText: string }) {
  const { t } = useTranslation("official");
  const yesNo = (v: unknown) => t(v === "yes" ? "eligibility:form.yes" : "eligibility:form.no");
  return (
    <dl className="summary">
      <dt>{t("providers.fields.name")}</dt>
      <dd>{values.name}</dd>
      <dt>{t("providers.fields.services")}</dt>
      <dd>{servicesText}</dd>
      <dt>{t("providers.fields.languages")}</dt>
      <dd>{languagesText}</dd>
      <dt>{t("providers.fields.takesNewCustomers")}</dt>
      <dd>{yesNo(values.takesNewCustomers)}</dd>
      <dt>{t("providers.fields.firstMeeting")}</dt>
      <dd>{values.firstMeetingWithinDays}</dd>
      <dt>{t("providers.fields.coachMeetings")}</dt>
      <dd>{values.coachMeetingsPerMonth}</dd>
      <dt>{t("providers.fields.remoteMeetings")}</dt>
      <dd>{yesNo(values.remoteMeetings)}</dd>
    </dl>
  );
}
