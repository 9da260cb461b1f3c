import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * Form parts of the choice journey, in the pattern of the whole service: label, hint and error
 * ids joined in aria-describedby, aria-invalid, a visually hidden "Error:" before the message, and
 * an error summary at the top that links to each field and takes focus when the page loads.
 * `errors` hold translation keys of the `choice` namespace.
 */
export type FieldErrors = Record<string, string | undefined>;

export function ErrorSummary({ errors, order }: { errors: FieldErrors; order: string[] }) {
  const { t } = useTranslation("choice");
  const ref = useRef<HTMLDivElement>(null);
  const keys = order.filter((k) => errors[k]);
  useEffect(() => {
    if (keys.length) ref.current?.focus();
  }, [keys.length]);
  if (!keys.length) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <h2 id="error-summary-title">{t("errors.summary")}</h2>
      <ul>
        {keys.map((k) => (
          <li key={k}>
            <a href={`#${fieldId(k)}`}>{t(errors[k]!)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The id a field's first control has: the summary links to it. */
export function fieldId(name: string) {
  return `field-${name.replace(/_/g, "-")}`;
}

function ErrorMessage({ id, error }: { id: string; error?: string }) {
  const { t } = useTranslation("choice");
  if (!error) return null;
  return (
    <span id={id} className="error-message">
      <span className="visually-hidden">{t("common:errorPrefix")}</span> {t(error)}
    </span>
  );
}

export function RadioGroup({
  name,
  legend,
  hint,
  options,
  value,
  error,
  legendClass,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  options: { value: string; label: ReactNode; hint?: ReactNode; disabled?: boolean }[];
  value?: string;
  error?: string;
  legendClass?: string;
}) {
  const id = fieldId(name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <fieldset aria-describedby={describedBy}>
        <legend className={legendClass}>{legend}</legend>
        {hint && (
          <span id={`${id}-hint`} className="hint">
            {hint}
          </span>
        )}
        <ErrorMessage id={`${id}-error`} error={error} />
        {options.map((o, i) => {
          const optionId = i === 0 ? id : `${id}-${o.value}`;
          return (
            <div className="choice" key={o.value}>
              <input
                type="radio"
                id={optionId}
                name={name}
                value={o.value}
                defaultChecked={value === o.value}
                disabled={o.disabled}
                aria-invalid={error ? true : undefined}
                aria-describedby={o.hint ? `${optionId}-hint` : undefined}
              />
              <div className="choice__text">
                <label htmlFor={optionId}>{o.label}</label>
                {o.hint && (
                  <div id={`${optionId}-hint`} className="choice__hint">
                    {o.hint}
                  </div>
                )}
              </div>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

export function TextField({
  name,
  label,
  hint,
  value,
  error,
  type = "text",
  autoComplete,
  inputMode,
  multiline,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  value?: string;
  error?: string;
  type?: "text" | "tel" | "email";
  autoComplete?: string;
  inputMode?: "numeric" | "tel" | "email" | "text";
  multiline?: boolean;
}) {
  const id = fieldId(name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name,
    defaultValue: value ?? "",
    "aria-describedby": describedBy,
    "aria-invalid": error ? true : undefined,
  } as const;
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      <ErrorMessage id={`${id}-error`} error={error} />
      {multiline ? (
        <textarea {...common} rows={6} />
      ) : (
        <input {...common} type={type} autoComplete={autoComplete} inputMode={inputMode} spellCheck={type === "text" ? undefined : false} />
      )}
    </div>
  );
}
