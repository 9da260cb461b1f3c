import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import * as F from "~/components/form/fields";

/**
 * Form parts of the back office, in the pattern of the whole service: label, hint and error ids
 * joined in aria-describedby, aria-invalid, a visually hidden "Error:" before each message, and an
 * error summary at the top that links to each field and takes focus. Errors are translation keys
 * of the "official" namespace, sent by the server.
 */
export type FieldErrors = F.FieldErrors;
export type Option = F.Option;
const ns = "official";

/** The id of a field's first control: the error summary links to it. */
export function fieldId(name: string) {
  return `field-${name.replace(/[._]/g, "-")}`;
}

export function ErrorSummary({ errors, order, labels }: { errors: FieldErrors; order?: string[]; labels?: Record<string, string> }) {
  const { t } = useTranslation(ns);
  const keys = (order ?? Object.keys(errors)).filter((k) => errors[k]);
  const all = [...keys, ...Object.keys(errors).filter((k) => errors[k] && !keys.includes(k))];
  const items = all.map((k) => ({ href: `#${fieldId(k)}`, text: `${labels?.[k] ? `${labels[k]}: ` : ""}${t(errors[k]!)}`, key: `${k}:${errors[k]}` }));
  return <F.ErrorSummary title={t("errors.summary")} items={items} />;
}

export function ErrorMessage({ id, error }: { id: string; error?: string }) {
  return <F.ErrorMessage ns={ns} id={id} error={error} />;
}

/** Here `className` is the input's own class (its width: `input--date`, `input--medium`). */
export function TextField(props: F.TextFieldProps) {
  return <F.TextField ns={ns} id={fieldId(props.name)} rows={5} {...props} autoComplete={props.autoComplete ?? "off"} className={undefined} inputClassName={props.className} />;
}

/** Radio buttons or checkboxes in a fieldset with a legend. */
export function ChoiceGroup({
  inline,
  ...props
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
  const id = fieldId(props.name);
  return (
    <F.OptionGroup
      ns={ns}
      id={id}
      optionId={(o) => `${id}-${o.value.replace(/[^a-z0-9]/gi, "-")}`}
      wrap={inline ? "choices choices--inline" : "choices"}
      {...props}
    />
  );
}

/** A wide table that scrolls inside its own box at 360 px; focusable so that a keyboard can scroll it. */
export function TableWrap({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  // A scrolling box that the keyboard can reach, so it has a name; a group rather than a region
  // landmark, as the section around it is often labelled by the same heading and two landmarks
  // of one name confuse landmark navigation (axe landmark-unique, issue 15).
  return (
    <div className="table-wrap" role="group" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
