import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/CsrfField";
import { field, liftOptions, textLangs, weekDays, type OfficeForm, type ProfileForm as Values, type TextLang } from "~/domain/staff-profile";
import { CheckboxGroup, ErrorSummary, fieldId, RadioGroup, SelectField, TextField } from "./Form";
import type { Option } from "../../view-models/staff";

/**
 * The profile form: texts in three languages, languages of service, contact details and offices.
 * Without JavaScript everything works: "Add an office" and "Preview" are submit buttons, and the
 * server renders the form again with what was typed.
 */

/** The element an error's summary link goes to. */
export function summaryTarget(key: string): string {
  const hours = /^office_(\d+)_hours_(\d)$/.exec(key);
  if (hours) return fieldId(field.opens(Number(hours[1]), Number(hours[2])));
  if (key === "offices") return fieldId(field.office(0, "remove"));
  return fieldId(key);
}

/** The form's fields in page order: the error summary lists errors in this order. */
export function fieldOrder(values: Values): string[] {
  const order: string[] = [
    ...textLangs.map((l) => field.short(l)),
    ...textLangs.map((l) => field.long(l)),
    "languages",
    "phone",
    "email",
    "web",
    "offices",
  ];
  values.offices.forEach((_, i) => {
    order.push(field.office(i, "street"), field.office(i, "postal"), field.office(i, "municipality"));
    for (const d of weekDays) order.push(field.hours(i, d));
    for (const l of textLangs) order.push(field.hoursNote(i, l));
    order.push(field.office(i, "lift"));
    for (const l of textLangs) order.push(field.accessNote(i, l));
  });
  return order;
}

function OfficeFields({ office, i, errors, municipalities }: { office: OfficeForm; i: number; errors: Record<string, string>; municipalities: Option[] }) {
  const { t } = useTranslation("staff");
  const err = (name: string) => errors[name];
  const hasHoursNote = textLangs.some((l) => office.hoursNote[l] !== "" || err(field.hoursNote(i, l)));
  const hasAccessNote = textLangs.some((l) => office.accessNote[l] !== "" || err(field.accessNote(i, l)));
  return (
    <div className="card staff-office">
      <h3 id={`office-${i}-heading`}>{t("profile.office.heading", { number: i + 1 })}</h3>
      <TextField name={field.office(i, "street")} label={t("profile.office.street")} value={office.street} error={err(field.office(i, "street"))} autoComplete="off" />
      <TextField
        name={field.office(i, "postal")}
        label={t("profile.office.postal")}
        hint={t("profile.office.postalHint")}
        value={office.postal}
        error={err(field.office(i, "postal"))}
        className="field--short"
        autoComplete="off"
      />
      <SelectField
        name={field.office(i, "municipality")}
        label={t("profile.office.municipality")}
        value={office.municipality}
        error={err(field.office(i, "municipality"))}
        options={municipalities}
        placeholder={t("profile.office.municipalityPlaceholder")}
      />

      <fieldset className="staff-hours" aria-describedby={`office-${i}-hours-hint`}>
        <legend>{t("profile.office.hours")}</legend>
        <span id={`office-${i}-hours-hint`} className="hint">
          {t("profile.office.hoursHint")}
        </span>
        {weekDays.map((d) => {
          const error = err(field.hours(i, d));
          const errorId = `${fieldId(field.hours(i, d))}-error`;
          return (
            <fieldset key={d} className={`staff-hours__day${error ? " field--error" : ""}`}>
              <legend>{t(`days.${d}`)}</legend>
              {error && (
                <span id={errorId} className="error-message">
                  <span className="visually-hidden">{t("common:errorPrefix")}</span> {t(error)}
                </span>
              )}
              <div className="staff-hours__times">
                <div>
                  <label htmlFor={fieldId(field.opens(i, d))}>{t("profile.office.opens")}</label>
                  <input
                    type="text"
                    inputMode="decimal"
                    className="input--time"
                    id={fieldId(field.opens(i, d))}
                    name={field.opens(i, d)}
                    defaultValue={office.opens[d - 1]}
                    autoComplete="off"
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? errorId : undefined}
                  />
                </div>
                <div>
                  <label htmlFor={fieldId(field.closes(i, d))}>{t("profile.office.closes")}</label>
                  <input
                    type="text"
                    inputMode="decimal"
                    className="input--time"
                    id={fieldId(field.closes(i, d))}
                    name={field.closes(i, d)}
                    defaultValue={office.closes[d - 1]}
                    autoComplete="off"
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? errorId : undefined}
                  />
                </div>
              </div>
            </fieldset>
          );
        })}
      </fieldset>

      <details className="staff-details" open={hasHoursNote || undefined}>
        <summary>{t("profile.office.hoursNote")}</summary>
        <p className="hint">{t("profile.office.noteHint")}</p>
        {textLangs.map((l) => (
          <TextField
            key={l}
            name={field.hoursNote(i, l)}
            lang={l}
            label={t(`profile.inLanguage.${l}`, { what: t("profile.office.hoursNoteShort") })}
            value={office.hoursNote[l]}
            error={err(field.hoursNote(i, l))}
          />
        ))}
      </details>

      <CheckboxGroup
        name={field.office(i, "stepfree")}
        legend={t("profile.office.access")}
        hint={t("profile.office.accessHint")}
        options={[
          { name: field.office(i, "stepfree"), value: "yes", label: t("providers:profile.access.stepFree"), checked: office.stepFree },
          { name: field.office(i, "toilet"), value: "yes", label: t("providers:profile.access.toilet"), checked: office.toilet },
          { name: field.office(i, "loop"), value: "yes", label: t("providers:profile.access.loop"), checked: office.loop },
          { name: field.office(i, "parking"), value: "yes", label: t("providers:profile.access.parking"), checked: office.parking },
        ]}
      />
      <RadioGroup
        name={field.office(i, "lift")}
        legend={t("profile.office.lift")}
        value={office.lift}
        error={err(field.office(i, "lift"))}
        options={liftOptions.map((o) => ({ value: o, label: t(`profile.office.liftOptions.${o}`) }))}
      />
      <details className="staff-details" open={hasAccessNote || undefined}>
        <summary>{t("profile.office.accessNote")}</summary>
        <p className="hint">{t("profile.office.noteHint")}</p>
        {textLangs.map((l) => (
          <TextField
            key={l}
            name={field.accessNote(i, l)}
            lang={l}
            label={t(`profile.inLanguage.${l}`, { what: t("profile.office.accessNoteShort") })}
            value={office.accessNote[l]}
            error={err(field.accessNote(i, l))}
          />
        ))}
      </details>

      <CheckboxGroup
        name={field.office(i, "remove")}
        legend={t("profile.office.removeLegend", { number: i + 1 })}
        error={i === 0 ? err("offices") : undefined}
        options={[{ name: field.office(i, "remove"), value: "yes", label: t("profile.office.remove"), checked: office.remove }]}
      />
    </div>
  );
}

