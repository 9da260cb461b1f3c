import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { rulesAction, rulesLoader } from "~/.server/official/pilots";
import { CsrfField } from "~/components/CsrfField";
import { ErrorSummary, TableWrap } from "~/components/official/Form";
import { OfficialFrame } from "~/components/official/OfficialFrame";
import { RulesFields } from "~/components/official/RulesFields";
import { officialMeta } from "~/components/official/meta";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => officialMeta(params, "rules", data);

/** /{lang}/official/{pilot}/rules: change the area, dates, target group, exclusions, lock and threshold. */
export function loader(args: LoaderFunctionArgs) {
  return rulesLoader(args);
}

export function action(args: ActionFunctionArgs) {
  return rulesAction(args);
}

export default function PilotRules() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const d = { ...loaded, ...(posted ?? {}) };
  const preview = posted?.preview ?? null;
  const errors = posted?.errors ?? {};
  const { t } = useTranslation("official");
  const notice = d.notice;
  return (
    <OfficialFrame lang={loaded.lang} pilot={loaded.pilot} section="rules">
      <h1>{t("rules.heading")}</h1>
      {notice === "saved" && (
        <div className="notice notice--success" role="status">
          <p>{t("rules.notice.saved")}</p>
        </div>
      )}
      {notice && notice !== "saved" && (
        <div className="notice" role="status">
          <p>{t(`rules.notice.${notice}`)}</p>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <p className="lead">{t("rules.lead")}</p>
      <p>
        <a href={`/${loaded.lang}/official/${loaded.pilot.slug}/rules/history`}>{t("rules.historyLink")}</a>
      </p>

      {preview && (
        <section aria-labelledby="preview-heading" className="official-preview">
          <h2 id="preview-heading">{t("rules.preview.heading")}</h2>
          {preview.changes.length === 0 ? (
            <p>{t("rules.preview.noChanges")}</p>
          ) : (
            <>
              <h3>{t("rules.preview.changes")}</h3>
              <ul>
                {preview.changes.map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
              </ul>
            </>
          )}
          <h3 id="examples-heading">{t("rules.preview.examples")}</h3>
          <p>{t("rules.preview.examplesLead")}</p>
          <TableWrap labelledBy="examples-heading">
            <table className="official-table">
              <thead>
                <tr>
                  <th scope="col">{t("rules.preview.person")}</th>
                  <th scope="col">{t("rules.preview.now")}</th>
                  <th scope="col">{t("rules.preview.proposed")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.examples.map((e) => (
                  <tr key={e.key} className={e.changed ? "row--changed" : undefined}>
                    <th scope="row">
                      {t(`rules.examples.${e.key}`)}
                      {e.changed && (
                        <>
                          {" "}
                          <strong className="tag tag--changed">{t("rules.preview.changed")}</strong>
                        </>
                      )}
                    </th>
                    {[e.current, e.proposed].map((o, i) => (
                      <td key={i}>
                        <strong>{t(`rules.outcome.${o.outcome}`)}</strong>
                        <ul className="reason-list">
                          {o.reasons.map((r, j) => (
                            <li key={j}>{r}</li>
                          ))}
                        </ul>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {preview.changes.length > 0 && (
            <>
              <p>{t("rules.preview.notYet")}</p>
              <div className="button-row">
                <button type="submit" form="rules-form" name="intent" value="save" className="button">
                  {t("rules.save")}
                </button>
              </div>
            </>
          )}
        </section>
      )}

      <section aria-labelledby="current-heading">
        <h2 id="current-heading">{t("rules.current")}</h2>
        {d.current.map((l) => (
          <div key={l.list}>
            <h3>{t(`rules.lists.${l.list}.name`)}</h3>
            {l.conditions.length === 0 ? (
              <p>{t(`rules.lists.${l.list}.empty`)}</p>
            ) : (
              <ul>
                {l.conditions.map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </section>

      <section aria-labelledby="change-heading">
        <h2 id="change-heading">{t("rules.change")}</h2>
        <form method="post" id="rules-form" noValidate>
          <CsrfField />
          <input type="hidden" name="basedOn" value={d.basedOn} />
          {preview && <input type="hidden" name="previewed" value={preview.hash} />}
          <RulesFields values={d.values} groups={d.groups} errors={errors} kept={d.kept} outcome={d.outcome} />
          <div className="button-row">
            <button type="submit" name="intent" value="preview" className={preview ? "button button--secondary" : "button"}>
              {preview ? t("rules.previewAgain") : t("rules.previewButton")}
            </button>
          </div>
        </form>
      </section>
    </OfficialFrame>
  );
}
