import { useTranslation } from "react-i18next";

/** On My page, for an official: the way to the back office of their pilots. */
export function OfficialLink({ lang }: { lang: string }) {
  const { t } = useTranslation("official");
  return (
    <p>
      <a href={`/${lang}/official`}>{t("myLink")}</a>
    </p>
  );
}
