import { useTranslation } from "react-i18next";
import type { Lang } from "~/i18n";

type Data = {
  identification: { name: string; municipality: string | null; since: string | null };
  answers: { label: string; value: string }[];
  answersUpdated: string | null;
  choicesCount: number;
  keptUntil: { pilot: string; until: string | null }[];
  keepYears: number;
  contacts: { reference: string; provider: string; value: string | null; visibleUntil: string | null }[];
  contactMonths: number;
  requestsCount: number;
  draft: { kind: "provider" | "public_service"; hours: number } | null;
  draftHours: number;
  sessions: number;
  idleMinutes: number;
  absoluteHours: number;
};

/**
 * My page: all the personal data the service holds about the person, part by part, with how long
 * each part is kept (as the privacy notice says), and the whole as a JSON download.
 */
export function MyData({ lang, data }: { lang: Lang; data: Data }) {
  const { t } = useTranslation("choice");
  return (
    <section aria-labelledby="my-data" id="data">
      <h2 id="my-data">{t("my.data.heading")}</h2>
      <p>{t("my.data.lead")}</p>
      <p>
        <a href={`/${lang}/my/data.json`} download>
          {t("my.data.download")}
        </a>{" "}
        <span className="hint">{t("my.data.downloadHint")}</span>
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="my-data-caption">
        <table className="data-table">
          <caption id="my-data-caption">{t("my.data.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("my.data.part")}</th>
              <th scope="col">{t("my.data.what")}</th>
              <th scope="col">{t("my.data.kept")}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t("my.data.identification")}</th>
              <td>
                {data.identification.name}
                {data.identification.municipality ? `, ${data.identification.municipality}` : ""}
                <br />
                <span className="hint">{t("my.data.identificationNote")}</span>
              </td>
              <td>{t("my.data.keep.identification")}</td>
            </tr>
            <tr>
              <th scope="row">{t("my.data.answers")}</th>
              <td>
                {data.answers.length === 0 ? (
                  t("my.data.none")
                ) : (
                  <ul className="plain-list">
                    {data.answers.map((a) => (
                      <li key={a.label}>
                        {a.label}: {a.value}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>{t("my.data.keep.choices", { count: data.keepYears })}</td>
            </tr>
            <tr>
              <th scope="row">{t("my.data.choices")}</th>
              <td>{t("my.data.choicesCount", { count: data.choicesCount })}</td>
              <td>
                {t("my.data.keep.choices", { count: data.keepYears })}
                {data.keptUntil.map((k) => (
                  <span key={k.pilot} className="hint block">
                    {k.until ? t("my.data.keptUntil", { pilot: k.pilot, date: k.until }) : t("my.data.keptNoEnd", { pilot: k.pilot })}
                  </span>
                ))}
              </td>
            </tr>
            <tr>
              <th scope="row">{t("my.data.contacts")}</th>
              <td>
                {data.contacts.length === 0 ? (
                  t("my.data.none")
                ) : (
                  <ul className="plain-list">
                    {data.contacts.map((c) => (
                      <li key={c.reference}>
                        {c.provider}: {c.value}
                        {c.visibleUntil && <span className="hint"> ({t("my.data.visibleUntil", { date: c.visibleUntil })})</span>}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>{t("my.data.keep.contacts", { count: data.contactMonths })}</td>
            </tr>
            <tr>
              <th scope="row">{t("my.data.requests")}</th>
              <td>{t("my.data.requestsCount", { count: data.requestsCount })}</td>
              <td>{t("my.data.keep.choices", { count: data.keepYears })}</td>
            </tr>
            <tr>
              <th scope="row">{t("my.data.draft")}</th>
              <td>{data.draft ? t(`my.data.draftKind.${data.draft.kind}`) : t("my.data.none")}</td>
              <td>{t("my.data.keep.draft", { count: data.draftHours })}</td>
            </tr>
            <tr>
              <th scope="row">{t("my.data.sessions")}</th>
              <td>{t("my.data.sessionsCount", { count: data.sessions })}</td>
              <td>{t("my.data.keep.sessions", { minutes: data.idleMinutes, hours: data.absoluteHours })}</td>
            </tr>
            <tr>
              <th scope="row">{t("my.data.audit")}</th>
              <td>{t("my.data.auditWhat")}</td>
              <td>{t("my.data.keep.audit")}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p>
        <a href={`/${lang}/privacy`}>{t("my.data.privacyLink")}</a>
      </p>
    </section>
  );
}
