import { useTranslation } from "react-i18next";
import { ruleField, ruleLists, type PilotForm, type RuleList } from "~/domain/official-pilot";
import { benefits, statuses, yesNoFacts } from "~/domain/facts";
import { ErrorMessage, TextField, fieldId, type FieldErrors } from "./Form";

type Group = { region: string; open: boolean; options: { code: string; name: string; note: string | null }[] };

/**
 * The fields of a pilot's rules: the area (municipalities by region, each region a disclosure that
 * is open where the area has municipalities), the dates, the lock period, the small-number
 * threshold, and one condition per fact in each of the three lists.
 */
export function RulesFields({
  values,
  groups,
  errors,
  kept,
  outcome,
}: {
  values: PilotForm;
  groups: Group[];
  errors: FieldErrors;
  kept: { list: RuleList; text: string }[];
  outcome: string;
}) {
  const { t } = useTranslation("official");
  const areaId = fieldId("municipalities");
  return (
    <>
      <div className={`field${errors.municipalities ? " field--error" : ""}`}>
        <fieldset id={areaId} aria-describedby={`${areaId}-hint${errors.municipalities ? ` ${areaId}-error` : ""}`} tabIndex={-1}>
          <legend>{t("rules.area.legend")}</legend>
          <span id={`${areaId}-hint`} className="hint">
            {t("rules.area.hint")}
          </span>
          <ErrorMessage id={`${areaId}-error`} error={errors.municipalities} />
          {groups.map((g) => (
            <details key={g.region} open={g.open} className="region-group">
              <summary>{g.region}</summary>
              <div className="choices choices--columns">
                {g.options.map((o) => (
                  <div className="choice" key={o.code}>
                    <input
                      type="checkbox"
                      id={`municipality-${o.code}`}
                      name="municipality"
                      value={o.code}
                      defaultChecked={values.municipalities.includes(o.code)}
                      aria-describedby={o.note ? `municipality-${o.code}-note` : undefined}
                    />
                    <div className="choice__text">
                      <label htmlFor={`municipality-${o.code}`}>
                        {o.name} <span className="hint">({o.code})</span>
                      </label>
                      {o.note && (
                        <div id={`municipality-${o.code}-note`} className="choice__hint">
                          {o.note}
                        </div>
                      )}
                    </div>
                  </div>
                ))}
              </div>
            </details>
          ))}
          <TextField
            name="addMunicipalities"
            label={t("rules.area.add")}
            hint={t("rules.area.addHint")}
            value={values.addMunicipalities}
            error={errors.addMunicipalities}
          />
        </fieldset>
      </div>

      <TextField name="startsOn" label={t("rules.fields.startsOn")} hint={t("rules.fields.dateHint")} value={values.startsOn} error={errors.startsOn} className="input--date" />
      <TextField name="endsOn" label={t("rules.fields.endsOn")} hint={t("rules.fields.endsOnHint")} value={values.endsOn} error={errors.endsOn} className="input--date" />
      <TextField
        name="lockMonths"
        type="number"
        label={t("rules.fields.lockMonths")}
        hint={t("rules.fields.lockMonthsHint")}
        value={values.lockMonths}
        error={errors.lockMonths}
        className="input--short"
      />
      <TextField
        name="smallNumberThreshold"
        type="number"
        label={t("rules.fields.threshold")}
        hint={t("rules.fields.thresholdHint")}
        value={values.smallNumberThreshold}
        error={errors.smallNumberThreshold}
        className="input--short"
      />

      <p className="hint">{t(`rules.outcomeNote.${outcome}`)}</p>
      {ruleLists.map((list) => (
        <RuleListFields key={list} list={list} values={values} errors={errors} />
      ))}

      {kept.length > 0 && (
        <div className="notice">
          <p>{t("rules.kept")}</p>
          <ul>
            {kept.map((k, i) => (
              <li key={i}>
                {t(`rules.lists.${k.list}.name`)}: {k.text}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

function RuleListFields({ list, values, errors }: { list: RuleList; values: PilotForm; errors: FieldErrors }) {
  const { t } = useTranslation("official");
  const v = values.rules[list];
  const yesNoLabel = (value: string) => (value === "" ? t("rules.fields.noCondition") : t(value === "true" ? "eligibility:form.yes" : "eligibility:form.no"));
  return (
    <fieldset className="rule-list" aria-describedby={`${list}-hint`}>
      <legend>{t(`rules.lists.${list}.name`)}</legend>
      <p id={`${list}-hint`} className="hint">
        {t(`rules.lists.${list}.hint`)}
      </p>
      {yesNoFacts.map((fact) => {
        const key = ruleField(list, fact);
        const id = fieldId(key);
        const error = errors[key];
        return (
          <div key={fact} className={`field field--inline${error ? " field--error" : ""}`}>
            <label htmlFor={id}>{t(`eligibility:answers.${fact}`)}</label>
            <ErrorMessage id={`${id}-error`} error={error} />
            <select id={id} name={`${list}.${fact}`} defaultValue={v.yesNo[fact]} aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? true : undefined}>
              {["", "true", "false"].map((o) => (
                <option key={o} value={o}>
                  {yesNoLabel(o)}
                </option>
              ))}
            </select>
          </div>
        );
      })}
      {(["status", "benefit"] as const).map((fact) => {
        const key = ruleField(list, fact);
        const id = fieldId(key);
        const error = errors[key];
        const all: readonly string[] = fact === "status" ? statuses : benefits;
        return (
          <div key={fact} className={`field${error ? " field--error" : ""}`}>
            <fieldset id={id} tabIndex={-1} aria-describedby={error ? `${id}-error` : undefined}>
              <legend>{t(`eligibility:answers.${fact}`)}</legend>
              <ErrorMessage id={`${id}-error`} error={error} />
              <label htmlFor={`${id}-mode`} className="label--plain">
                {t("rules.fields.setMode")}
              </label>
              <select id={`${id}-mode`} name={`${list}.${fact}.mode`} defaultValue={v[fact].mode} aria-invalid={error ? true : undefined}>
                <option value="">{t("rules.fields.noCondition")}</option>
                <option value="in">{t("rules.fields.setIn")}</option>
                <option value="notIn">{t("rules.fields.setNotIn")}</option>
              </select>
              <div className="choices choices--inline">
                {all.map((value) => (
                  <div className="choice" key={value}>
                    <input
                      type="checkbox"
                      id={`${id}-${value}`}
                      name={`${list}.${fact}`}
                      value={value}
                      defaultChecked={(v[fact].values as string[]).includes(value)}
                    />
                    <div className="choice__text">
                      <label htmlFor={`${id}-${value}`}>{t(`eligibility:answers.${fact}Value.${value}`)}</label>
                    </div>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
        );
      })}
      {(() => {
        const key = ruleField(list, "age");
        const id = fieldId(key);
        const error = errors[key];
        return (
          <div className={`field${error ? " field--error" : ""}`}>
            <fieldset id={id} tabIndex={-1} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}>
              <legend>{t("eligibility:answers.age")}</legend>
              <span id={`${id}-hint`} className="hint">
                {t("rules.fields.ageHint")}
              </span>
              <ErrorMessage id={`${id}-error`} error={error} />
              <div className="age-range">
                <div>
                  <label htmlFor={`${id}-min`} className="label--plain">
                    {t("rules.fields.ageMin")}
                  </label>
                  <input
                    id={`${id}-min`}
                    name={`${list}.age.min`}
                    type="text"
                    inputMode="numeric"
                    className="input--short"
                    defaultValue={v.age.min}
                    aria-invalid={error ? true : undefined}
                    autoComplete="off"
                  />
                </div>
                <div>
                  <label htmlFor={`${id}-max`} className="label--plain">
                    {t("rules.fields.ageMax")}
                  </label>
                  <input
                    id={`${id}-max`}
                    name={`${list}.age.max`}
                    type="text"
                    inputMode="numeric"
                    className="input--short"
                    defaultValue={v.age.max}
                    aria-invalid={error ? true : undefined}
                    autoComplete="off"
                  />
                </div>
              </div>
            </fieldset>
          </div>
        );
      })()}
    </fieldset>
  );
}
