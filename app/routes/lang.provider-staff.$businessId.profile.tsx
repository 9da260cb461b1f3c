import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { profileAction, profileLoader } from "~/.server/provider-staff/pages";
import { Commitments } from "~/components/staff/Commitments";
import { staffMeta } from "~/components/staff/meta";
import { ProfileFormFields } from "~/components/staff/ProfileForm";
import { ProfilePreview } from "~/components/staff/ProfilePreview";

export const meta: MetaFunction<typeof loader> = ({ params, data }) =>
  staffMeta(params, "profile", { provider: data?.provider.name, state: data?.pageState });

export function loader(args: LoaderFunctionArgs) {
  return profileLoader(args);
}

export function action(args: ActionFunctionArgs) {
  return profileAction(args);
}

/** `/{lang}/provider-staff/{businessId}/profile`: edit the public profile, preview it, publish it. */
export default function ProviderStaffProfile() {
  const d = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const base = `/${d.lang}/provider-staff/${d.provider.businessId}`;
  const publicHref = `/${d.lang}/providers/${d.provider.slug}`;

  if (posted?.state === "preview" && posted.preview) {
    return (
      <div className="page page--narrow staff-page">
        <p className="breadcrumb">
          <a href={`${base}/profile`}>{t("preview.cancel")}</a>
        </p>
        <h1>{t("preview.heading", { provider: d.provider.name })}</h1>
        <ProfilePreview
          provider={d.provider}
          view={posted.preview.view}
          others={posted.preview.others}
          changed={posted.changed ?? []}
          commitments={d.commitments}
          services={d.services}
          values={posted.values}
          version={posted.version}
        />
      </div>
    );
  }

  const values = posted?.values ?? d.values;
  return (
    <div className="page page--narrow staff-page">
      <p className="breadcrumb">
        <a href={`/${d.lang}/provider-staff`}>{t("common.back")}</a>
      </p>
      <h1>{t("profile.heading", { provider: d.provider.name })}</h1>
      <p className="lead">{t("profile.lead")}</p>
      {!posted && d.done && (
        <div className="notice notice--success" role="status">
          <p>
            {d.done === "published" ? t("profile.published") : t("profile.unchanged")} <a href={publicHref}>{t("profile.seePublic")}</a>
          </p>
        </div>
      )}
      {posted?.notice === "stale" && (
        <div className="notice" role="alert">
          <p>{t("profile.stale")}</p>
        </div>
      )}
      <ProfileFormFields
        values={values}
        errors={posted?.errors ?? {}}
        version={posted?.version ?? d.version}
        municipalities={d.municipalities}
        languages={d.languages}
      />
      <Commitments commitments={d.commitments} level={2} />
      <p>
        <a href={publicHref}>{t("profile.seePublic")}</a> · <a href={`${base}/customers`}>{t("profile.toCustomers")}</a>
      </p>
    </div>
  );
}
