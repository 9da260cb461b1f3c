import { useTranslation } from "react-i18next";
import * as F from "~/components/form/fields";

/**
 * The error summary at the top of the eligibility form: a heading and a link to each field with a
 * problem; the service's one summary (~/components/form/fields), which takes focus when it appears.
 */
export function ErrorSummary({ errors }: { errors: { field: string; message: string }[] }) {
  const { t } = useTranslation("eligibility");
  return <F.ErrorSummary title={t("errors.summaryTitle")} items={errors.map((e) => ({ href: `#field-${e.field}`, text: e.message }))} />;
}
