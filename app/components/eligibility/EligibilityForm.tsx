import { Form } from "@remix-run/react";
import { Link } from "~/components/Link";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { factNames, type FactName } from "~/domain/facts";
import type { Lang } from "~/i18n";
import { FieldError, Question } from "./Questions";
import { useHydrated } from "./useHydrated";

export type EligibilityFormProps = {
  lang: Lang;
  mode: "municipality" | "questions";
  values: Partial<Record<string, string>>;
  errors: { field: string; message: string }[];
  options: { code: string; label: string }[];
  relevance: Record<string, FactName[]>;
  relevant: FactName[];
  municipality: { code: string; label: string } | null;
  showDate: boolean;
  changeMunicipalityHref: string | null;
};

/**
 * The check as one GET form (docs/decisions/014-eligibility-form-steps.md).
 * - Without JavaScript, in two steps: the municipality first; then only the questions that can
 *   change the answer there (the server knows which), or the answer at once when there are none.
 * - With JavaScript, in one step: every question is in the form, and the ones that cannot change
 *   the answer for the chosen municipality are hidden and disabled at once when it is chosen.
 */
export function EligibilityForm(props: EligibilityFormProps) {
  const { lang, mode, values, errors, options, relevance } = props;
  const { t } = useTranslation("eligibility");
  const enhanced = useHydrated();
  const [selected, setSelected] = useState(values.municipality ?? "");
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;

  const showSelect = enhanced || mode === "municipality";
  // Which questions are in the document, and which of them are shown.
  const rendered: readonly FactName[] = enhanced ? factNames : mode === "questions" ? props.relevant : [];
  const shown = new Set<FactName>(enhanced ? (relevance[selected] ?? []) : props.relevant);
  const anyShown = rendered.some((f) => shown.has(f));
  const asksQuestions = enhanced || mode === "questions";
  const buttonLabel = enhanced ? (selected ? t("form.submit") : t("form.continue")) : mode === "questions" ? t("form.submit") : t("form.continue");
  const municipalityError = errorFor("municipality");
  const dateError = errorFor("date");

  return (
    <Form method="get" action={`/${lang}/eligibility`} noValidate className="eligibility-form">
      {showSelect ? (
        <div className={`field${municipalityError ? " field--error" : ""}`}>
          <label htmlFor="field-municipality">{t("form.municipality.label")}</label>
          <span className="hint" id="municipality-hint">
            {t("form.municipality.hint")}
          </span>
          {municipalityError && <FieldError id="municipality-error" message={municipalityError} />}
          <select
            id="field-municipality"
            name="municipality"
            value={selected}
            onChange={(e) => setSelected(e.target.value)}
            aria-describedby={`municipality-hint${municipalityError ? " municipality-error" : ""}`}
            aria-invalid={municipalityError ? true : undefined}
          >
            <option value="">{t("form.municipality.choose")}</option>
            {options.map((o) => (
              <option key={o.code} value={o.code}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ) : (
        props.municipality && (
          <div className="chosen-municipality">
            <input type="hidden" name="municipality" value={props.municipality.code} />
            {props.showDate && values.date && <input type="hidden" name="date" value={values.date} />}
            <p>
              {t("form.municipality.chosen")}: <strong>{props.municipality.label}</strong>
            </p>
            {props.changeMunicipalityHref && (
              <p>
                <Link to={props.changeMunicipalityHref}>{t("form.municipality.change")}</Link>
              </p>
            )}
          </div>
        )
      )}

      {props.showDate && showSelect && (
        <div className={`field${dateError ? " field--error" : ""}`}>
          <label htmlFor="field-date">{t("form.date.label")}</label>
          <span className="hint" id="date-hint">
            {t("form.date.hint")}
          </span>
          {dateError && <FieldError id="date-error" message={dateError} />}
          <input
            type="text"
            id="field-date"
            name="date"
            className="input--date"
            defaultValue={values.date ?? ""}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`date-hint${dateError ? " date-error" : ""}`}
            aria-invalid={dateError ? true : undefined}
          />
        </div>
      )}

      {rendered.length > 0 && (
        <section aria-labelledby="questions-heading" hidden={!anyShown}>
          <h2 id="questions-heading">{t("form.questionsHeading")}</h2>
          <p>{t("form.questionsIntro")}</p>
          {rendered.map((fact) => (
            <Question key={fact} fact={fact} value={values[fact]} error={errorFor(fact)} hidden={!shown.has(fact)} />
          ))}
        </section>
      )}
      {enhanced && selected && !anyShown && <p>{t("form.noQuestions")}</p>}
      {asksQuestions && <input type="hidden" name="step" value="questions" />}

      <div className="button-row">
        <button type="submit" className="button">
          {buttonLabel}
        </button>
      </div>
    </Form>
  );
}
