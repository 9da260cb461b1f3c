import { Link } from "~/components/Link";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/CsrfField";

/**
 * The page a link from a message opens (confirm an address, stop notifications): a button that
 * posts the token, since opening a link changes nothing (mail scanners open links too).
 */
export function LinkPage({ area, lang, token, works, done }: { area: "confirm" | "optOut"; lang: string; token: string | null; works: boolean; done: boolean }) {
  const { t } = useTranslation("notifications");
  return (
    <div className="page page--narrow">
      <h1>{t(`${area}.title`)}</h1>
      {done ? (
        <p className="notice" role="status">
          {t(`${area}.done`)}
        </p>
      ) : works && token ? (
        <>
          <p className="lead">{t(`${area}.lead`)}</p>
          <form method="post">
            <CsrfField />
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="button">
              {t(`${area}.button`)}
            </button>
          </form>
        </>
      ) : (
        <p className="notice">{t(`${area}.invalid`)}</p>
      )}
      {area === "confirm" && (
        <p>
          <Link to={`/${lang}/my`}>{t("confirm.toMy")}</Link>
        </p>
      )}
    </div>
  );
}
