import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * Form parts of the provider staff pages, in the pattern of the whole service: label, hint and
 * error ids joined in aria-describedby, aria-invalid, a visually hidden "Error:" before the
 * message, and an error summary that links to each field and takes focus when the page loads.
 * Errors are translation keys of the `staff` namespace.
 */

/** The id of a field's control (the summary links to it): `office_0_street` → `field-office-0-street`. */
export function fieldId(name: string) {
  return `field-${name.replace(/_/g, "-")}`;
}

export function ErrorSummary({ errors }: { errors: { target: string; message: string }[] }) {
  const { t } = useTranslation("staff");
  const ref = useRef<HTMLDivElement>(null);
  const key = errors.map((e) => `${e.target}:${e.message}`).join("|");
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <h2 id="error-summary-title">{t("errors.summary")}</h2>
      <ul>
        {errors.map((e) => (
          <li key={`${e.target}-${e.message}`}>
            <a href={`#${e.target}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorMessage({ id, error }: { id: string; error?: string }) {
  const { t } = useTranslation("staff");
  if (!error) return null;
  return (
    <span id={id} className="error-message">
      <span className="visually-hidden">{t("common:errorPrefix")}</span> {t(error)}
    </span>
  );
}

function describedBy(id: string, hint: boolean, error: boolean, extra?: string) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null, extra ?? null].filter(Boolean).join(" ") || undefined;
}

export function TextField({
  name,
  label,
  hint,
  value,
  error,
  type = "text",
  autoComplete,
  multiline,
  rows = 6,
  lang,
  className,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  value: string;
  error?: string;
  type?: "text" | "tel" | "email" | "url";
  autoComplete?: string;
  multiline?: boolean;
  rows?: number;
  /** The language the text is written in (a Swedish text field is marked lang="sv"). */
  lang?: string;
  className?: string;
}) {
  const id = fieldId(name);
  const common = {
    id,
    name,
    lang,
    defaultValue: value,
    "aria-describedby": describedBy(id, !!hint, !!error),
    "aria-invalid": error ? true : undefined,
  } as const;
  return (
    <div className={`field${error ? " field--error" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      <ErrorMessage id={`${id}-error`} error={error} />
      {multiline ? (
        <textarea {...common} rows={rows} />
      ) : (
        <input {...common} type={type} autoComplete={autoComplete} spellCheck={type === "text" ? undefined : false} />
      )}
    </div>
  );
}

export function SelectField({
  name,
  label,
  value,
  error,
  options,
  placeholder,
}: {
  name: string;
  label: ReactNode;
  value: string;
  error?: string;
  options: { value: string; label: string }[];
  placeholder: string;
}) {
  const id = fieldId(name);
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <ErrorMessage id={`${id}-error`} error={error} />
      <select id={id} name={name} defaultValue={value} aria-describedby={describedBy(id, false, !!error)} aria-invalid={error ? true : undefined}>
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of checkboxes (several values of one name) or one yes/no checkbox per name. */
export function CheckboxGroup({
  name,
  legend,
  hint,
  error,
  options,
}: {
  /** The error key and the first box's id. */
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: { name: string; value: string; label: ReactNode; checked: boolean }[];
}) {
  const id = fieldId(name);
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <fieldset aria-describedby={describedBy(id, !!hint, !!error)}>
        <legend>{legend}</legend>
        {hint && (
          <span id={`${id}-hint`} className="hint">
            {hint}
          </span>
        )}
        <ErrorMessage id={`${id}-error`} error={error} />
        {options.map((o, i) => {
          const optionId = i === 0 ? id : `${fieldId(o.name)}-${o.value}-${i}`;
          return (
            <div className="choice" key={`${o.name}-${o.value}`}>
              <input
                type="checkbox"
                id={optionId}
                name={o.name}
                value={o.value}
                defaultChecked={o.checked}
                aria-invalid={error ? true : undefined}
              />
              <label htmlFor={optionId}>{o.label}</label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

export function RadioGroup({
  name,
  legend,
  error,
  value,
  options,
}: {
  name: string;
  legend: ReactNode;
  error?: string;
  value: string;
  options: { value: string; label: ReactNode }[];
}) {
  const id = fieldId(name);
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <fieldset aria-describedby={describedBy(id, false, !!error)}>
        <legend>{legend}</legend>
        <ErrorMessage id={`${id}-error`} error={error} />
        {options.map((o, i) => {
          const optionId = i === 0 ? id : `${id}-${o.value}`;
          return (
            <div className="choice" key={o.value}>
              <input type="radio" id={optionId} name={name} value={o.value} defaultChecked={value === o.value} aria-invalid={error ? true : undefined} />
              <label htmlFor={optionId}>{o.label}</label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}
