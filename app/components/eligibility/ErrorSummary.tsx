import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

/**
 * The error summary at the top of the form: a heading and a link to each field with a problem.
 * With JavaScript it takes focus when it appears, so that a screen reader reads it first.
 */
export function ErrorSummary({ errors }: { errors: { field: string; message: string }[] }) {
  const { t } = useTranslation("eligibility");
  const ref = useRef<HTMLDivElement>(null);
  const key = errors.map((e) => `${e.field}:${e.message}`).join("|");
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <h2 id="error-summary-title">{t("errors.summaryTitle")}</h2>
      <ul>
        {errors.map((e) => (
          <li key={e.field}>
            <a href={`#field-${e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
