import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/Link";
import { useTranslation } from "react-i18next";
import { pickAction, pickLoader } from "~/.server/choice/journey";
import { pageStateOf } from "~/.server/platform/forms";
import { CsrfField } from "~/components/CsrfField";
import { Figures } from "~/components/choice/Figures";
import { ErrorSummary, RadioGroup } from "~/components/choice/Form";
import { StepLabel } from "~/components/choice/StepLabel";
import { choiceMeta } from "~/components/choice/meta";
import { PUBLIC_SERVICE } from "~/domain/choice-words";
import { languageName } from "~/format";

export const meta: MetaFunction<typeof loader> = ({ params, data }) => choiceMeta(params, "pick", data?.pageState);

export function loader(args: LoaderFunctionArgs) {
  return { ...pickLoader(args), pageState: pageStateOf(args.context) };
}

export function action(args: ActionFunctionArgs) {
  return pickAction(args);
}

export default function ChoosePick() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const d = posted ?? loaded;
  const { t } = useTranslation("choice");
  const { lang } = d;
  return (
    <div className="page page--narrow choice-page">
      <StepLabel step={2} name="pick" />
      <h1>{t("pick.heading")}</h1>
      <p className="lead">{t("pick.lead", { pilot: d.pilotName })}</p>
      <ErrorSummary errors={d.errors} order={["provider"]} />
      {d.unknownProvider && <p className="notice">{t("pick.unknownProvider")}</p>}
      <p>
        {d.period ? t("pick.figuresIntro", { month: d.period.latest }) : t("pick.noFigures")}{" "}
        <Link to={`/${lang}/providers?pilot=${d.pilotSlug}`}>{t("pick.compareLink")}</Link>
      </p>
      <form method="post" noValidate>
        <CsrfField />
        <RadioGroup
          name="provider"
          legend={<span className="legend-heading">{t("pick.legend")}</span>}
          hint={t("pick.hint")}
          value={d.selected ?? undefined}
          error={d.errors.provider}
          options={[
            ...d.providers.map((p) => ({
              value: p.slug,
              disabled: !p.takesNewCustomers || p.isCurrent,
              label: (
                <>
                  <strong>{p.name}</strong>
                  {p.isCurrent && <> {t("pick.yourCurrent")}</>}
                </>
              ),
              hint: (
                <>
                  {!p.takesNewCustomers && <p className="choice__note">{t("pick.notTaking")}</p>}
                  {p.leavesAfter && <p className="choice__note">{t("pick.leaves", { date: p.leavesAfter })}</p>}
                  {p.languages.length > 0 && <p>{t("pick.languages", { list: p.languages.map((l) => languageName(l, lang)).join(", ") })}</p>}
                  <Figures figures={p.figures} />
                  <p>
                    <Link to={`/${lang}/providers/${p.slug}`}>{t("pick.profileLink", { name: p.name })}</Link>
                  </p>
                </>
              ),
            })),
            {
              value: PUBLIC_SERVICE,
              disabled: d.publicService.isCurrent,
              label: (
                <>
                  <strong>{t("pick.publicService")}</strong>
                  {d.publicService.isCurrent && <> {t("pick.yourCurrent")}</>}
                </>
              ),
              hint: (
                <>
                  <p>{t("pick.publicServiceHint")}</p>
                  <Figures figures={d.publicService.figures} />
                </>
              ),
            },
          ]}
        />
        <p className="hint">{d.lockMonths > 0 ? t("pick.ruleLocked", { count: d.lockMonths }) : t("pick.ruleFree")}</p>
        <div className="button-row">
          <button type="submit" className="button">
            {t("pick.continue")}
          </button>
          <Link to={`/${lang}/choose`}>{t("common.back")}</Link>
        </div>
      </form>
    </div>
  );
}
