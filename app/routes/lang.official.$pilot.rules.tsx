import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { officialScope, pilotHeader } from "~/.server/official/scope";
import { hasFormError, invalid, readPostedForm } from "~/.server/platform/forms";
import { proposalHash, propose, rulesPage, saveRules, type Proposal } from "~/.server/official/pilots";
import { CsrfField } from "~/components/CsrfField";
import { ErrorSummary, TableWrap } from "~/components/official/Form";
import { OfficialFrame } from "~/components/official/OfficialFrame";
import { RulesFields } from "~/components/official/RulesFields";
import { officialMeta } from "~/components/official/meta";
import { readPilotForm } from "~/domain/official-pilot";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => officialMeta(params, "rules", data);

type Notice = "saved" | "unchanged" | "changedAfterPreview" | "changedMeanwhile" | "setInvalid" | null;

/** /{lang}/official/{pilot}/rules: change the area, dates, target group, exclusions, lock and threshold. */
export function loader(args: LoaderFunctionArgs) {
  const scope = officialScope(args);
  const saved = new URL(args.request.url).searchParams.get("saved") === "1";
  return {
    lang: scope.lang,
    pilot: pilotHeader(scope),
    ...rulesPage(scope),
    basedOn: proposalHash(scope.pilot),
    notice: (saved ? "saved" : null) as Notice,
    formError: hasFormError(args.context),
  };
}

export async function action(args: ActionFunctionArgs) {
  const scope = officialScope(args);
  const form = await readPostedForm(args.request);
  const values = readPilotForm(form);
  const proposal = propose(scope, values);
  const posted = form.get("basedOn");
  const basedOn = typeof posted === "string" ? posted : "";
  const answer = (preview: Proposal | null, notice: Notice) => ({
    ...rulesPage(scope, preview && preview.ok ? preview.values : values),
    basedOn,
    preview: preview && preview.ok ? preview : null,
    errors: preview && !preview.ok ? preview.errors : {},
    notice,
  });
  if (!proposal.ok) return invalid(args.context, answer(proposal, null));
  if (form.get("intent") !== "save") return answer(proposal, null);
  // What is saved is what was previewed: a change made after the preview is previewed first.
  if (form.get("previewed") !== proposal.hash) return answer(proposal, "changedAfterPreview");
  const saved = saveRules(scope, proposal.definition, basedOn);
  if (saved.ok) throw redirect(`/${scope.lang}/official/${scope.pilot.slug}/rules?saved=1`, 303);
  if (saved.reason === "unchanged") return answer(proposal, "unchanged");
  if (saved.reason === "changed-meanwhile") {
    // Someone saved in between: show the rules as they are now, and the official starts again.
    const fresh = officialScope(args);
    return { ...rulesPage(fresh, values), basedOn: proposalHash(fresh.pilot), preview: null, errors: {}, notice: "changedMeanwhile" as Notice };
  }
  return invalid(args.context, answer(null, "setInvalid"));
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
