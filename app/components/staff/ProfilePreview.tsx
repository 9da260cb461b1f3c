import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/CsrfField";
import { formEntries, type ProfileForm, type ProfilePart } from "~/domain/staff-profile";
import { Commitments } from "./Commitments";
import type { CommitmentsView, OtherLanguageTexts, PreviewView, StaffProviderHead } from "../../view-models/staff";
import { OfficeList } from "~/components/providers/OfficeList";

/**
 * The profile as the public page will show it, before it is published: the same sections and
 * words as /{lang}/providers/{slug}, in the page's language, and the texts of the other two
 * languages below. The form carries what was typed in hidden fields.
 */
export function ProfilePreview({
  provider,
  view,
  others,
  changed,
  commitments,
  services,
  values,
  version,
}: {
  provider: StaffProviderHead;
  view: PreviewView;
  others: OtherLanguageTexts[];
  changed: ProfilePart[];
  commitments: CommitmentsView;
  services: string[];
  values: ProfileForm;
  version: string;
}) {
  const { t } = useTranslation("staff");
  return (
    <>
      <div className="notice staff-preview-notice" role="status">
        <p>
          <strong>{t("preview.notPublished")}</strong> {t("preview.check")}
        </p>
        {changed.length > 0 ? (
          <>
            <p>{t("preview.changedLead")}</p>
            <ul>
              {changed.map((c) => (
                <li key={c}>{t(`preview.parts.${c}`)}</li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t("preview.nothingChanged")}</p>
        )}
        <p>
          <a href="#publish">{t("preview.toPublish")}</a>
        </p>
      </div>

      <article className="staff-preview" aria-labelledby="preview-name">
        <p className="staff-preview__label">{t("preview.label")}</p>
        <h2 id="preview-name">{provider.name}</h2>
        <p className="lead">{view.shortDescription}</p>

        <Commitments commitments={commitments} languages={view.languages} level={3} />

        <h3>{t("providers:profile.about", { name: provider.name })}</h3>
        <p className="staff-preview__long">{view.longDescription}</p>
        <h4>{t("providers:profile.services")}</h4>
        <ul>
          {services.map((s) => (
            <li key={s}>{t(`providers:services.${s}`)}</li>
          ))}
        </ul>

        <h3>{t("providers:profile.offices", { count: view.offices.length })}</h3>
        <OfficeList offices={view.offices} heading="h4" />

        <h3>{t("providers:profile.contact")}</h3>
        <dl className="summary">
          {view.phone && (
            <>
              <dt>{t("providers:profile.phone")}</dt>
              <dd>{view.phone}</dd>
            </>
          )}
          {view.email && (
            <>
              <dt>{t("providers:profile.email")}</dt>
              <dd>{view.email}</dd>
            </>
          )}
          {view.web && (
            <>
              <dt>{t("providers:profile.web")}</dt>
              <dd>{view.web.replace(/^https:\/\//, "")}</dd>
            </>
          )}
          <dt>{t("providers:profile.businessId")}</dt>
          <dd>{provider.businessId}</dd>
        </dl>
      </article>

      <section aria-labelledby="other-languages">
        <h2 id="other-languages">{t("preview.otherLanguages")}</h2>
        {others.map((o) => (
          <div key={o.lang} className="staff-preview__other">
            <h3>{t(`preview.inLanguage.${o.lang}`)}</h3>
            <div lang={o.lang}>
              <p className="lead">{o.shortDescription}</p>
              <p className="staff-preview__long">{o.longDescription}</p>
              {o.notes.length > 0 && (
                <ul>
                  {o.notes.map((n, i) => (
                    <li key={i}>{n}</li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        ))}
      </section>

      <PublishForm values={values} version={version} />
    </>
  );
}

function PublishForm({ values, version }: { values: ProfileForm; version: string }) {
  const { t } = useTranslation("staff");
  return (
    <form method="post" className="staff-publish" id="publish" aria-label={t("preview.publishForm")}>
      <CsrfField />
      <input type="hidden" name="version" value={version} />
      {formEntries(values).map(([name, value], i) => (
        <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
      ))}
      <div className="button-row">
        <button type="submit" name="intent" value="publish" className="button">
          {t("preview.publish")}
        </button>
        <button type="submit" name="intent" value="edit" className="button button--secondary">
          {t("preview.edit")}
        </button>
      </div>
    </form>
  );
}
