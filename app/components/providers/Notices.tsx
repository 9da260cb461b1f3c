import { useCachedT } from "./useCachedT";
import type { ComparisonNotice } from "../../view-models/providers";

/** What the page ignored or changed in the address, said plainly; the page itself still works. */
export function Notices({ notices }: { notices: ComparisonNotice[] }) {
  const t = useCachedT("providers");
  if (notices.length === 0) return null;
  return (
    <div className="notice" role="status">
      <h2 className="notice__heading">{t("providers:notices.heading")}</h2>
      <ul>
        {notices.map((n) => (
          <li key={`${n.key}:${"value" in n ? n.value : n.municipality}`}>
            {n.key === "municipalityPilot"
              ? t("providers:notices.municipalityPilot", { municipality: n.municipality, pilot: n.pilot })
              : n.key === "pageBeyond"
                ? t("providers:notices.pageBeyond", { value: n.value, last: n.last })
                : t(`providers:notices.${n.key}`, { value: n.value })}
          </li>
        ))}
      </ul>
    </div>
  );
}
