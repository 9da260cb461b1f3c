import { useLocation } from "@remix-run/react";
import { Link } from "~/components/Link";
import { useTranslation } from "react-i18next";
import { defaultLang, langFromPath } from "~/i18n";

/** 400, 403, 404, 405, 429 and 500 pages: inside the layout, in the page's language, with a way back. */
export function StatusPage({ status, requestId }: { status: string; requestId: string | null }) {
  const { t, i18n } = useTranslation("common");
  const location = useLocation();
  const lang = langFromPath(location.pathname) ?? (i18n.language as typeof defaultLang) ?? defaultLang;
  return (
    <div className="page page--narrow">
      <h1>{t(`status.${status}.title`)}</h1>
      <p className="lead">{t(`status.${status}.body`)}</p>
      {status === "500" && requestId && (
        <p>
          {t("status.requestId")} <code className="request-id">{requestId}</code>
        </p>
      )}
      <ul className="link-list">
        <li>
          <Link to={`/${lang}`} reloadDocument>
            {t("status.backHome")}
          </Link>
        </li>
      </ul>
    </div>
  );
}
