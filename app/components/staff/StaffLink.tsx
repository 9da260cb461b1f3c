import { useTranslation } from "react-i18next";

/** On My page, for provider staff: the way to the provider staff pages. */
export function StaffLink({ lang }: { lang: string }) {
  const { t } = useTranslation("staff");
  return (
    <p className="staff-link">
      <a href={`/${lang}/provider-staff`}>{t("myLink.text")}</a>
      <span className="hint"> {t("myLink.hint")}</span>
    </p>
  );
}
