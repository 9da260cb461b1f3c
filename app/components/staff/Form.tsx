import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import * as F from "~/components/form/fields";

/**
 * Form parts of the provider staff pages: the service's one set (~/components/form/fields) with
 * the `staff` namespace. Errors are translation keys of `staff`; the summary's messages come
 * translated, each with the id of the control it is about.
 */
const ns = "staff";

/** The id of a field's control (the summary links to it): `office_0_street` → `field-office-0-street`. */
export function fieldId(name: string) {
  return `field-${name.replace(/_/g, "-")}`;
}

export function ErrorSummary({ errors }: { errors: { target: string; message: string }[] }) {
  const { t } = useTranslation(ns);
  return <F.ErrorSummary title={t("errors.summary")} items={errors.map((e) => ({ href: `#${e.target}`, text: e.message }))} />;
}

export function ErrorMessage({ id, error }: { id: string; error?: string }) {
  return <F.ErrorMessage ns={ns} id={id} error={error} />;
}

export function TextField(props: Omit<F.TextFieldProps, "value" | "type" | "inputMode"> & { value: string; type?: "text" | "tel" | "email" | "url" }) {
  return <F.TextField ns={ns} id={fieldId(props.name)} {...props} />;
}

export function SelectField(props: { name: string; label: ReactNode; value: string; error?: string; options: { value: string; label: string }[]; placeholder: string }) {
  return <F.SelectField ns={ns} id={fieldId(props.name)} {...props} />;
}

/** A group of checkboxes (several values of one name) or one yes/no checkbox per name. */
export function CheckboxGroup({
  name,
  options,
  ...props
}: {
  /** The error key and the first box's id. */
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: { name: string; value: string; label: ReactNode; checked: boolean }[];
}) {
  return <F.OptionGroup ns={ns} id={fieldId(name)} optionId={(o, i) => `${fieldId(o.name!)}-${o.value}-${i}`} name={name} options={options} multiple {...props} />;
}

export function RadioGroup(props: { name: string; legend: ReactNode; error?: string; value: string; options: { value: string; label: ReactNode }[] }) {
  const id = fieldId(props.name);
  return <F.OptionGroup ns={ns} id={id} optionId={(o) => `${id}-${o.value}`} {...props} />;
}
