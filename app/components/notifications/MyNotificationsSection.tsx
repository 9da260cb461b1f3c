import { Link } from "~/components/Link";
import { useTranslation } from "react-i18next";

/** My page's section on notifications by email: the address and its state, and the way to change it (decision 070). */
export function MyNotificationsSection({ lang, address }: { lang: string; address: { email: string; confirmed: boolean } | null }) {
  const { t } = useTranslation("notifications");
  return (
    <section aria-labelledby="my-notifications">
      <h2 id="my-notifications">{t("my.heading")}</h2>
      <p>{address ? t(address.confirmed ? "my.confirmed" : "my.pending", { email: address.email }) : t("my.none")}</p>
      <p>
        <Link to={`/${lang}/my/notifications`}>{address ? t("my.manage") : t("my.add")}</Link>
      </p>
    </section>
  );
}
