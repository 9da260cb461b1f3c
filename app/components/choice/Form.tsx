import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import * as F from "~/components/form/fields";

/**
 * Form parts of the choice journey: the service's one set (~/components/form/fields) with the
 * `choice` namespace and the journey's field ids. `errors` hold translation keys of `choice`.
 */
export type FieldErrors = F.FieldErrors;
const ns = "choice";

/** The id a field's first control has: the summary links to it. */
export function fieldId(name: string) {
  return `field-${name.replace(/_/g, "-")}`;
}

export function ErrorSummary({ errors, order }: { errors: FieldErrors; order: string[] }) {
  const { t } = useTranslation(ns);
  const items = order.filter((k) => errors[k]).map((k) => ({ href: `#${fieldId(k)}`, text: t(errors[k]!), key: errors[k] }));
  return <F.ErrorSummary title={t("errors.summary")} items={items} />;
}

export function RadioGroup(props: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  options: { value: string; label: ReactNode; hint?: ReactNode; disabled?: boolean }[];
  value?: string;
  error?: string;
  legendClass?: string;
}) {
  const id = fieldId(props.name);
  return <F.OptionGroup ns={ns} id={id} optionId={(o) => `${id}-${o.value}`} {...props} />;
}

export function TextField(props: Omit<F.TextFieldProps, "type" | "rows"> & { type?: "text" | "tel" | "email" }) {
  return <F.TextField ns={ns} id={fieldId(props.name)} rows={6} {...props} />;
}