export function ProfileFormFields({
  values,
  errors,
  version,
  municipalities,
  languages,
}: {
  values: Values;
  errors: Record<string, string>;
  version: string;
  municipalities: Option[];
  languages: Option[];
}) {
  const { t } = useTranslation("staff");
  const err = (name: string) => errors[name];
  const summary = fieldOrder(values)
    .filter((k) => errors[k])
    .map((k) => {
      const office = /^office_(\d+)_(?:hours_(\d))?/.exec(k);
      // A text's message is the same in every language: the summary names which one.
      const text = /^(short|long)_(fi|sv|en)$/.exec(k);
      const named = text !== null && errors[k].endsWith(`.${text[2]}`);
      const where = office
        ? office[2]
          ? t("profile.summaryOfficeDay", { number: Number(office[1]) + 1, day: t(`days.${office[2]}`) })
          : t("profile.summaryOffice", { number: Number(office[1]) + 1 })
        : text && !named
          ? t(`profile.inLanguage.${text[2]}`, { what: t(`profile.${text[1]}`) })
          : null;
      return { target: summaryTarget(k), message: where ? `${where}: ${t(errors[k])}` : t(errors[k]) };
    });
  const textField = (kind: "short" | "long", l: TextLang) => (
    <TextField
      key={`${kind}-${l}`}
      name={kind === "short" ? field.short(l) : field.long(l)}
      lang={l}
      multiline
      rows={kind === "long" ? 8 : 3}
      label={t(`profile.inLanguage.${l}`, { what: t(`profile.${kind}`) })}
      hint={kind === "short" ? t("profile.shortHint") : l === "fi" ? t("profile.longHint") : undefined}
      value={values[kind][l]}
      error={err(kind === "short" ? field.short(l) : field.long(l))}
    />
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <form method="post" noValidate className="staff-form">
        <CsrfField />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="offices" value={values.offices.length} />

        <section aria-labelledby="texts-heading">
          <h2 id="texts-heading">{t("profile.textsHeading")}</h2>
          <p className="hint">{t("profile.textsLead")}</p>
          {textLangs.map((l) => textField("short", l))}
          {textLangs.map((l) => textField("long", l))}
        </section>

        <section aria-labelledby="languages-heading">
          <h2 id="languages-heading">{t("profile.languagesHeading")}</h2>
          <CheckboxGroup
            name="languages"
            legend={t("profile.languagesLegend")}
            hint={t("profile.languagesHint")}
            error={err("languages")}
            options={languages.map((o) => ({ name: "languages", value: o.value, label: o.label, checked: values.languages.includes(o.value) }))}
          />
        </section>

        <section aria-labelledby="contact-heading">
          <h2 id="contact-heading">{t("profile.contactHeading")}</h2>
          <p className="hint">{t("profile.contactLead")}</p>
          <TextField name="phone" type="tel" label={t("profile.phone")} hint={t("profile.phoneHint")} value={values.phone} error={err("phone")} autoComplete="off" />
          <TextField name="email" type="email" label={t("profile.email")} hint={t("profile.emailHint")} value={values.email} error={err("email")} autoComplete="off" />
          <TextField name="web" type="url" label={t("profile.web")} hint={t("profile.webHint")} value={values.web} error={err("web")} autoComplete="off" />
        </section>

        <section aria-labelledby="offices-heading">
          <h2 id="offices-heading">{t("profile.officesHeading")}</h2>
          <p className="hint">{t("profile.officesLead")}</p>
          {values.offices.map((o, i) => (
            <OfficeFields key={i} office={o} i={i} errors={errors} municipalities={municipalities} />
          ))}
        </section>

        <div className="button-row staff-form__buttons">
          <button type="submit" name="intent" value="preview" className="button">
            {t("profile.previewButton")}
          </button>
          <button type="submit" name="intent" value="add-office" className="button button--secondary">
            {t("profile.addOffice")}
          </button>
        </div>
      </form>
    </>
  );
}
