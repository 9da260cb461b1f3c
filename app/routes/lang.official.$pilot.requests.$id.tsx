import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { idParam, officialScope, pilotHeader } from "~/.server/official/scope";
import { fieldErrors, formValues, hasFormError, invalid, readPostedForm } from "~/.server/platform/forms";
import { decideRequest, requestDetail } from "~/.server/official/choices";
import { CsrfField } from "~/components/CsrfField";
import { ChoiceGroup, ErrorSummary, TextField } from "~/components/official/Form";
import { OfficialFrame } from "~/components/official/OfficialFrame";
import { officialMeta } from "~/components/official/meta";
import { decisionSchema } from "~/domain/official-provider";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => officialMeta(params, "request", data);

function load(args: LoaderFunctionArgs) {
  const scope = officialScope(args);
  const request = requestDetail(scope, idParam(args.params.id));
  if (!request) throw new Response(null, { status: 404 });
  return { scope, request };
}

/** /{lang}/official/{pilot}/requests/{id}: read a weighty reason and decide it. */
export function loader(args: LoaderFunctionArgs) {
  const { scope, request } = load(args);
  return { lang: scope.lang, pilot: pilotHeader(scope), request, formError: hasFormError(args.context) };
}

export async function action(args: ActionFunctionArgs) {
  const { scope, request } = load(args);
  const form = await readPostedForm(args.request);
  const values = formValues(form, ["decision", "note"]) as Record<string, string>;
  const parsed = decisionSchema.safeParse(values);
  if (!parsed.success) return invalid(args.context, { values, errors: fieldErrors(parsed.error) });
  if (!decideRequest(scope, request.id, parsed.data.decision, parsed.data.note)) {
    return invalid(args.context, { values, errors: { decision: "requests.errors.alreadyDecided" } });
  }
  throw redirect(`/${scope.lang}/official/${scope.pilot.slug}/requests?decided=${parsed.data.decision}`, 303);
}

export default function OfficialRequest() {
  const d = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const { t } = useTranslation("official");
  const r = d.request;
  const errors: Record<string, string> = posted?.errors ?? {};
  const values = posted?.values ?? { decision: "", note: "" };
  return (
    <OfficialFrame lang={d.lang} pilot={d.pilot} section="requests" narrow>
      <h1>{t("request.heading", { name: r.name })}</h1>
      <ErrorSummary errors={errors} order={["decision", "note"]} />
      <dl className="summary">
        <dt>{t("request.received")}</dt>
        <dd>{r.requestedOn}</dd>
        <dt>{t("request.choice")}</dt>
        <dd>
          {t("request.choiceText", { provider: r.choice.provider, date: r.choice.chosenOn, reference: r.choice.reference })}
          {!r.choice.current && ` ${t("request.choiceEnded")}`}
        </dd>
        <dt>{t("request.lock")}</dt>
        <dd>{r.choice.lockEnds ? t("request.lockEnds", { date: r.choice.lockEnds }) : t("overview.noLock")}</dd>
        <dt>{t("requests.columns.status")}</dt>
        <dd>{t(`requests.status.${r.status}`)}</dd>
      </dl>
      <h2>{t("request.reason")}</h2>
      <blockquote className="person-words">{r.reason}</blockquote>
      {r.status === "pending" ? (
        <section aria-labelledby="decide-heading">
          <h2 id="decide-heading">{t("request.decide")}</h2>
          <p>{t("request.decideLead")}</p>
          <form method="post" noValidate>
            <CsrfField />
            <ChoiceGroup
              name="decision"
              legend={t("request.decision")}
              options={[
                { value: "approved", label: t("request.approve"), hint: t("request.approveHint") },
                { value: "rejected", label: t("request.reject"), hint: t("request.rejectHint") },
              ]}
              value={values.decision}
              error={errors.decision}
            />
            <TextField name="note" multiline label={t("request.note")} hint={t("request.noteHint")} value={values.note} error={errors.note} />
            <div className="button-row">
              <button type="submit" className="button">
                {t("request.submit")}
              </button>
              <a href={`/${d.lang}/official/${d.pilot.slug}/requests`}>{t("common.cancel")}</a>
            </div>
          </form>
        </section>
      ) : (
        <section aria-labelledby="decision-heading">
          <h2 id="decision-heading">{t("request.decisionHeading")}</h2>
          <p>{t(`request.decided.${r.status}`, { date: r.decidedOn ?? "", who: r.decidedBy ?? "" })}</p>
          {r.note && <blockquote className="person-words">{r.note}</blockquote>}
        </section>
      )}
    </OfficialFrame>
  );
}
