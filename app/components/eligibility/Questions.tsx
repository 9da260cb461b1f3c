import { useTranslation } from "react-i18next";
import { benefits, statuses, type FactName } from "~/domain/facts";

type QuestionProps = {
  fact: FactName;
  value: string | undefined;
  error: string | undefined;
  /** Hidden questions are also disabled, so that they are neither reachable nor sent. */
  hidden: boolean;
};

function ErrorMessage({ id, message }: { id: string; message: string }) {
  const { t } = useTranslation("eligibility");
  return (
    <span className="error-message" id={id}>
      <span className="visually-hidden">{t("common:errorPrefix")}</span> {message}
    </span>
  );
}

function describedBy(id: string, error: string | undefined) {
  return `${id}-hint${error ? ` ${id}-error` : ""}`;
}

/** A question answered by one of a few options (radio buttons in a fieldset). */
function ChoiceQuestion({ fact, value, error, hidden, options }: QuestionProps & { options: [string, string][] }) {
  const { t } = useTranslation("eligibility");
  const id = `q-${fact}`;
  return (
    <div className={`field${error ? " field--error" : ""}`} hidden={hidden}>
      <fieldset disabled={hidden} aria-describedby={describedBy(id, error)}>
        <legend>{t(`form.questions.${fact}.label`)}</legend>
        <span className="hint" id={`${id}-hint`}>
          {t(`form.questions.${fact}.hint`)}
        </span>
        {error && <ErrorMessage id={`${id}-error`} message={error} />}
        {options.map(([option, label], index) => {
          // The error summary links to the first option.
          const inputId = index === 0 ? `field-${fact}` : `field-${fact}-${option}`;
          return (
            <div className="choice" key={option}>
              <input
                type="radio"
                id={inputId}
                name={fact}
                value={option}
                defaultChecked={value === option}
                aria-invalid={error ? true : undefined}
              />
              <label htmlFor={inputId}>{label}</label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

function AgeQuestion({ value, error, hidden }: Omit<QuestionProps, "fact">) {
  const { t } = useTranslation("eligibility");
  const id = "q-age";
  return (
    <div className={`field${error ? " field--error" : ""}`} hidden={hidden}>
      <label htmlFor="field-age">{t("form.questions.age.label")}</label>
      <span className="hint" id={`${id}-hint`}>
        {t("form.questions.age.hint")}
      </span>
      {error && <ErrorMessage id={`${id}-error`} message={error} />}
      <input
        type="text"
        id="field-age"
        name="age"
        className="input--age"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        defaultValue={value ?? ""}
        disabled={hidden}
        aria-describedby={describedBy(id, error)}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}

/** One question of the check, with its "why we ask" hint. */
export function Question(props: QuestionProps) {
  const { t } = useTranslation("eligibility");
  switch (props.fact) {
    case "age":
      return <AgeQuestion value={props.value} error={props.error} hidden={props.hidden} />;
    case "status":
      return <ChoiceQuestion {...props} options={statuses.map((s) => [s, t(`form.questions.status.options.${s}`)])} />;
    case "benefit":
      return <ChoiceQuestion {...props} options={benefits.map((b) => [b, t(`form.questions.benefit.options.${b}`)])} />;
    default:
      return (
        <ChoiceQuestion
          {...props}
          options={[
            ["yes", t("form.yes")],
            ["no", t("form.no")],
          ]}
        />
      );
  }
}

export function FieldError({ id, message }: { id: string; message: string }) {
  return <ErrorMessage id={id} message={message} />;
}
