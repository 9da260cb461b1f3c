import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * Form parts of the back office, in the pattern of the whole service: label, hint and error ids
 * joined in aria-describedby, aria-invalid, a visually hidden "Error:" before each message, and an
 * error summary at the top that links to each field and takes focus. Errors are translation keys
 * of the "official" namespace, sent by the server.
 */
export type FieldErrors = Record<string, string | undefined>;

/** The id of a field's first control: the error summary links to it. */
export function fieldId(name: string) {
  return `field-${name.replace(/[._]/g, "-")}`;
}

export function ErrorSummary({ errors, order, labels }: { errors: FieldErrors; order?: string[]; labels?: Record<string, string> }) {
  const { t } = useTranslation("official");
  const ref = useRef<HTMLDivElement>(null);
  const keys = (order ?? Object.keys(errors)).filter((k) => errors[k]);
  const extra = Object.keys(errors).filter((k) => errors[k] && !keys.includes(k));
  const all = [...keys, ...extra];
  useEffect(() => {
    if (all.length) ref.current?.focus();
  }, [all.length]);
  if (!all.length) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <h2 id="error-summary-title">{t("errors.summary")}</h2>
      <ul>
        {all.map((k) => (
          <li key={k}>
            <a href={`#${fieldId(k)}`}>
              {labels?.[k] ? `${labels[k]}: ` : ""}
              {t(errors[k]!)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorMessage({ id, error }: { id: string; error?: string }) {
  const { t } = useTranslation("official");
  if (!error) return null;
  return (
    <span id={id} className="error-message">
      <span className="visually-hidden">{t("common:errorPrefix")}</span> {t(error)}
    </span>
  );
}

function describedBy(id: string, hint: ReactNode, error: string | undefined) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
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
  className,
  lang,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  value?: string;
  error?: string;
  type?: "text" | "tel" | "email" | "url" | "date" | "number";
  autoComplete?: string;
  inputMode?: "numeric" | "tel" | "email" | "text" | "url";
  multiline?: boolean;
  className?: string;
  /** The language of what is typed, when it differs from the page's (a Swedish text on a Finnish page). */
  lang?: string;
}) {
  const id = fieldId(name);
  const common = {
    id,
    name,
    defaultValue: value ?? "",
    "aria-describedby": describedBy(id, hint, error),
    "aria-invalid": error ? true : undefined,
    className,
    lang,
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
        <textarea {...common} rows={5} />
      ) : (
        <input
          {...common}
          type={type === "number" ? "text" : type}
          autoComplete={autoComplete ?? "off"}
          inputMode={type === "number" ? "numeric" : inputMode}
          spellCheck={type === "text" ? undefined : false}
        />
      )}
    </div>
  );
}

export type Option = { value: string; label: ReactNode; hint?: ReactNode };

/** Radio buttons or checkboxes in a fieldset with a legend. */
export function ChoiceGroup({
  name,
  legend,
  hint,
  options,
  value,
  error,
  multiple,
  inline,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  options: Option[];
  value?: string | string[];
  error?: string;
  multiple?: boolean;
  inline?: boolean;
}) {
  const id = fieldId(name);
  const selected = Array.isArray(value) ? value : value ? [value] : [];
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <fieldset aria-describedby={describedBy(id, hint, error)}>
        <legend>{legend}</legend>
        {hint && (
          <span id={`${id}-hint`} className="hint">
            {hint}
          </span>
        )}
        <ErrorMessage id={`${id}-error`} error={error} />
        <div className={inline ? "choices choices--inline" : "choices"}>
          {options.map((o, i) => {
            const optionId = i === 0 ? id : `${id}-${o.value.replace(/[^a-z0-9]/gi, "-")}`;
            return (
              <div className="choice" key={o.value}>
                <input
                  type={multiple ? "checkbox" : "radio"}
                  id={optionId}
                  name={name}
                  value={o.value}
                  defaultChecked={selected.includes(o.value)}
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
        </div>
      </fieldset>
    </div>
  );
}

/** A select with its label, hint and error. */
export function SelectField({
  name,
  label,
  hint,
  options,
  value,
  error,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  options: { value: string; label: string }[];
  value?: string;
  error?: string;
}) {
  const id = fieldId(name);
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      <ErrorMessage id={`${id}-error`} error={error} />
      <select id={id} name={name} defaultValue={value ?? ""} aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A wide table that scrolls inside its own box at 360 px; focusable so that a keyboard can scroll it. */
export function TableWrap({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
