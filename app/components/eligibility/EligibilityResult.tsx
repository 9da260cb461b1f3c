import { Link } from "~/components/Link";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import type { Outcome } from "~/domain/eligibility";

export type ResultProps = {
  outcome: Outcome;
  municipalityName: string;
  dateText: string;
  servedBy: string | null;
  commitmentMonths: number;
  reasons: { code: string; text: string }[];
  nextSteps: { key: string; text: string; link: { href: string; text: string; external: boolean } | null }[];
  publicService: { kind: string; name: string | null; nameLang: string; web: string | null; sure: boolean; before2025: boolean; jobMarket: string };
  pilot: { slug: string; name: string; isExample: boolean; statusText: string; areaText: string; offers: string; source: string } | null;
  others: { slug: string; name: string; statusText: string }[];
  answers: { label: string; value: string }[];
  editHref: string;
  newHref: string;
};

function StepLink({ link }: { link: { href: string; text: string; external: boolean } }) {
  return link.external ? <a href={link.href}>{link.text}</a> : <Link to={link.href}>{link.text}</Link>;
}

/** The answer: the outcome in one sentence, the reasons, the next steps, who the public service is, the rules used. */
export function EligibilityResult(props: ResultProps) {
  const { t, i18n } = useTranslation("eligibility");
  const ps = props.publicService;
  // "Contact the public service" is said by the section about it, with its name and address: the
  // list of next steps does not repeat it.
  const contactPublic = props.nextSteps.some((s) => s.key === "contact_public");
  const steps = props.nextSteps.filter((s) => s.key !== "contact_public");
  return (
    <div className="page page--narrow eligibility-result">
      <div className={`outcome-panel outcome-panel--${props.outcome}`}>
        {/* After a client-side navigation FocusOnNavigation (root) moves focus here. */}
        <h1 tabIndex={-1}>
          {t(`result.outcome.${props.outcome}.title`)}
        </h1>
        <p className="lead">{t(`result.outcome.${props.outcome}.lead`, { servedBy: props.servedBy ?? "" })}</p>
        {props.commitmentMonths > 0 && <p className="commitment">{t("common:commitment", { count: props.commitmentMonths })}</p>}
        <p>{t("result.checked", { municipality: props.municipalityName, date: props.dateText })}</p>
      </div>

      <section aria-labelledby="why-heading">
        <h2 id="why-heading">{t("result.whyHeading")}</h2>
        <ul className="reasons">
          {props.reasons.map((r) => (
            <li key={r.code} data-reason={r.code}>
              {r.text}
            </li>
          ))}
        </ul>
      </section>

      {steps.length > 0 && (
        <section aria-labelledby="next-heading">
          <h2 id="next-heading">{t("result.nextHeading")}</h2>
          <ul className="next-steps">
            {steps.map((s) => (
              <li key={s.key} data-step={s.key}>
                <p>{s.text}</p>
                {s.link && (
                  <p>
                    <StepLink link={s.link} />
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="public-heading">
        <h2 id="public-heading">{t("result.public.heading")}</h2>
        {ps.name ? (
          <>
            <p>
              {t(contactPublic ? "result.public.contactIntro" : "result.public.intro")} <strong lang={ps.nameLang === i18n.language ? undefined : ps.nameLang}>{ps.name}</strong>
            </p>
            {ps.web && (
              <p>
                {t("result.public.web")}: <a href={ps.web}>{ps.web.replace(/^https?:\/\//, "").replace(/\/$/, "")}</a>
              </p>
            )}
            {!ps.sure && <p>{t("result.public.unsure")}</p>}
            {ps.sure && !ps.web && <p>{t("result.public.noWeb")}</p>}
          </>
        ) : (
          <p>{t("result.public.unknown")}</p>
        )}
        {(!ps.name || !ps.sure || !ps.web) && (
          <p>
            <a href={ps.jobMarket}>{t("links.jobMarket")}</a>
          </p>
        )}
        {ps.before2025 && <p className="hint">{t("result.public.before2025")}</p>}
      </section>

      <section aria-labelledby="rules-heading">
        <h2 id="rules-heading">{t("result.rules.heading")}</h2>
        {props.pilot ? (
          <>
            <p>{t("result.rules.pilot")}</p>
            <div className="card">
              <h3>{props.pilot.name}</h3>
              {props.pilot.isExample && <p className="tag tag--example">{t("result.rules.example")}</p>}
              <p>{props.pilot.statusText}</p>
              <p>{props.pilot.areaText}</p>
              <p>
                <strong>{t("result.rules.offers")}:</strong> {props.pilot.offers}
              </p>
              <p className="hint">
                {t("result.rules.source")}: <span lang="fi">{props.pilot.source}</span>
                {/* The sources are Finnish documents, cited as they are. */}
                {i18n.language !== "fi" && ` ${t("result.rules.sourceInFinnish")}`}
              </p>
            </div>
          </>
        ) : (
          <p>{t("result.rules.none")}</p>
        )}
        {props.others.length > 0 && (
          <>
            <h3>{t("result.rules.othersHeading")}</h3>
            <p>{t("result.rules.othersIntro")}</p>
            <ul>
              {props.others.map((o) => (
                <li key={o.slug}>
                  {o.name}: {o.statusText}
                </li>
              ))}
            </ul>
          </>
        )}
        <p>
          <a href="/api/v1/pilots.json">{t("result.rules.openData")}</a>
        </p>
      </section>

      <section aria-labelledby="review-heading" className="callout">
        <h2 id="review-heading">{t("result.review.heading")}</h2>
        <p>{t("result.review.p1")}</p>
        <p>{t("result.review.p2")}</p>
        <p>{t("result.review.p3")}</p>
      </section>

      <section aria-labelledby="answers-heading">
        <h2 id="answers-heading">{t("answers.heading")}</h2>
        <dl className="summary">
          {props.answers.map((a) => (
            <Fragment key={a.label}>
              <dt>{a.label}</dt>
              <dd>{a.value}</dd>
            </Fragment>
          ))}
        </dl>
        <p className="button-row">
          <Link to={props.editHref} className="button button--secondary">
            {t("answers.change")}
          </Link>
          <Link to={props.newHref}>{t("answers.again")}</Link>
        </p>
        <p className="hint">{t("privacy")}</p>
      </section>
    </div>
  );
}
