import { Link } from "~/components/Link";
import { useTranslation } from "react-i18next";
import type { Lang } from "~/i18n";
import type { CurrentView } from "~/view-models/choice";
import { Situation } from "../choice/Situation";

type ChoiceRow = {
  reference: string;
  kind: "provider" | "public_service";
  what: string | null;
  pilotName: string;
  chosenAt: string;
  status: "current" | "ended";
  endedOn: string | null;
  endedReason: string | null;
  contactedOn: string | null;
};
type RequestRow = {
  id: number;
  requestedOn: string;
  reason: string;
  status: "pending" | "approved" | "rejected";
  decidedOn: string | null;
  decisionNote: string | null;
};

/**
 * My page: the person's choice. Their situation (no choice yet and the public service serves
 * them; their choice; their provider having left), what they can do now, every choice they have
 * made with its receipt, and their weighty-reason requests with the officials' decisions.
 */
export function MyChoice({
  lang,
  current,
  mayChoose,
  choices,
  requests,
  figure,
}: {
  lang: Lang;
  current: CurrentView;
  /** The chosen provider's lead figure in the comparison's own sentence (app/.server/providers/figure-sentence.ts). */
  figure?: { label: string; sentence: string } | null;
  mayChoose: boolean;
  choices: ChoiceRow[];
  requests: RequestRow[];
}) {
  const { t } = useTranslation("choice");
  return (
    <section aria-labelledby="my-choice" id="choice">
      <h2 id="my-choice">{t("my.heading")}</h2>
      <div className="callout">
        <Situation current={current} lang={lang} headingLevel={3} />
        {figure && (
          <p className="my-figure">
            <strong>{figure.label}:</strong> {figure.sentence}
          </p>
        )}
        {!current.lockedUntil && (
          <p>
            <Link className="button" to={`/${lang}/choose`}>
              {current.situation === "default_public_service" ? t("situation.chooseNow") : t("situation.changeNow")}
            </Link>
          </p>
        )}
        {!mayChoose && current.situation === "default_public_service" && <p className="hint">{t("my.checkFirst")}</p>}
      </div>

      {requests.length > 0 && (
        <>
          <h3>{t("my.requestsHeading")}</h3>
          <ul className="plain-list request-list">
            {requests.map((r) => (
              <li key={r.id} className="card">
                <p>
                  <strong>{t(`my.request.${r.status}`)}</strong>
                </p>
                <p>{t("my.request.sent", { date: r.requestedOn })}</p>
                <p className="quote">{r.reason}</p>
                {r.decidedOn && <p>{t("my.request.decided", { date: r.decidedOn })}</p>}
                {r.decisionNote && <p>{t("my.request.note", { note: r.decisionNote })}</p>}
              </li>
            ))}
          </ul>
        </>
      )}

      <h3 id="my-history">{t("my.historyHeading")}</h3>
      {choices.length === 0 ? (
        <p>{t("my.noChoices")}</p>
      ) : (
        // On a phone each row is stacked with its column names (styles.css, .table--stack), so that
        // the status and the receipt are not hidden behind a sideways scroll. The explicit roles
        // keep it a table for screen readers when its cells are laid out as blocks.
        <div className="table-wrap">
          <table aria-labelledby="my-history" className="table--stack" role="table">
            <thead role="rowgroup">
              <tr role="row">
                <th scope="col" role="columnheader">{t("my.table.date")}</th>
                <th scope="col" role="columnheader">{t("my.table.choice")}</th>
                <th scope="col" role="columnheader">{t("my.table.status")}</th>
                <th scope="col" role="columnheader">{t("my.table.receipt")}</th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {choices.map((c) => (
                <tr key={c.reference} role="row">
                  <td role="cell" data-label={t("my.table.date")}>{c.chosenAt}</td>
                  <td role="cell" data-label={t("my.table.choice")}>
                    {c.what ?? t("check.publicService")}
                    <br />
                    <span className="hint">{c.pilotName}</span>
                    {c.contactedOn && (
                      <>
                        <br />
                        <span className="hint">{t("my.table.contactedOn", { date: c.contactedOn })}</span>
                      </>
                    )}
                  </td>
                  <td role="cell" data-label={t("my.table.status")}>
                    {c.status === "current" ? t("my.table.current") : t(`my.table.ended.${c.endedReason ?? "changed"}`, { date: c.endedOn })}
                  </td>
                  <td role="cell" data-label={t("my.table.receipt")}>
                    <Link to={`/${lang}/my/receipts/${c.reference}`}>
                      <span className="reference">{c.reference}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
