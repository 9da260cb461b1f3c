import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/CsrfField";
import { ErrorMessage, fieldId } from "~/components/staff/Form";
import type { CustomerView } from "~/view-models/staff";
import type { StaffDisputeView } from "~/view-models/accountability";

export function meetingFieldId(choiceId: number) {
  return fieldId(`meeting_${choiceId}`);
}

/**
 * On a customer's card of the provider staff: the meetings recorded, what the customer answered
 * about them and about the first contact (confirmed or disputed; their note is for the officials
 * only), and the form that records a meeting (issue 16).
 */
export function StaffDelivery({
  c,
  error,
  show,
  page,
}: {
  c: CustomerView;
  error: { message: string; value: string } | null;
  show: string;
  page: number;
}) {
  const { t } = useTranslation("accountability");
  const d = c.delivery;
  if (!d) return null;
  const id = meetingFieldId(c.id);
  const nameId = `customer-${c.id}-name`;
  return (
    <div className="staff-delivery">
      {d.firstContact && <p>{t("staff.firstContactAnswer", { answer: t(`answer.customer.${d.firstContact}`) })}</p>}
      <h4>{t("staff.meetingsHeading", { count: d.meetings.length })}</h4>
      {d.meetings.length > 0 && (
        <ul>
          {d.meetings.map((m) => (
            <li key={m.item}>
              {m.heldOn}: {m.answer ? t(`answer.customer.${m.answer}`) : t("answer.customer.none")}
            </li>
          ))}
        </ul>
      )}
      {!c.movedOn && (
        <form method="post" noValidate className="staff-contact-form">
          <CsrfField />
          <input type="hidden" name="intent" value="meeting" />
          <input type="hidden" name="choice" value={c.id} />
          <input type="hidden" name="show" value={show} />
          <input type="hidden" name="page" value={page} />
          <div className={`field${error ? " field--error" : ""}`}>
            <label htmlFor={id}>{t("staff.meetingLabel")}</label>
            <span id={`${id}-hint`} className="hint">
              {t("staff.meetingHint")}
            </span>
            <ErrorMessage id={`${id}-error`} error={error?.message} />
            <input
              type="date"
              className="input--date"
              id={id}
              name="meetingOn"
              defaultValue={error ? error.value : ""}
              aria-describedby={[nameId, `${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ")}
              aria-invalid={error ? true : undefined}
            />
          </div>
          <button type="submit" className="button button--secondary">
            {t("staff.recordMeeting")}
            <span className="visually-hidden"> {t("staff.recordMeetingFor", { name: c.name })}</span>
          </button>
        </form>
      )}
    </div>
  );
}

/** The records the provider's customers disputed (the pilot's officials handle them; the note is theirs). */
export function StaffDisputes({ disputes }: { disputes: StaffDisputeView[] }) {
  const { t } = useTranslation("accountability");
  return (
    <section aria-labelledby="disputes-heading">
      <h2 id="disputes-heading">{t("staff.disputesHeading")}</h2>
      <p>{t("staff.disputesLead")}</p>
      {disputes.length === 0 ? (
        <p>{t("staff.noDisputes")}</p>
      ) : (
        <ul>
          {disputes.map((d) => (
            <li key={`${d.choiceId}-${d.kind}-${d.on}`}>
              {t("staff.disputeLine", {
                name: d.name,
                what: t(d.kind === "meeting" ? "queue.aboutMeeting" : "queue.aboutContact", { date: d.on }),
                answer: t(`answer.customer.${d.answer}`),
                state: t(`state.${d.state}`),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
