import { useCachedT } from "./useCachedT";
import type { OfficeView } from "../../view-models/providers";

/**
 * A provider's offices: address, opening hours and physical accessibility, each an item of its own.
 * The public profile and the staff's preview of it both show them; `heading` is the level of each
 * office's heading under the section's own.
 */
export function OfficeList({ offices, heading: Heading }: { offices: OfficeView[]; heading: "h3" | "h4" }) {
  const t = useCachedT("providers");
  return (
    <ul className="card-list office-list">
      {offices.map((o, i) => (
        <li key={i} className="card">
          <Heading>
            {o.streetAddress}, {o.postalCode} {o.municipality}
          </Heading>
          <dl className="summary">
            <dt>{t("providers:profile.hours")}</dt>
            <dd>
              {o.hours.length > 0 ? (
                <ul className="plain-list">
                  {o.hours.map((h) => (
                    <li key={h}>{h}</li>
                  ))}
                </ul>
              ) : (
                t("providers:profile.hoursByAppointment")
              )}
              {o.hoursNote && <p className="hint">{o.hoursNote}</p>}
            </dd>
            <dt>{t("providers:profile.access.heading")}</dt>
            <dd>
              <ul className="plain-list">
                <li>{o.accessibility.stepFreeEntrance ? t("providers:profile.access.stepFree") : t("providers:profile.access.steps")}</li>
                {o.accessibility.lift !== null && <li>{o.accessibility.lift ? t("providers:profile.access.lift") : t("providers:profile.access.noLift")}</li>}
                <li>{o.accessibility.accessibleToilet ? t("providers:profile.access.toilet") : t("providers:profile.access.noToilet")}</li>
                <li>{o.accessibility.inductionLoop ? t("providers:profile.access.loop") : t("providers:profile.access.noLoop")}</li>
                <li>{o.accessibility.accessibleParking ? t("providers:profile.access.parking") : t("providers:profile.access.noParking")}</li>
              </ul>
              {o.accessibility.note && <p className="hint">{o.accessibility.note}</p>}
            </dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
