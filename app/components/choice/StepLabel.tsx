import { useTranslation } from "react-i18next";

/** "Step 2 of 4: Choose" above the heading of each step of the journey. */
export function StepLabel({ step, total = 4, name }: { step: number; total?: number; name: "eligibility" | "pick" | "contact" | "check" }) {
  const { t } = useTranslation("choice");
  return <p className="step-label">{t("steps.label", { step, total, name: t(`steps.names.${name}`) })}</p>;
}
