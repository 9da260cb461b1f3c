import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * The form parts of the whole service, in one pattern (docs/decisions/063-one-set-of-form-parts.md):
 * label, hint and error ids joined in aria-describedby, aria-invalid, a visually hidden "Error:"
 * before each message, and an error summary at the top that links to each field and takes focus
 * when it appears, so that a screen reader reads it first.
 *
 * Errors are translation keys of the namespace `ns` of the area (choice, official, staff), sent by
 * the server. Each area's Form.tsx binds its namespace and its field ids to these parts.
 */
export type FieldErrors = Record<string, string | undefined>;

export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

/** The summary: a heading and one link a problem, each to the field it is about. */
export function ErrorSummary({ title, items }: { title: string; items: { href: string; text: string; key?: string }[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const signature = items.map((i) => `${i.href}:${i.key ?? i.text}`).join("|");
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  if (items.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <h2 id="error-summary-title">{title}</h2>
      <ul>
        {items.map((i) => (
          <li key={`${i.href}-${i.key ?? i.text}`}>
            <a href={i.href}>{i.text}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A field's message, translated from the area's namespace. */
export function ErrorMessage({ ns, id, error }: { ns: string; id: string; error?: string }) {
  const { t } = useTranslation(ns);
  if (!error) return null;
  return (
    <span id={id} className="error-message">
      <span className="visually-hidden">{t("common:errorPrefix")}</span> {t(error)}
    </span>
  );
}

function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  return hint ? (
    <span id={`${id}-hint`} className="hint">
      {hint}
    </span>
  ) : null;
}

export type TextFieldProps = {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  value?: string;
  error?: string;
  type?: "text" | "tel" | "email" | "url" | "date" | "number";
  autoComplete?: string;
  inputMode?: "numeric" | "tel" | "email" | "text" | "url";
  multiline?: boolean;
  rows?: number;
  /** A class of the field's box. */
  className?: string;
  /** A class of the input itself (its width: `input--date`, `input--medium`). */
  inputClassName?: string;
  /** The language of what is typed, when it differs from the page's (a Swedish text on a Finnish page). */
  lang?: string;
};

/** A text input or a text area with its label, hint and message; `number` is a text input with a numeric keyboard. */
export function TextField({ ns, id, rows = 6, ...p }: TextFieldProps & { ns: string; id: string }) {
  const common = {
    id,
    name: p.name,
    lang: p.lang,
    className: p.inputClassName,
    defaultValue: p.value ?? "",
    "aria-describedby": describedBy(id, p.hint, p.error),
    "aria-invalid": p.error ? true : undefined,
  } as const;
  const type = p.type ?? "text";
  return (
    <div className={`field${p.error ? " field--error" : ""}${p.className ? ` ${p.className}` : ""}`}>
      <label htmlFor={id}>{p.label}</label>
      <Hint id={id} hint={p.hint} />
      <ErrorMessage ns={ns} id={`${id}-error`} error={p.error} />
      {p.multiline ? (
        <textarea {...common} rows={rows} />
      ) : (
        <input
          {...common}
          type={type === "number" ? "text" : type}
          autoComplete={p.autoComplete}
          inputMode={type === "number" ? "numeric" : p.inputMode}
          spellCheck={type === "text" ? undefined : false}
        />
      )}
    </div>
  );
}

export type Option = {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  disabled?: boolean;
  /** A checkbox of its own name (one yes/no box per name); otherwise the group's name. */
  name?: string;
  /** Checked, for boxes that each know their own state; otherwise `value` of the group decides. */
  checked?: boolean;
};

/** Radio buttons or checkboxes in a fieldset with a legend; the first control has the group's id. */
export function OptionGroup({
  ns,
  id,
  optionId,
  name,
  legend,
  legendClass,
  hint,
  options,
  value,
  error,
  multiple,
  wrap,
}: {
  ns: string;
  id: string;
  /** The id of every option but the first. */
  optionId: (option: Option, index: number) => string;
  name: string;
  legend: ReactNode;
  legendClass?: string;
  hint?: ReactNode;
  options: Option[];
  value?: string | string[];
  error?: string;
  multiple?: boolean;
  /** The class of a box around the options ("choices", "choices choices--inline"), if any. */
  wrap?: string;
}) {
  const selected = Array.isArray(value) ? value : value ? [value] : [];
  const items = options.map((o, i) => {
    const oid = i === 0 ? id : optionId(o, i);
    return (
      <div className="choice" key={`${o.name ?? name}-${o.value}`}>
        <input
          type={multiple ? "checkbox" : "radio"}
          id={oid}
          name={o.name ?? name}
          value={o.value}
          defaultChecked={o.checked ?? selected.includes(o.value)}
          disabled={o.disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={o.hint ? `${oid}-hint` : undefined}
        />
        <div className="choice__text">
          <label htmlFor={oid}>{o.label}</label>
          {o.hint && (
            <div id={`${oid}-hint`} className="choice__hint">
              {o.hint}
            </div>
          )}
        </div>
      </div>
    );
  });
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <fieldset aria-describedby={describedBy(id, hint, error)}>
        <legend className={legendClass}>{legend}</legend>
        <Hint id={id} hint={hint} />
        <ErrorMessage ns={ns} id={`${id}-error`} error={error} />
        {wrap ? <div className={wrap}>{items}</div> : items}
      </fieldset>
    </div>
  );
}

/** A select with its label, hint and message; `placeholder` is a first, empty option. */
export function SelectField({
  ns,
  id,
  name,
  label,
  hint,
  options,
  value,
  error,
  placeholder,
}: {
  ns: string;
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  options: { value: string; label: string }[];
  value?: string;
  error?: string;
  placeholder?: string;
}) {
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <Hint id={id} hint={hint} />
      <ErrorMessage ns={ns} id={`${id}-error`} error={error} />
      <select id={id} name={name} defaultValue={value ?? ""} aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
