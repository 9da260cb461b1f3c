import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * "Print" where JavaScript runs (the browser's own print works everywhere; this only saves a
 * step). Rendered only after hydration, so that nobody without JavaScript meets a dead button.
 */
export function PrintButton() {
  const { t } = useTranslation("choice");
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button type="button" className="button button--secondary no-print" onClick={() => window.print()}>
      {t("receipt.print")}
    </button>
  );
}
