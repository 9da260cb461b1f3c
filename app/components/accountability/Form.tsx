import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import * as F from "~/components/form/fields";

/**
 * The form parts of accountability's pages (confirm or dispute, report a problem, handle a case),
 * in the pattern of the whole service (decision 063). Errors are translation keys of the
 * "accountability" namespace, sent by the server.
 */
const ns = "accountability";

export function fieldId(name: string) {
  return `field-${name}`;
}

export function ErrorSummary({ errors, order }: { errors: Record<string, string | undefined>; order: string[] }) {
  const { t } = useTranslation(ns);
  const items = order.filter((k) => errors[k]).map((k) => ({ href: `#${fieldId(k)}`, text: t(errors[k]!), key: `${k}:${errors[k]}` }));
  return <F.ErrorSummary title={t("errors.summary")} items={items} />;
}

export function TextArea(props: { name: string; label: ReactNode; hint?: ReactNode; value?: string; error?: string; lang?: string }) {
  return <F.TextField ns={ns} id={fieldId(props.name)} multiline rows={6} {...props} />;
}

export function Choices(props: { name: string; legend: ReactNode; hint?: ReactNode; options: F.Option[]; value?: string; error?: string }) {
  const id = fieldId(props.name);
  return <F.OptionGroup ns={ns} id={id} optionId={(o) => `${id}-${o.value.replace(/[^a-z0-9]/gi, "-")}`} wrap="choices" {...props} />;
}
